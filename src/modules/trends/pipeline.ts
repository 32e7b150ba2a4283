import { rollUpNewMentions } from './rollups';
import { evaluateDirtyHours, evaluateDirtyStories, evaluateWatchedTerms } from './evaluate';

export interface PipelineResult {
  documents: number;
  mentions: number;
  alertsRaised: number;
  isCaughtUp: boolean;
}

/**
 * One pass: roll up new mentions (bounded number of batches), then run the detectors on what changed.
 * Safe to run concurrently and repeatedly: every step takes its input under a lock and is idempotent.
 */
export async function runTrendsPipeline({ now = new Date(), maxBatches = 10 }: { now?: Date; maxBatches?: number } = {}): Promise<PipelineResult> {
  let documents = 0;
  let mentions = 0;
  let isCaughtUp = false;
  for (let i = 0; i < maxBatches; i++) {
    const batch = await rollUpNewMentions({ now });
    documents += batch.documents;
    mentions += batch.mentions;
    if (batch.documents === 0) {
      isCaughtUp = true;
      break;
    }
  }
  let alertsRaised = 0;
  for (const step of [() => evaluateWatchedTerms({ now }), () => evaluateDirtyHours({ now }), () => evaluateDirtyStories()]) {
    for (let i = 0; i < maxBatches; i++) {
      const result = await step();
      alertsRaised += result.alertsRaised;
      if (result.hoursEvaluated === 0) break;
    }
  }
  return { documents, mentions, alertsRaised, isCaughtUp };
}
