import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { getDb } from '../../platform/db';
import { env } from '../../platform/env';
import { createTestOrganization, createTestUser, signInAs, testApp } from '../../../test/factories';
import { processDocument } from './processing';
import { sendTaskRemindersJob, sendReminderMailJob } from './jobs';
import { mailNotifications } from './reminders';
import { addDays } from './dates';
import { dateInVietnam } from '../../platform/dates';
import { documentNotifications, documentTaskReminders, documentTasks, documents } from './schema';

const seedsDir = path.resolve(import.meta.dirname, '../../../../shared/seeds');
const seed = (prefix: string) =>
  fs.readFileSync(
    path.join(
      seedsDir,
      fs.readdirSync(seedsDir).find((name) => name.startsWith(prefix))!,
    ),
    'utf8',
  );
const fixture = (name: string) =>
  new Uint8Array(fs.readFileSync(path.resolve(import.meta.dirname, '../../../test-data/documents', name)));

type Client = Awaited<ReturnType<typeof signInAs>>;
interface DocumentBody {
  id: string;
  status: string;
  progress: { pagesDone: number; pagesTotal: number };
  error: { code: string; message: string } | null;
  attempts: number;
}
interface TaskBody {
  id: string;
  clause: string;
  dueOn: string | null;
  status: string;
  assignedOrganization: { id: string; name: string };
  ownerOrganization: { id: string; name: string };
  successors: { id: string; name: string }[];
}

function upload(client: Client, bytes: Uint8Array, fileName: string, type: string) {
  const form = new FormData();
  form.append('file', new File([Buffer.from(bytes)], fileName, { type }));
  return testApp().request('/api/documents', { method: 'POST', headers: client.headers, body: form });
}

/** Uploads pasted text, runs the processing job's handler, and returns the processed document. */
async function uploadAndProcess(client: Client, text: string): Promise<DocumentBody> {
  const response = await client.request('/api/documents', { method: 'POST', body: { text, fileName: 'van-ban.txt' } });
  expect([200, 201]).toContain(response.status);
  const created = (await response.json()) as DocumentBody;
  await processDocument({ documentId: created.id });
  return (await (await client.request(`/api/documents/${created.id}`)).json()) as DocumentBody;
}

async function confirmedSeed(prefix: string) {
  const organization = await createTestOrganization({ kind: 'ministry' });
  const officer = await createTestUser({ role: 'officer', organizationId: organization.id });
  const client = await signInAs(officer);
  // A unique trailer keeps each test's upload a distinct document (same bytes → same document).
  const document = await uploadAndProcess(client, `${seed(prefix)}\n\n${organization.id}`);
  expect(document.status).toBe('ready');
  const confirmation = await client.request(`/api/documents/${document.id}/confirm`, { method: 'POST' });
  expect(confirmation.status).toBe(200);
  const tasks = (await (await client.request(`/api/tasks?scope=all&documentId=${document.id}`)).json()) as TaskBody[];
  return { organization, client, document, tasks, confirmation: (await confirmation.json()) as { tasksCreated: number } };
}

