import { asc, eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { stringify } from 'csv-stringify/sync';
import { getDb } from '../../platform/db';
import type { Actor } from '../../platform/actor';
import { buildAdminDocument, type AdminBlock } from '../../platform/admin-document';
import {
  listQuestions,
  type AnswerValue,
  type ContactAnswer,
  type FileAnswer,
  type Question,
  type TableAnswer,
} from './form-model';
import { surveyCampaignTargets, surveyPublicResponses, surveyResponses } from './schema';
import { assertCanManageSurveys, canSeeContacts } from './policies';
import { loadCampaign } from './campaigns';
import { loadForm } from './forms';
import { loadSubmittedAnswers } from './responses';
import { getCampaignResults } from './results';
import { formatVietnameseDate } from './dates';
import { renderBarChart } from './report-charts';
import { logger } from '../../platform/logger';

export interface ExportColumn {
  key: string;
  header: string;
  read: (value: AnswerValue | undefined) => string | number | boolean | null;
}

const contactFields: { field: keyof ContactAnswer; label: string }[] = [
  { field: 'fullName', label: 'Họ và tên' },
  { field: 'position', label: 'Chức vụ' },
  { field: 'phone', label: 'Điện thoại' },
  { field: 'email', label: 'Email' },
];

/** One column per question, per table cell and per contact field; choice values are exported as their labels. */
export function exportColumns(question: Question, includeContacts: boolean): ExportColumn[] {
  switch (question.type) {
    case 'table':
      return question.rows.flatMap((row) =>
        question.columns.map((column) => ({
          key: `${question.id}.${row.id}.${column.id}`,
          header: `${question.label} — ${row.label} — ${column.label}`,
          read: (value: AnswerValue | undefined) => (value as TableAnswer | undefined)?.[row.id]?.[column.id] ?? null,
        })),
      );
    case 'contact':
      if (!includeContacts) return [];
      return contactFields.map(({ field, label }) => ({
        key: `${question.id}.${field}`,
        header: `${question.label} — ${label}`,
        read: (value: AnswerValue | undefined) => (value as ContactAnswer | undefined)?.[field] || null,
      }));
    case 'single-choice':
      return [
        {
          key: question.id,
          header: question.label,
          read: (value) => (typeof value === 'string' ? (question.options.find((o) => o.value === value)?.label ?? value) : null),
        },
      ];
    case 'multiple-choice':
      return [
        {
          key: question.id,
          header: question.label,
          read: (value) =>
            Array.isArray(value) ? value.map((v) => question.options.find((o) => o.value === v)?.label ?? v).join('; ') : null,
        },
      ];
    case 'yes-no':
      return [
        { key: question.id, header: question.label, read: (value) => (value === true ? 'Có' : value === false ? 'Không' : null) },
      ];
    case 'file':
      return [{ key: question.id, header: question.label, read: (value) => (value ? (value as FileAnswer).fileName : null) }];
    case 'number':
      return [
        {
          key: question.id,
          header: question.unit ? `${question.label} (${question.unit})` : question.label,
          read: (value) => (typeof value === 'number' ? value : null),
        },
      ];
    default:
      return [{ key: question.id, header: question.label, read: (value) => (typeof value === 'string' ? value : null) }];
  }
}

const statusLabels = { submitted: 'Đã gửi', draft: 'Đang soạn', 'not-started': 'Chưa bắt đầu' } as const;

/**
 * The export table of a campaign: one row per addressed organization, one column per question / table cell /
 * contact field, cells holding the last submitted values (drafts are not exported, only their status).
 * Contact columns appear only for the coordinating organization.
 */
export async function buildExportTable({ actor, campaignId }: { actor: Actor; campaignId: string }) {
  assertCanManageSurveys(actor, 'export answers');
  const db = await getDb();
  const campaign = await loadCampaign(db, campaignId);
  const form = await loadForm(db, campaign.formId);
  const includeContacts = canSeeContacts(actor, campaign.ownerOrganizationId, '');
  const columns = listQuestions(form.definition).flatMap((question) =>
    exportColumns(question, includeContacts).map((column) => ({ ...column, questionId: question.id })),
  );
  const targets = (await db.select().from(surveyCampaignTargets).where(eq(surveyCampaignTargets.campaignId, campaignId))).sort(
    (a, b) => a.organizationName.localeCompare(b.organizationName, 'vi'),
  );
  const responses = await db.select().from(surveyResponses).where(eq(surveyResponses.campaignId, campaignId));
  const statusByOrg = new Map(responses.map((r) => [r.organizationId, r.status]));
  const submitted = await loadSubmittedAnswers(db, campaignId);
  const header = ['Mã cơ quan', 'Cơ quan', 'Loại', 'Trạng thái', 'Ngày gửi', ...columns.map((c) => c.header)];
  const keys = ['organizationId', 'organizationName', 'organizationKind', 'status', 'submittedAt', ...columns.map((c) => c.key)];
  const rows = targets.map((target) => {
    const last = submitted.get(target.organizationId);
    const status = statusByOrg.get(target.organizationId) ?? 'not-started';
    return [
      target.organizationId,
      target.organizationName,
      target.organizationKind,
      statusLabels[status],
      last ? formatVietnameseDate(last.submittedAt) : null,
      ...columns.map((column) => (last ? column.read(last.answers[column.questionId]) : null)),
    ];
  });
  // Answers through the public link: one row each, same question columns.
  const publicRows = (
    await db
      .select()
      .from(surveyPublicResponses)
      .where(eq(surveyPublicResponses.campaignId, campaignId))
      .orderBy(asc(surveyPublicResponses.submittedAt))
  ).map((answer) => [
    answer.respondentOrganization,
    formatVietnameseDate(answer.submittedAt),
    ...columns.map((column) => column.read(answer.answers[column.questionId])),
  ]);
  const publicHeader = ['Cơ quan (tự khai)', 'Ngày gửi', ...columns.map((c) => c.header)];
  return { title: campaign.title, header, keys, rows, publicHeader, publicRows };
}

/** XLSX workbook of all answers (sheet "Trả lời") with a frozen header and the column keys in row 2. */
export async function exportCampaignXlsx({ actor, campaignId }: { actor: Actor; campaignId: string }): Promise<Buffer> {
  const table = await buildExportTable({ actor, campaignId });
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Nhịp';
  const sheet = workbook.addWorksheet('Trả lời', { views: [{ state: 'frozen', xSplit: 2, ySplit: 2 }] });
  sheet.addRow(table.header).font = { bold: true };
  // Machine-readable keys, so that a re-import or a script can find columns whatever the labels.
  sheet.addRow(table.keys).font = { italic: true, color: { argb: 'FF808080' } };
  for (const row of table.rows) sheet.addRow(row);
  sheet.columns.forEach((column, index) => {
    column.width = index < 2 ? 36 : 22;
  });
  if (table.publicRows.length > 0) {
    const publicSheet = workbook.addWorksheet('Phiếu công khai', { views: [{ state: 'frozen', ySplit: 1 }] });
    publicSheet.addRow(table.publicHeader).font = { bold: true };
    for (const row of table.publicRows) publicSheet.addRow(row);
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** CSV (UTF-8 with BOM so that Excel shows Vietnamese correctly) of all answers. */
export async function exportCampaignCsv({ actor, campaignId }: { actor: Actor; campaignId: string }): Promise<Buffer> {
  const table = await buildExportTable({ actor, campaignId });
  const text = stringify([
    table.header,
    ...table.rows.map((row) => row.map((cell) => (cell === null ? '' : typeof cell === 'boolean' ? String(cell) : cell))),
  ]);
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
}

const kindLabels: Record<string, string> = {
  ministry: 'Bộ',
  'ministerial-agency': 'Cơ quan ngang bộ',
  'government-agency': 'Cơ quan thuộc Chính phủ',
  province: 'Tỉnh, thành phố',
  'press-agency': 'Cơ quan báo chí',
};

export interface ReportOptions {
  issuingBody?: { parent?: string; name: string };
  numberSymbol?: string;
  place?: string;
  signature?: { authority?: string; capacity: string; signerName: string };
  recipients?: string[];
  date?: Date;
}

/** DOCX summary report of a campaign for the leadership, in the Decree 30 format. */
export async function exportCampaignReport({
  actor,
  campaignId,
  options = {},
}: {
  actor: Actor;
  campaignId: string;
  options?: ReportOptions;
}): Promise<Buffer> {
  const results = await getCampaignResults({ actor, campaignId });
  const body: AdminBlock[] = [
    { kind: 'heading', text: 'I. TÌNH HÌNH TRIỂN KHAI' },
    {
      kind: 'paragraph',
      text: `Phiếu "${results.formTitle}" được gửi tới ${results.targetCount} cơ quan; đến nay ${results.submittedCount} cơ quan đã gửi phiếu (${results.targetCount > 0 ? Math.round((results.submittedCount / results.targetCount) * 100) : 0}%)${results.publicAnswerCount ? `, ngoài ra có ${results.publicAnswerCount} phiếu trả lời qua đường liên kết công khai` : ''}.`,
    },
    { kind: 'heading', text: 'II. KẾT QUẢ TỔNG HỢP' },
  ];
  let index = 0;
  for (const section of results.sections) {
    body.push({ kind: 'paragraph', text: section.title, isBold: true });
    for (const aggregate of section.questions) {
      index++;
      const prefix = `${index}. ${aggregate.label}`;
      switch (aggregate.type) {
        case 'yes-no':
          body.push({
            kind: 'paragraph',
            text: `${prefix}: có ${aggregate.counts.yes}, không ${aggregate.counts.no} (trên ${aggregate.answered} cơ quan trả lời).`,
          });
          if (Object.keys(aggregate.byKind).length > 1) {
            body.push({
              kind: 'table',
              header: ['Nhóm cơ quan', 'Có', 'Không'],
              rows: Object.entries(aggregate.byKind).map(([kind, counts]) => [kindLabels[kind] ?? kind, counts.yes, counts.no]),
            });
          }
          break;
        case 'single-choice':
        case 'multiple-choice':
          body.push({ kind: 'paragraph', text: `${prefix}:` });
          body.push({
            kind: 'table',
            header: ['Lựa chọn', 'Số cơ quan'],
            rows: aggregate.options.map((option) => [option.label, option.count]),
            columnWidthsPercent: [75, 25],
          });
          if (aggregate.answered > 0) {
            try {
              const chart = await renderBarChart(
                aggregate.options.map((option) => ({ label: option.label, value: option.count })),
              );
              body.push({ kind: 'image', type: 'png', data: chart.data, widthPx: chart.widthPx, heightPx: chart.heightPx });
            } catch (error) {
              // A server without a canvas backend still gets the table.
              logger.warn({ err: error }, 'survey report chart not drawn');
            }
          }
          break;
        case 'number':
          body.push({
            kind: 'paragraph',
            text: `${prefix}: tổng ${aggregate.stats.sum.toLocaleString('vi-VN')}${aggregate.unit ? ` ${aggregate.unit}` : ''}, bình quân ${aggregate.stats.mean?.toLocaleString('vi-VN') ?? '—'} (${aggregate.answered} cơ quan trả lời).`,
          });
          break;
        case 'table':
          body.push({ kind: 'paragraph', text: `${prefix}:` });
          body.push({
            kind: 'table',
            header: ['Vị trí', 'Cột', 'Tổng', 'Bình quân'],
            rows: aggregate.cells.map((c) => [c.rowLabel, c.columnLabel, c.stats.sum, c.stats.mean]),
          });
          break;
        case 'short-text':
        case 'long-text':
          body.push({ kind: 'paragraph', text: `${prefix}: ${aggregate.answered} ý kiến, theo các nhóm chủ đề:` });
          body.push({
            kind: 'bullets',
            items: aggregate.themes.map(
              (theme) =>
                `${theme.keyword || 'Ý kiến khác'}: ${theme.count} ý kiến (${theme.answers
                  .slice(0, 5)
                  .map((a) => a.organizationName)
                  .join(', ')}${theme.count > 5 ? ', …' : ''})`,
            ),
          });
          break;
        case 'date':
          body.push({ kind: 'paragraph', text: `${prefix}: ${aggregate.answered} cơ quan trả lời.` });
          break;
        case 'file':
        case 'contact':
          body.push({ kind: 'paragraph', text: `${prefix}: ${aggregate.answered} cơ quan đã cung cấp.` });
          break;
      }
    }
  }
  body.push(
    { kind: 'heading', text: 'III. ĐỀ XUẤT, KIẾN NGHỊ' },
    { kind: 'paragraph', text: '(Cơ quan điều phối bổ sung.)', isItalic: true },
  );
  return buildAdminDocument({
    issuingBody: options.issuingBody ?? { parent: 'Bộ Thông tin và Truyền thông', name: 'Cục Báo chí' },
    numberSymbol: options.numberSymbol ?? '      /BC-CBC',
    place: options.place ?? 'Hà Nội',
    date: options.date ?? new Date(),
    documentType: 'Báo cáo',
    title: `Kết quả ${results.title.charAt(0).toLowerCase()}${results.title.slice(1)}`,
    body,
    recipients: options.recipients ?? ['Lãnh đạo Bộ (để b/c);', 'Lưu: VT.'],
    signature: options.signature ?? { authority: 'KT. Cục trưởng', capacity: 'Phó Cục trưởng', signerName: '' },
  });
}
