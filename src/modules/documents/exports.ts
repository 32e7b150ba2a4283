import ExcelJS from 'exceljs';
import type { Actor } from '../../platform/actor';
import { buildAdminDocument } from '../../platform/admin-document';
import { getOrganization } from '../agencies';
import type { StoredParse } from './contracts';
import { loadDocumentTasks } from './tasks';

const statusLabels: Record<string, string> = {
  not_started: 'Chưa thực hiện',
  in_progress: 'Đang thực hiện',
  done: 'Hoàn thành',
  overdue: 'Quá hạn',
};

function vietnameseDate(isoDate: string | null): string {
  return isoDate ? isoDate.split('-').reverse().join('/') : '';
}

/** The tasks of a document as an XLSX workbook (Vietnamese headers, dd/mm/yyyy dates). */
export async function exportDocumentTasksXlsx({
  actor,
  documentId,
}: {
  actor: Actor;
  documentId: string;
}): Promise<{ fileName: string; bytes: Uint8Array }> {
  const { document, tasks } = await loadDocumentTasks(actor, documentId);
  const parse = document.parse as StoredParse | null;
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Nhịp';
  const sheet = workbook.addWorksheet('Nhiệm vụ');
  sheet.addRow([`${parse?.type.name ?? ''} ${parse?.number ?? ''}`.trim(), parse?.subject ?? '']);
  sheet.addRow([]);
  const header = sheet.addRow([
    'Khoản',
    'Cơ quan được giao',
    'Cơ quan chủ trì hiện nay',
    'Cơ quan kế thừa',
    'Nhiệm vụ',
    'Hạn',
    'Định kỳ',
    'Trạng thái',
    'Hoàn thành lúc',
  ]);
  header.font = { bold: true };
  for (const task of tasks) {
    sheet.addRow([
      task.clause,
      task.assignedOrganization.name,
      task.ownerOrganization.name,
      task.successors.map((successor) => successor.name).join('; '),
      task.task,
      vietnameseDate(task.dueOn),
      task.recurrence ?? '',
      statusLabels[task.status] ?? task.status,
      task.completedAt ? vietnameseDate(task.completedAt.slice(0, 10)) : '',
    ]);
  }
  const widths = [8, 40, 40, 40, 80, 12, 12, 16, 14];
  widths.forEach((width, index) => (sheet.getColumn(index + 1).width = width));
  sheet.getColumn(5).alignment = { wrapText: true, vertical: 'top' };
  sheet.views = [{ state: 'frozen', ySplit: 3 }];
  const buffer = await workbook.xlsx.writeBuffer();
  const slug = (parse?.number ?? document.id).replace(/[^\p{L}\p{N}-]+/gu, '-');
  return { fileName: `nhiem-vu-${slug}.xlsx`, bytes: new Uint8Array(buffer as ArrayBuffer) };
}

export interface ProgressReportOptions {
  actor: Actor;
  documentId: string;
  /** Place of issue printed beside the date (default Hà Nội). */
  place?: string;
  signerName?: string;
  signerCapacity?: string;
  now?: Date;
}

/**
 * A progress report on a document's tasks as DOCX in the administrative format of Decree 30/2020/NĐ-CP
 * (built by the shared `platform/admin-document` builder): totals, a table per clause, overdue tasks.
 */
export async function buildProgressReportDocx({
  actor,
  documentId,
  place = 'Hà Nội',
  signerName = '',
  signerCapacity = '',
  now = new Date(),
}: ProgressReportOptions) {
  const { document, tasks } = await loadDocumentTasks(actor, documentId);
  const parse = document.parse as StoredParse | null;
  const issuing = await getOrganization({ organizationId: actor.organizationId ?? document.organizationId });
  const reference = `${parse?.type.name ?? 'văn bản'}${parse?.number ? ` số ${parse.number}` : ''}${parse?.issuedOn ? ` ngày ${vietnameseDate(parse.issuedOn)}` : ''}`;
  const count = (status: string, list = tasks) => list.filter((task) => task.status === status).length;
  const clauses = [...new Set(tasks.map((task) => task.clause))];
  const rows = clauses.map((clause) => {
    const ofClause = tasks.filter((task) => task.clause === clause);
    return [
      clause,
      ofClause[0]!.task.slice(0, 300),
      ofClause.length,
      count('done', ofClause),
      count('in_progress', ofClause),
      count('not_started', ofClause),
      count('overdue', ofClause),
    ];
  });
  const overdue = tasks.filter((task) => task.status === 'overdue');
  const body = [
    {
      kind: 'paragraph' as const,
      text: `Thực hiện ${reference}${parse?.subject ? ` ${parse.subject.replace(/^(v\/v|về)\s*/i, 'về ')}` : ''}, ${issuing.name} báo cáo tình hình thực hiện như sau:`,
    },
    { kind: 'heading' as const, text: 'I. TÌNH HÌNH CHUNG' },
    {
      kind: 'paragraph' as const,
      text: `Tổng số nhiệm vụ: ${tasks.length}; hoàn thành: ${count('done')}; đang thực hiện: ${count('in_progress')}; chưa thực hiện: ${count('not_started')}; quá hạn: ${count('overdue')}.`,
    },
    { kind: 'heading' as const, text: 'II. KẾT QUẢ THEO TỪNG NHIỆM VỤ' },
    {
      kind: 'table' as const,
      header: ['Khoản', 'Nhiệm vụ', 'Số cơ quan', 'Hoàn thành', 'Đang thực hiện', 'Chưa thực hiện', 'Quá hạn'],
      rows,
      columnWidthsPercent: [8, 44, 10, 10, 10, 9, 9],
    },
    { kind: 'heading' as const, text: 'III. NHIỆM VỤ QUÁ HẠN' },
    overdue.length > 0
      ? {
          kind: 'table' as const,
          header: ['Khoản', 'Cơ quan chủ trì', 'Hạn'],
          rows: overdue.map((task) => [task.clause, task.ownerOrganization.name, vietnameseDate(task.dueOn)]),
          columnWidthsPercent: [12, 68, 20],
        }
      : { kind: 'paragraph' as const, text: 'Không có nhiệm vụ quá hạn.' },
  ];
  const bytes = await buildAdminDocument({
    issuingBody: { name: issuing.name },
    numberSymbol: '   /BC',
    place,
    date: now,
    documentType: 'BÁO CÁO',
    title: `Tình hình thực hiện ${reference}`,
    body,
    recipients: ['Như trên;', 'Lưu: VT.'],
    signature: { capacity: signerCapacity, signerName },
  });
  const slug = (parse?.number ?? document.id).replace(/[^\p{L}\p{N}-]+/gu, '-');
  return { fileName: `bao-cao-${slug}.docx`, bytes: new Uint8Array(bytes) };
}
