import { systemActor } from '../../platform/actor';
import { createSavedQuery, ingestBatch, loadProcessingContext } from '../monitoring';
import { createTestUser, signInAs, uniqueSuffix } from '../../../test/factories';

/** A fresh organization with an officer, a session and one saved query on a unique token. */
export async function setUpQuery() {
  const user = await createTestUser({ role: 'officer' });
  const session = await signInAs(user);
  const token = `tk${uniqueSuffix()}`;
  const query = await createSavedQuery({
    actor: systemActor,
    input: { organizationId: user.organizationId, name: `Theo dõi ${token}`, query: token, isAccentExact: false, isActive: true },
  });
  return { user, session, token, query, organizationId: user.organizationId };
}

let counter = 0;

/** Stores documents that mention `token`, one per entry, through the real monitoring ingest. */
export async function ingestMentions(
  token: string,
  entries: { at: Date; source?: string; negative?: boolean; title?: string; text?: string; kind?: 'news' | 'social' }[],
) {
  const context = await loadProcessingContext({});
  const items = entries.map((entry) => {
    counter++;
    const unique = `${uniqueSuffix()}${counter}`;
    const mood = entry.negative
      ? 'người dân bức xúc, phản đối gay gắt, lo ngại tiêu cực và thất vọng'
      : 'thành công tốt đẹp, người dân hài lòng và phấn khởi, đánh giá cao hiệu quả';
    return {
      url: `https://${entry.source ?? 'bao-thu.vn'}/bai-${unique}.html`,
      title: entry.title ?? `Bản tin ${token} số ${unique}`,
      text:
        entry.text ??
        `Nội dung ${token} ${unique}: ${mood}. Mã ${unique} ${unique.split('').reverse().join('')} giúp phân biệt bài viết này với các bài khác.`,
      publishedAt: entry.at.toISOString(),
      source: entry.source ?? 'bao-thu.vn',
      kind: entry.kind ?? 'news',
    };
  });
  for (let i = 0; i < items.length; i += 2000) await ingestBatch({ items: items.slice(i, i + 2000), context });
}
