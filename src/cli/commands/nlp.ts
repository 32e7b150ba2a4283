/**
 * `nhip nlp …`: evaluate the Vietnamese text models on labelled data and analyse a text.
 *
 *   nhip nlp eval sentiment|topic|toxicity --data FILE.jsonl [--json]
 *   nhip nlp eval diacritics --data FILE.txt [--json]
 *   nhip nlp eval segmentation --data FILE.conllu [--json]
 *   nhip nlp analyze "văn bản" [--json]
 *   nhip nlp models [--json]                      sentiment versions learned from officers' corrections
 *   nhip nlp retrain sentiment [--activate] [--json]
 *   nhip nlp activate sentiment VERSION           (the shipped model's version goes back to it)
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import type { Command } from 'commander';
import { cliActor } from '../actor';
import * as monitoring from '../../modules/monitoring';
import { prepareDatabase } from '../../server/boot';
import { printResult } from '../output';
import { analyzeText, classifyTopicOf } from '../../text/analyze';
import { restoreDiacritics } from '../../text/diacritics';
import {
  evaluateClassifier,
  evaluateDiacritics,
  evaluateSegmentation,
  parseConllu,
  parseLabelledJsonl,
} from '../../text/evaluate';
import { loadTextModels } from '../../text/models';
import { foldDiacritics, normalizeText } from '../../text/normalize';
import { analyzeSentiment } from '../../text/sentiment';
import { detectToxicity } from '../../text/toxicity';

const EVAL_KINDS = ['sentiment', 'topic', 'toxicity', 'diacritics', 'segmentation'] as const;
type EvalKind = (typeof EVAL_KINDS)[number];

const now = () => performance.now();

/** Runs one evaluation and returns the JSON report. Exported for tests and scripts. */
export function runEvaluation(kind: EvalKind, data: string): object {
  const models = loadTextModels();
  switch (kind) {
    case 'sentiment':
      return evaluateClassifier(parseLabelledJsonl(data), (t) => analyzeSentiment(t, models.sentiment).label, now);
    case 'topic':
      return evaluateClassifier(parseLabelledJsonl(data), (t) => classifyTopicOf(t, models)?.label ?? '', now);
    case 'toxicity':
      return evaluateClassifier(parseLabelledJsonl(data), (t) => detectToxicity(t).label, now);
    case 'diacritics':
      return evaluateDiacritics(
        data.split(/\r?\n/),
        (t) => restoreDiacritics(t, models.restorer, { mode: 'text' }),
        normalizeText,
        foldDiacritics,
        now,
      );
    case 'segmentation':
      return evaluateSegmentation(parseConllu(data), models.segmenter, now);
  }
}

function print(result: unknown, json: boolean) {
  if (json) {
    process.stdout.write(`${JSON.stringify(result)}\n`);
    return;
  }
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
}