describe('documents → tasks', () => {
  it('turns seed 002 into tasks: clause 1 due 30/06/2022 for ministries and provinces, progress readable, matrix and exports', async () => {
    const { client, document, tasks, confirmation } = await confirmedSeed('002');
    expect(document.progress.pagesTotal).toBeGreaterThanOrEqual(1);
    expect(document.progress.pagesDone).toBe(document.progress.pagesTotal);
    expect(confirmation.tasksCreated).toBe(tasks.length);

    const clause1 = tasks.filter((task) => task.clause === '1');
    expect(clause1.length).toBeGreaterThan(80);
    expect(new Set(clause1.map((task) => task.dueOn))).toEqual(new Set(['2022-06-30']));
    const owners = clause1.map((task) => task.ownerOrganization.id);
    expect(owners).toContain('bo-tu-phap');
    expect(owners).toContain('bo-y-te');
    expect(owners.some((id) => id.startsWith('tinh-'))).toBe(true);
    const clause4 = tasks.filter((task) => task.clause === '4');
    expect(new Set(clause4.map((task) => task.dueOn))).toEqual(new Set(['2022-03-31']));
    // Due dates in 2022 are past: the tasks start overdue.
    expect(clause1.every((task) => task.status === 'overdue')).toBe(true);

    const matrix = (await (await client.request(`/api/documents/${document.id}/matrix`)).json()) as {
      columns: { clause: string }[];
      rows: { organization: { id: string }; cells: { status: string }[] }[];
    };
    expect(matrix.columns.map((column) => column.clause)).toEqual(['1', '2', '3', '4']);
    expect(matrix.rows.find((row) => row.organization.id === 'bo-tu-phap')?.cells).toHaveLength(4);

    const xlsx = await client.request(`/api/documents/${document.id}/tasks.xlsx`);
    expect(xlsx.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await xlsx.arrayBuffer());
    expect(workbook.worksheets[0]!.rowCount).toBe(3 + tasks.length);

    const docx = await client.request(
      `/api/documents/${document.id}/progress-report.docx?signerName=Nguy%E1%BB%85n%20V%C4%83n%20A`,
    );
    expect(docx.status).toBe(200);
    expect(
      Buffer.from(await docx.arrayBuffer())
        .subarray(0, 2)
        .toString(),
    ).toBe('PK');

    // Confirming twice is refused; the same bytes uploaded again are the same document.
    expect((await client.request(`/api/documents/${document.id}/confirm`, { method: 'POST' })).status).toBe(409);
  });

  it('keeps seed 000 clause 3 with the Ministry of Information and Communications, lists its successors, and lets a coordinator hand it on', async () => {
    const { tasks } = await confirmedSeed('000');
    const clause3 = tasks.filter((task) => task.clause.startsWith('3.'));
    expect(clause3.map((task) => task.clause).sort()).toEqual(['3.a', '3.b', '3.c', '3.d', '3.đ']);
    for (const task of clause3) {
      expect(task.assignedOrganization.id).toBe('bo-thong-tin-va-truyen-thong');
      expect(task.successors.map((successor) => successor.id)).toContain('bo-khoa-hoc-va-cong-nghe');
    }
    expect(tasks.filter((task) => task.clause === '2').map((task) => task.ownerOrganization.id)).toEqual(['van-phong-chinh-phu']);
    expect(tasks.filter((task) => task.clause.startsWith('4.')).every((task) => task.ownerOrganization.id === 'bo-tu-phap')).toBe(
      true,
    );

    const coordinator = await signInAs(await createTestUser({ role: 'coordinator' }));
    const reassigned = await coordinator.request(`/api/tasks/${clause3[0]!.id}/reassign`, {
      method: 'POST',
      body: { organizationId: 'bo-khoa-hoc-va-cong-nghe', note: 'Chuyển cho cơ quan kế thừa' },
    });
    expect(reassigned.status).toBe(200);
    const detail = (await reassigned.json()) as TaskBody & { history: { kind: string }[] };
    expect(detail.ownerOrganization.id).toBe('bo-khoa-hoc-va-cong-nghe');
    expect(detail.assignedOrganization.id).toBe('bo-thong-tin-va-truyen-thong');
    expect(detail.history.map((event) => event.kind)).toEqual(['created', 'reassigned']);

    // An officer of the successor now sees it among its organization's tasks.
    const successorOfficer = await signInAs(
      await createTestUser({ role: 'officer', organizationId: 'bo-khoa-hoc-va-cong-nghe' }),
    );
    const mine = (await (await successorOfficer.request('/api/tasks?scope=mine')).json()) as TaskBody[];
    expect(mine.map((task) => task.id)).toContain(clause3[0]!.id);
  });

  it("keeps a province out of another organization's document and tasks unless it was assigned", async () => {
    const { document, tasks } = await confirmedSeed('002');
    const assignedTask = tasks.find((task) => task.ownerOrganization.id.startsWith('tinh-'))!;
    const assigned = await signInAs(await createTestUser({ role: 'officer', organizationId: assignedTask.ownerOrganization.id }));
    const outsider = await signInAs(await createTestUser({ role: 'officer' }));

    expect((await assigned.request(`/api/documents/${document.id}`)).status).toBe(200);
    expect((await assigned.request(`/api/tasks/${assignedTask.id}`)).status).toBe(200);
    // Assigned organizations see their own tasks, not the whole matrix.
    expect((await assigned.request(`/api/documents/${document.id}/matrix`)).status).toBe(403);
    const otherTask = tasks.find((task) => task.ownerOrganization.id !== assignedTask.ownerOrganization.id)!;
    expect((await assigned.request(`/api/tasks/${otherTask.id}`)).status).toBe(404);

    expect((await outsider.request(`/api/documents/${document.id}`)).status).toBe(404);
    expect((await outsider.request(`/api/documents/${document.id}/parse`)).status).toBe(404);
    expect((await outsider.request(`/api/documents/${document.id}/matrix`)).status).toBe(404);
    expect((await outsider.request(`/api/tasks/${assignedTask.id}`)).status).toBe(404);
    expect((await outsider.request(`/api/tasks/${assignedTask.id}`, { method: 'PATCH', body: { status: 'done' } })).status).toBe(
      404,
    );
    const outsiderTasks = (await (await outsider.request('/api/tasks?scope=all')).json()) as TaskBody[];
    expect(outsiderTasks).toHaveLength(0);

    // The assigned province reports progress with an attachment; the history records it.
    const form = new FormData();
    form.append('body', 'Đã thành lập tổ truyền thông chính sách.');
    form.append('percentComplete', '40');
    form.append('attachments', new File(['biên bản'], 'bien-ban.txt', { type: 'text/plain' }));
    const report = await testApp().request(`/api/tasks/${assignedTask.id}/reports`, {
      method: 'POST',
      headers: assigned.headers,
      body: form,
    });
    expect(report.status).toBe(201);
    const detail = (await report.json()) as {
      reports: { attachments: { id: string }[] }[];
      history: { kind: string }[];
      status: string;
    };
    expect(detail.history.map((event) => event.kind)).toContain('progress-report');
    const attachmentId = detail.reports[0]!.attachments[0]!.id;
    const download = await assigned.request(`/api/tasks/${assignedTask.id}/attachments/${attachmentId}`);
    expect(await download.text()).toBe('biên bản');
    expect((await outsider.request(`/api/tasks/${assignedTask.id}/attachments/${attachmentId}`)).status).toBe(404);
  });

  it('reviews and corrects the parse, keeping the raw text beside the repaired text', async () => {
    const organization = await createTestOrganization({ kind: 'ministry' });
    const client = await signInAs(await createTestUser({ role: 'officer', organizationId: organization.id }));
    const document = await uploadAndProcess(client, `${seed('000')}\n\n${organization.id}`);
    const review = (await (await client.request(`/api/documents/${document.id}/parse`)).json()) as {
      rawText: string;
      repairedText: string;
      parse: { number: string; assignments: { clause: string; evidence: { text: string; span: [number, number] } }[] };
    };
    expect(review.parse.number).toBe('07/CT-TTg');
    expect(review.rawText).not.toBe(review.repairedText);
    const first = review.parse.assignments[0]!;
    expect(review.repairedText.slice(first.evidence.span[0], first.evidence.span[1])).toBe(first.evidence.text);

    const corrected = await client.request(`/api/documents/${document.id}/parse`, {
      method: 'PUT',
      body: {
        subject: 'Về việc tăng cường công tác truyền thông chính sách',
        repairedText: `${review.repairedText}\n`,
        assignments: [
          {
            clause: '9',
            agencies: [{ id: 'bo-thong-tin-va-truyen-thong', name: 'Bộ Thông tin và Truyền thông' }],
            task: 'Báo cáo kết quả',
            dueOn: '2099-12-31',
            recurrence: 'yearly',
            evidence: { text: '', span: null },
          },
        ],
      },
    });
    expect(corrected.status).toBe(200);
    const after = (await corrected.json()) as typeof review & {
      parse: { assignments: { agencies: { successors: { id: string }[] }[] }[] };
    };
    expect(after.rawText).toBe(review.rawText);
    expect(after.repairedText).toBe(`${review.repairedText}\n`);
    expect(after.parse.assignments).toHaveLength(1);
    expect(after.parse.assignments[0]!.agencies[0]!.successors.map((s) => s.id)).toContain('bo-khoa-hoc-va-cong-nghe');

    const unknown = await client.request(`/api/documents/${document.id}/parse`, {
      method: 'PUT',
      body: {
        assignments: [
          {
            clause: '1',
            agencies: [{ id: 'khong-ton-tai', name: 'X' }],
            task: 'X',
            dueOn: null,
            recurrence: null,
            evidence: { text: '', span: null },
          },
        ],
      },
    });
    expect(unknown.status).toBe(400);
    const confirmed = await client.request(`/api/documents/${document.id}/confirm`, { method: 'POST' });
    expect(((await confirmed.json()) as { tasksCreated: number }).tasksCreated).toBe(1);
  });

  it('refuses bad input with a clear code, stores nothing half-way, and retries', async () => {
    const organization = await createTestOrganization({ kind: 'ministry' });
    const client = await signInAs(await createTestUser({ role: 'officer', organizationId: organization.id }));
    const db = await getDb();
    const countDocuments = async () =>
      (await db.select().from(documents).where(eq(documents.organizationId, organization.id))).length;

    const empty = await upload(client, new Uint8Array(), 'rong.pdf', 'application/pdf');
    expect(empty.status).toBe(422);
    expect(((await empty.json()) as { details: { reason: string } }).details.reason).toBe('EMPTY_FILE');
    const blank = await client.request('/api/documents', { method: 'POST', body: { text: '   \n ' } });
    expect(blank.status).toBe(422);
    expect(await countDocuments()).toBe(0);

    const corrupt = await upload(client, fixture('corrupt.pdf'), 'hong.pdf', 'application/pdf');
    expect(corrupt.status).toBe(201);
    const corruptId = ((await corrupt.json()) as DocumentBody).id;
    await processDocument({ documentId: corruptId });
    const failed = (await (await client.request(`/api/documents/${corruptId}`)).json()) as DocumentBody;
    expect(failed.status).toBe('failed');
    expect(failed.error?.code).toBe('CORRUPT_FILE');
    expect((await client.request(`/api/documents/${corruptId}/parse`)).status).toBe(409);
    expect((await client.request(`/api/documents/${corruptId}/confirm`, { method: 'POST' })).status).toBe(409);
    const [row] = await db.select().from(documents).where(eq(documents.id, corruptId));
    expect([row!.rawText, row!.parse]).toEqual([null, null]);

    const retried = await client.request(`/api/documents/${corruptId}/retry`, { method: 'POST' });
    expect(((await retried.json()) as DocumentBody).status).toBe('queued');
    await processDocument({ documentId: corruptId });
    const again = (await (await client.request(`/api/documents/${corruptId}`)).json()) as DocumentBody;
    expect([again.status, again.error?.code, again.attempts]).toEqual(['failed', 'CORRUPT_FILE', 2]);

    // A failure of the environment (the stored file is missing) is retried successfully once fixed.
    const text = `${seed('002')}\n\n${organization.id}`;
    const queued = (await (await client.request('/api/documents', { method: 'POST', body: { text } })).json()) as DocumentBody;
    const [stored] = await db.select().from(documents).where(eq(documents.id, queued.id));
    const absolute = path.join(env.dataDir, stored!.storagePath);
    fs.renameSync(absolute, `${absolute}.away`);
    await processDocument({ documentId: queued.id });
    expect(((await (await client.request(`/api/documents/${queued.id}`)).json()) as DocumentBody).error?.code).toBe(
      'PROCESSING_FAILED',
    );
    fs.renameSync(`${absolute}.away`, absolute);
    expect((await client.request(`/api/documents/${queued.id}/retry`, { method: 'POST' })).status).toBe(200);
    await processDocument({ documentId: queued.id });
    expect(((await (await client.request(`/api/documents/${queued.id}`)).json()) as DocumentBody).status).toBe('ready');

    // The same text again is the same document.
    const duplicate = await client.request('/api/documents', { method: 'POST', body: { text } });
    expect(duplicate.status).toBe(200);
    expect(((await duplicate.json()) as DocumentBody).id).toBe(queued.id);

    // A text-layer PDF goes through the same path.
    const pdf = await upload(client, fixture('text-layer-837.pdf'), '837.pdf', 'application/pdf');
    const pdfId = ((await pdf.json()) as DocumentBody).id;
    await processDocument({ documentId: pdfId });
    const pdfDocument = (await (await client.request(`/api/documents/${pdfId}`)).json()) as DocumentBody & {
      summary: { number: string };
    };
    expect(pdfDocument.status).toBe('ready');
    expect(pdfDocument.summary.number).toBe('837/BTTTT-CBC');
  });

  it('reminds once per task, kind and day however often the reminder job runs', async () => {
    const { client, tasks } = await confirmedSeed('002');
    const task = tasks.find((candidate) => candidate.ownerOrganization.id.startsWith('tinh-'))!;
    const owner = await createTestUser({ role: 'officer', organizationId: task.ownerOrganization.id });
    const dueOn = addDays(dateInVietnam(), 7);
    const patched = await client.request(`/api/tasks/${task.id}`, { method: 'PATCH', body: { dueOn, status: 'in_progress' } });
    expect(patched.status).toBe(200);
    expect(((await patched.json()) as TaskBody).status).toBe('in_progress');

    await sendTaskRemindersJob.handler({}, { jobId: 'test-1' });
    await sendTaskRemindersJob.handler({}, { jobId: 'test-2' });
    const db = await getDb();
    const reminders = await db.select().from(documentTaskReminders).where(eq(documentTaskReminders.taskId, task.id));
    expect(reminders.map((reminder) => reminder.kind)).toEqual(['due-in-7']);
    const notifications = await db
      .select()
      .from(documentNotifications)
      .where(and(eq(documentNotifications.taskId, task.id), eq(documentNotifications.userId, owner.id)));
    expect(notifications).toHaveLength(1);
    const mailJobs = await db.execute(
      sql`SELECT count(*)::int AS n FROM pgboss.job WHERE name = ${sendReminderMailJob.name} AND data->'notificationIds' ? ${notifications[0]!.id}`,
    );
    expect((mailJobs.rows[0] as { n: number }).n).toBe(1);
    expect(await mailNotifications({ notificationIds: [notifications[0]!.id] })).toBe(1);
    expect(await mailNotifications({ notificationIds: [notifications[0]!.id] })).toBe(0);

    // Overdue tasks get their own reminder, also once a day.
    const [taskRow] = await db.select().from(documentTasks).where(eq(documentTasks.id, task.id));
    const [overdue] = await db
      .select()
      .from(documentTasks)
      .where(and(eq(documentTasks.documentId, taskRow!.documentId), eq(documentTasks.status, 'overdue')))
      .limit(1);
    const overdueReminders = await db.select().from(documentTaskReminders).where(eq(documentTaskReminders.taskId, overdue!.id));
    expect(overdueReminders.map((reminder) => reminder.kind)).toEqual(['overdue']);

    const ownerClient = await signInAs(owner);
    const inbox = (await (await ownerClient.request('/api/task-notifications')).json()) as { kind: string; taskId: string }[];
    expect(inbox.filter((item) => item.taskId === task.id).map((item) => item.kind)).toEqual(['due-in-7']);
  });
});
