import ExcelJS from 'exceljs';
import { stringify } from 'csv-stringify/sync';
import vietnameseTopicNames from '../../../locales/vi/topics.json';
import type { Actor } from '../../platform/actor';
import { searchDocuments } from './search';
import { listMentions } from './queries';
import type { DocumentSummary } from './contracts';

export const MAX_EXPORT_ROWS = 10_000;

/** Cells starting with = + - @ are formulas to a spreadsheet: prefix them so exported text stays text (CSV injection). */
function neutralize(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

// `topic` is the model's label (what `topic:` queries and machines read); `topicName` is how people read it.
const columns = [
  'id',
  'publishedAt',
  'source',
  'kind',
  'title',
  'url',
  'sentiment',
  'sentimentReasons',
  'topic',
  'topicName',
  'storyId',
  'lang',
] as const;
const topicNames: Record<string, string> = vietnameseTopicNames;

/** The Vietnamese name of a topic label (the UI's `topics` namespace); a label it lacks (a retrained model) as it is. */
function topicName(topic: string | null): string {
  return topic ? (topicNames[topic] ?? topic) : '';
}

function toRow(document: DocumentSummary): string[] {
  return [
    document.id,
    document.publishedAt,
    document.source,
    document.kind,
    document.title,
    document.url ?? '',
    document.sentiment ?? '',
    document.sentimentReasons.join('; '),
    document.topic ?? '',
    topicName(document.topic),
    document.storyId ?? '',
    document.lang,
  ].map(neutralize);
}

/**
 * Exports search results or a saved query's mentions as CSV (UTF-8 with BOM, so Excel shows Vietnamese
 * correctly) or XLSX. Never includes social authors (only pseudonyms exist, and they are not exported).
 */
export async function exportDocuments({
  actor,
  query,
  queryId,
  from,
  to,
  format,
  limit = MAX_EXPORT_ROWS,
}: {
  actor: Actor;
  query?: string;
  queryId?: string;
  from?: Date;
  to?: Date;
  format: 'csv' | 'xlsx';
  limit?: number;
}): Promise<{ body: ArrayBuffer; contentType: string; filename: string }> {
  const capped = Math.min(limit, MAX_EXPORT_ROWS);
  const documents = queryId
    ? await listMentions({ actor, queryId, from, to, limit: capped })
    : await searchDocuments({
        actor,
        query: query ?? 'lang:vi OR lang:en OR lang:und',
        from: from?.toISOString(),
        to: to?.toISOString(),
        limit: capped,
      });
  const rows = documents.map(toRow);
  const stamp = new Date().toISOString().slice(0, 10);
  if (format === 'csv') {
    const text = '\uFEFF' + stringify([columns as unknown as string[], ...rows]);
    return {
      body: new TextEncoder().encode(text).buffer as ArrayBuffer,
      contentType: 'text/csv; charset=utf-8',
      filename: `nhip-monitoring-${stamp}.csv`,
    };
  }
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Mentions');
  sheet.addRow([...columns]);
  sheet.getRow(1).font = { bold: true };
  for (const row of rows) sheet.addRow(row);
  sheet.columns.forEach((column, index) => (column.width = [8, 22, 20, 8, 60, 40, 10, 30, 20, 22, 10, 5][index] ?? 12));
  const buffer = await workbook.xlsx.writeBuffer();
  return {
    body: buffer as ArrayBuffer,
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    filename: `nhip-monitoring-${stamp}.xlsx`,
  };
}