/** Adds the `nlp` command group to the CLI. */
export function register(program: Command): void {
  const nlp = program.command('nlp').description('Vietnamese text analysis: evaluate models, analyse a text');

  nlp
    .command('eval')
    .description('score a model on labelled data')
    .argument('<kind>', `one of ${EVAL_KINDS.join(', ')}`)
    .requiredOption('--data <file>', 'labelled data: .jsonl {text,label} | .txt accented lines | .conllu')
    .option('--json', 'print JSON')
    .action((kind: string, options: { data: string; json?: boolean }) => {
      if (!(EVAL_KINDS as readonly string[]).includes(kind)) {
        process.stderr.write(`unknown kind "${kind}"; expected one of ${EVAL_KINDS.join(', ')}\n`);
        process.exitCode = 2;
        return;
      }
      let data: string;
      try {
        data = readFileSync(options.data, 'utf8');
      } catch (error) {
        process.stderr.write(`cannot read ${options.data}: ${(error as Error).message}\n`);
        process.exitCode = 2;
        return;
      }
      try {
        print(runEvaluation(kind as EvalKind, data), Boolean(options.json));
      } catch (error) {
        process.stderr.write(`${options.data}: ${(error as Error).message}\n`);
        process.exitCode = 1;
      }
    });

  nlp
    .command('analyze')
    .description('analyse one text: tokens, words, restored text, topic, sentiment with reasons, toxicity')
    .argument('<text>', 'the text ("-" reads standard input)')
    .option('--json', 'print JSON')
    .action((text: string, options: { json?: boolean }) => {
      const input = text === '-' ? readFileSync(0, 'utf8') : text;
      const result = analyzeText(input, loadTextModels());
      if (options.json) {
        print(result, true);
        return;
      }
      const lines = [
        `restored:  ${result.restored}`,
        `words:     ${result.words.join(' | ')}`,
        `topic:     ${result.topic ? `${result.topic.label} (${result.topic.confidence})` : '-'}`,
        `sentiment: ${result.sentiment.label} (${result.sentiment.reasons.map((r) => `${r.text} ${r.weight > 0 ? '+' : ''}${r.weight}`).join(', ') || 'no evidence'})`,
        `toxicity:  ${result.toxicity.label}${result.toxicity.reasons.length ? ` (${result.toxicity.reasons.map((r) => r.text).join(', ')})` : ''}`,
      ];
      process.stdout.write(`${lines.join('\n')}\n`);
    });

  const corrections = (count: number) => `${count} correction${count === 1 ? '' : 's'}`;
  const describeVersion = (model: monitoring.LanguageModelVersion) =>
    `${model.kind} v${model.version}${model.isActive ? ' (active)' : ''}: ${corrections(model.examples)}, the model before agreed with ${model.agreedBefore}, this one with ${model.agreedAfter}; trained from the shipped model, replacing v${model.parentVersion}${
      model.preview
        ? `; would change ${model.preview.changed} labels of the latest ${model.preview.documents} uncorrected documents`
        : ''
    }`;
  const kindOf = (kind: string): monitoring.LanguageModelKind => {
    const known = monitoring.modelKinds.find((each) => each === kind);
    if (!known) throw new Error(`the ${monitoring.modelKinds.join(' and ')} models learn from corrections (got "${kind}")`);
    return known;
  };

  const describeRelabel = (run: monitoring.RelabelRun | null) => {
    if (!run) return 'stored documents: never re-labelled';
    const counts = `${run.examined}${run.total === null ? '' : ` of ${run.total}`} documents read again, ${run.relabelled} labels changed, ${run.keptCorrected} kept as officers corrected them, ${run.keptPurged} with purged text kept`;
    const state = { running: 'going', done: 'done', superseded: 'superseded by a later activation' }[run.status];
    return `re-labelling stored documents for ${run.kind} v${run.version} (run ${run.id}, ${state}): ${counts}`;
  };

  /** The run an activation just started, and who carries it on. */
  const describeStartedRelabel = (run: monitoring.RelabelRun | null, kind: monitoring.LanguageModelKind) =>
    `${describeRelabel(run)}; the workers go on with it (or: npx nhip nlp relabel ${kind})`;

  nlp
    .command('models')
    .description("sentiment and topic model versions learned from officers' corrections, and which ones processing uses")
    .argument('[kind]', 'sentiment or topic (both when left out)')
    .option('--json', 'print JSON')
    .action(async (kind: string | undefined, options: { json?: boolean }) => {
      await prepareDatabase();
      const kinds = kind ? [kindOf(kind)] : monitoring.modelKinds;
      const lists = await Promise.all(kinds.map((each) => monitoring.listModels({ actor: cliActor, kind: each })));
      printResult(lists, options, (all: typeof lists) =>
        all
          .flatMap((list) => [
            `in use: ${list.kind} v${list.activeVersion}${list.activeVersion === list.shippedVersion ? ' (shipped)' : ''}; ${corrections(list.corrections)} to learn from`,
            ...list.versions.map(describeVersion),
            describeRelabel(list.relabel),
          ])
          .join('\n'),
      );
    });

  nlp
    .command('retrain')
    .description("train a new sentiment or topic version on every officer's correction of it kept so far")
    .argument('<kind>', 'sentiment or topic')
    .option('--activate', 'put the new version in use (processing follows at its next batch)')
    .option('--json', 'print JSON')
    .action(async (kind: string, options: { activate?: boolean; json?: boolean }) => {
      const modelKind = kindOf(kind);
      await prepareDatabase();
      const model = await monitoring.retrainModel({ actor: cliActor, kind: modelKind, activate: Boolean(options.activate) });
      if (!options.activate) {
        printResult(model, options, describeVersion);
        return;
      }
      const relabel = await monitoring.latestRelabelRun(modelKind);
      printResult(
        { ...model, relabel },
        options,
        () => `${describeVersion(model)}\n${describeStartedRelabel(relabel, modelKind)}`,
      );
    });

  nlp
    .command('activate')
    .description("put a stored sentiment or topic version in use; the shipped model's version goes back to the shipped model")
    .argument('<kind>', 'sentiment or topic')
    .argument('<version>', 'version number')
    .option('--json', 'print JSON')
    .action(async (kind: string, version: string, options: { json?: boolean }) => {
      const modelKind = kindOf(kind);
      if (!/^\d+$/.test(version)) throw new Error(`version must be a number (got "${version}")`);
      await prepareDatabase();
      await monitoring.activateModel({ actor: cliActor, kind: modelKind, version: Number(version) });
      const models = await monitoring.listModels({ actor: cliActor, kind: modelKind });
      printResult(
        { kind: modelKind, activeVersion: models.activeVersion, relabel: models.relabel },
        options,
        () => `in use: ${modelKind} v${models.activeVersion}\n${describeStartedRelabel(models.relabel, modelKind)}`,
      );
    });

  nlp
    .command('relabel')
    .description(
      'read the stored documents again with the sentiment or topic version in use, here and now (the workers do it in the background after each activation)',
    )
    .argument('<kind>', 'sentiment or topic')
    .option('--json', 'print JSON')
    .action(async (kind: string, options: { json?: boolean }) => {
      const modelKind = kindOf(kind);
      await prepareDatabase();
      const latest = await monitoring.latestRelabelRun(modelKind);
      if (!latest || latest.status !== 'running') {
        printResult(latest, options, () => `nothing to re-label: ${describeRelabel(latest)}`);
        return;
      }
      printResult(await monitoring.continueRelabelRun(latest.id), options, describeRelabel);
    });
}
