import { describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { getDatabase, getDb } from '../../platform/db';
import type { Actor } from '../../platform/actor';
import { env } from '../../platform/env';
import { createTestUser, signInAs, testApp, uniqueSuffix } from '../../../test/factories';
import { waitFor } from '../../../test/wait';
import { receiveImport, runFileImport, tendImports, type FileImport } from './file-imports';

// Exports uploaded through the web: the real HTTP route streams the file into the database, the job's handler
// imports it as the worker would, and the import reads back its counts and rejected lines.

type Session = Awaited<ReturnType<typeof signInAs>>;

function line(tag: string, n: number, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({
    url: `https://bao-mau.vn/${tag}/${n}`,
    title: `Tỉnh công bố kế hoạch chuyển đổi số đợt ${n} (${tag})`,
    text: `Ủy ban nhân dân tỉnh cho biết đợt ${n} của kế hoạch chuyển đổi số hướng dẫn người dân làm thủ tục trực tuyến. Mã ${tag}-${n}.`,
    publishedAt: '2026-11-20T03:00:00Z',
    source: 'Báo Mẫu',
    kind: 'news',
    ...extra,
  });
}

async function upload(session: Session, name: string, body: string | Buffer, query = ''): Promise<Response> {
  return testApp().request(`/api/monitoring/imports?name=${encodeURIComponent(name)}${query}`, {
    method: 'POST',
    headers: { ...session.headers, 'content-type': 'application/octet-stream' },
    body: typeof body === 'string' ? body : new Blob([new Uint8Array(body)]),
  });
}

async function chunkCount(importId: string): Promise<number> {
  const db = await getDb();
  const { rows } = await db.execute(sql`SELECT count(*)::int AS n FROM monitoring_import_chunks WHERE import_id = ${importId}`);
  return (rows[0] as { n: number }).n;
}

describe('exports uploaded through the web', () => {
  it('imports a JSONL upload in the background: good lines stored for the organization, bad lines listed, the upload deleted', async () => {
    const officer = await createTestUser({ role: 'officer' });
    const session = await signInAs(officer);
    const tag = uniqueSuffix();
    const file = [
      line(tag, 1),
      line(tag, 2, { kind: 'social', author: 'Nguyễn Văn Bình', text: 'Thủ tục trực tuyến nhanh quá, cảm ơn tỉnh! ' + tag }),
      line(tag, 3),
      '{"url": "https://bao-mau.vn/hong", "title": ',
      JSON.stringify({
        url: `https://bao-mau.vn/${tag}/5`,
        title: 'Thiếu ngày đăng',
        text: 'Nội dung.',
        source: 'Báo Mẫu',
        kind: 'news',
      }),
      '{"title": "Ý kiến", "author": Nguyễn Thị Hoa}',
      '',
    ].join('\n');
    const response = await upload(session, 'xuat-du-lieu.jsonl', file);
    expect(response.status).toBe(202);
    const queued = (await response.json()) as FileImport;
    expect(queued).toMatchObject({
      status: 'queued',
      format: 'jsonl',
      fileName: 'xuat-du-lieu.jsonl',
      organizationId: officer.organizationId,
    });
    expect(queued.byteSize).toBe(Buffer.byteLength(file));
    expect(await chunkCount(queued.id)).toBe(1);

    await runFileImport({ importId: queued.id });
    const done = (await (await session.request(`/api/monitoring/imports/${queued.id}`)).json()) as FileImport;
    expect(done).toMatchObject({ status: 'done', ingested: 3, duplicates: 0, rejectedCount: 3, error: null });
    expect(done.rejected.map((rejected) => rejected.line)).toEqual([4, 5, 6]);
    expect(done.rejected[0]!.reason).toMatch(/invalid JSON/);
    expect(done.rejected[1]!.reason).toMatch(/publishedAt/);
    // the reason does not repeat the line (V8 quotes it): an author's name is not kept in the report
    expect(done.rejected[2]!.reason).toBe("invalid JSON: Unexpected token 'N'");
    expect(await chunkCount(queued.id)).toBe(0);

    const db = await getDb();
    const { rows } = await db.execute(sql`
      SELECT organization_id, kind, author_pseudonym, row_to_json(d)::text AS whole
      FROM monitoring_documents d WHERE canonical_url LIKE ${`https://bao-mau.vn/${tag}/%`} ORDER BY canonical_url`);
    expect(rows).toHaveLength(3);
    for (const row of rows as { organization_id: string; whole: string }[]) {
      expect(row.organization_id).toBe(officer.organizationId);
      expect(row.whole).not.toContain('Nguyễn Văn Bình');
    }
    expect((rows[1] as { kind: string; author_pseudonym: string | null }).author_pseudonym).toMatch(/\w{16,}/);

    // the job delivered again finds the import ended; the same file uploaded again stores nothing twice
    expect(await runFileImport({ importId: queued.id })).toBeNull();
    const again = (await (await upload(session, 'xuat-du-lieu.jsonl', file)).json()) as FileImport;
    expect(await runFileImport({ importId: again.id })).toMatchObject({
      status: 'done',
      ingested: 0,
      duplicates: 3,
      rejectedCount: 3,
    });
    const listed = (await (await session.request('/api/monitoring/imports')).json()) as FileImport[];
    expect(listed.slice(0, 2).map((item) => item.id)).toEqual([again.id, queued.id]);
  });

  it('reads a file of several chunks whose Vietnamese characters are cut between chunks, and a CSV export', async () => {
    const officer = await createTestUser({ role: 'officer' });
    const session = await signInAs(officer);
    const tag = uniqueSuffix();
    const long = 'Người dân phản ánh thủ tục đất đai còn chậm, đề nghị tỉnh rút ngắn thời gian giải quyết hồ sơ. '.repeat(24);
    const lines = Array.from({ length: 700 }, (_, n) => line(tag, n, { text: `${long} Mã ${tag}-${n}.` }));
    // the first line padded until the first 1 MB chunk ends inside a multi-byte character
    let file = Buffer.alloc(0);
    for (let pad = 0; pad === 0 || (file[1024 * 1024]! & 0xc0) !== 0x80; pad++)
      file = Buffer.from([line(tag, 0, { text: `${'x'.repeat(pad)} ${long}` }), ...lines.slice(1)].join('\n'));
    expect(file.length).toBeGreaterThan(2 * 1024 * 1024);
    const response = await upload(session, 'nhieu-dong.ndjson', file);
    const queued = (await response.json()) as FileImport;
    expect(await chunkCount(queued.id)).toBe(3);
    expect(await runFileImport({ importId: queued.id })).toMatchObject({ status: 'done', ingested: 700, rejectedCount: 0 });
    // a character cut between two chunks is read whole, not as two replacement characters
    const db = await getDb();
    const { rows } = await db.execute(sql`
      SELECT count(*)::int AS n FROM monitoring_documents
      WHERE canonical_url LIKE ${`https://bao-mau.vn/${tag}/%`} AND position(${'\uFFFD'} IN text) > 0`);
    expect((rows[0] as { n: number }).n).toBe(0);

    const csv = [
      'url,title,text,publishedAt,source,kind',
      `https://bao-mau.vn/${tag}/csv-1,"Hội nghị, tọa đàm về chuyển đổi số","Sở Thông tin cho biết ""số hóa"" hồ sơ đạt 80%.",2026-11-21T02:00:00Z,Báo Mẫu,news`,
      `https://bao-mau.vn/${tag}/csv-2,Thiếu ngày,Nội dung,,Báo Mẫu,news`,
    ].join('\r\n');
    const csvImport = (await (await upload(session, 'bao-chi.csv', csv)).json()) as FileImport;
    expect(csvImport.format).toBe('csv');
    const done = await runFileImport({ importId: csvImport.id });
    expect(done).toMatchObject({ status: 'done', ingested: 1, rejectedCount: 1 });
    expect(done!.rejected[0]!.line).toBe(3);
  });

  it('takes up an import again after a worker died during it: what it stored counts as duplicates, the rest is stored', async () => {
    const officer = await createTestUser({ role: 'officer' });
    const session = await signInAs(officer);
    const tag = uniqueSuffix();
    const lines = Array.from({ length: 5 }, (_, n) => line(tag, n));
    // the first two lines were stored before the worker was killed
    const before = (await (await upload(session, 'phan-dau.jsonl', lines.slice(0, 2).join('\n'))).json()) as FileImport;
    await runFileImport({ importId: before.id });
    const whole = (await (await upload(session, 'ca-tep.jsonl', lines.join('\n'))).json()) as FileImport;
    const db = await getDb();
    // a run on a live worker (fresh heartbeat) is not started twice, and is not taken up
    await db.execute(
      sql`UPDATE monitoring_imports SET status = 'running', attempts = 1, heartbeat_at = now() WHERE id = ${whole.id}`,
    );
    expect(await runFileImport({ importId: whole.id })).toBeNull();
    expect((await tendImports()).resumed).not.toContain(whole.id);
    // its worker was killed: the heartbeat went silent, so the import is queued again and runs
    await db.execute(sql`UPDATE monitoring_imports SET heartbeat_at = now() - interval '4 minutes' WHERE id = ${whole.id}`);
    expect((await tendImports()).resumed).toContain(whole.id);
    const { rows: jobs } = await db.execute(
      sql`SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'monitoring.import-file' AND singleton_key = ${`import:${whole.id}:1`}`,
    );
    expect((jobs[0] as { n: number }).n).toBe(1);
    expect(await runFileImport({ importId: whole.id })).toMatchObject({ status: 'done', ingested: 3, duplicates: 2 });
    const { rows } = await db.execute(sql`SELECT attempts FROM monitoring_imports WHERE id = ${whole.id}`);
    expect((rows[0] as { attempts: number }).attempts).toBe(2);
  });

  it('queues an import again when its database connection is lost mid-way; the retry stores the rest, each document once', async () => {
    const officer = await createTestUser({ role: 'officer' });
    const session = await signInAs(officer);
    const tag = uniqueSuffix();
    const total = 3500; // four batches of the import
    const file = Array.from({ length: total }, (_, n) => line(tag, n)).join('\n');
    const queued = (await (await upload(session, 'mat-ket-noi.jsonl', file)).json()) as FileImport;
    const { pool } = await getDatabase();
    const holder = await pool.connect();
    let running: Promise<unknown> | undefined;
    try {
      running = runFileImport({ importId: queued.id }).then(
        () => 'finished',
        (error: Error) => error,
      );
      // once the run is claimed, its row is locked here: the progress update after a stored batch waits on it,
      // and that connection is then terminated as a server restart or a network cut would
      await waitFor(
        async () =>
          (await holder.query<{ status: string }>(`SELECT status FROM monitoring_imports WHERE id = $1`, [queued.id])).rows[0]!
            .status === 'running' || undefined,
        { intervalMs: 5 },
      );
      await holder.query(`BEGIN; SELECT 1 FROM monitoring_imports WHERE id = '${queued.id}' FOR UPDATE`);
      const holderPid = (await holder.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid;
      const waiting = await waitFor(
        async () => {
          const { rows } = await pool.query<{ pid: number }>(
            'SELECT pid FROM pg_stat_activity WHERE $1 = ANY (pg_blocking_pids(pid))',
            [holderPid],
          );
          return rows.length > 0 ? rows.map((row) => row.pid) : undefined;
        },
        { intervalMs: 5 },
      );
      await pool.query('SELECT pg_terminate_backend(pid) FROM unnest($1::int[]) AS pid', [waiting]);
    } finally {
      await holder.query('COMMIT').catch(() => undefined);
      holder.release();
    }
    const outcome = await running;
    expect(outcome).toBeInstanceOf(Error);
    const interrupted = (await (await session.request(`/api/monitoring/imports/${queued.id}`)).json()) as FileImport;
    expect(interrupted.status).toBe('queued');
    expect(interrupted.error).toMatch(/terminat/i);
    expect(await chunkCount(queued.id)).toBeGreaterThan(0);

    // the job's retry
    const done = await runFileImport({ importId: queued.id });
    expect(done).toMatchObject({ status: 'done', rejectedCount: 0, error: null });
    expect(done!.duplicates).toBeGreaterThanOrEqual(1000);
    expect(done!.ingested + done!.duplicates).toBe(total);
    const db = await getDb();
    const { rows } = await db.execute(sql`
      SELECT count(*)::int AS n, count(DISTINCT canonical_url)::int AS urls FROM monitoring_documents
      WHERE canonical_url LIKE ${`https://bao-mau.vn/${tag}/%`}`);
    expect(rows[0]).toEqual({ n: total, urls: total });
    const { rows: attempts } = await db.execute(sql`SELECT attempts FROM monitoring_imports WHERE id = ${queued.id}`);
    expect((attempts[0] as { attempts: number }).attempts).toBe(2);
  });

  it('queues again an import left queued with no job to run it', async () => {
    const session = await signInAs(await createTestUser({ role: 'officer' }));
    const queued = (await (await upload(session, 'het-luot.jsonl', line(uniqueSuffix(), 1))).json()) as FileImport;
    const db = await getDb();
    // its job ended while the import stayed queued (a retry spent on a failure that was not the import's)
    await db.execute(
      sql`UPDATE pgboss.job SET state = 'failed' WHERE name = 'monitoring.import-file' AND data->>'importId' = ${queued.id}`,
    );
    await db.execute(sql`UPDATE monitoring_imports SET created_at = now() - interval '2 minutes' WHERE id = ${queued.id}`);
    expect((await tendImports()).resumed).toContain(queued.id);
    const { rows: jobs } = await db.execute(sql`
      SELECT count(*)::int AS n FROM pgboss.job
      WHERE name = 'monitoring.import-file' AND data->>'importId' = ${queued.id} AND state = 'created'`);
    expect((jobs[0] as { n: number }).n).toBe(1);
    expect((await tendImports()).resumed).not.toContain(queued.id);
  });

  it('takes an export larger than the limit of other uploads (MAX_UPLOAD_BYTES); a line too long is rejected unparsed', async () => {
    const session = await signInAs(await createTestUser({ role: 'officer' }));
    const size = env.http.maxUploadBytes + (1 << 20);
    const response = await upload(session, 'mot-dong-dai.jsonl', Buffer.alloc(size, 'x'));
    expect(response.status).toBe(202);
    const queued = (await response.json()) as FileImport;
    expect(queued.byteSize).toBe(size);
    const done = await runFileImport({ importId: queued.id });
    expect(done).toMatchObject({ status: 'done', ingested: 0, rejectedCount: 1 });
    expect(done!.rejected[0]).toEqual({ line: 1, reason: 'line longer than 10000000 characters' });
  });

  it('refuses an empty file, a file past the limit, an unknown format and a viewer, keeping nothing; other organizations do not see it', async () => {
    const officer = await createTestUser({ role: 'officer' });
    const session = await signInAs(officer);
    const db = await getDb();
    const name = `bi-tu-choi-${uniqueSuffix()}.jsonl`;
    const empty = await upload(session, name, '');
    expect(empty.status).toBe(400);
    expect(await empty.text()).toMatch(/empty/);
    const unknown = await upload(session, 'bang-tinh.xlsx', 'x');
    expect(unknown.status).toBe(400);
    expect(await unknown.text()).toMatch(/format/);
    // the limit is the deployment's; the service is called with a small one
    const officerActor: Actor = {
      kind: 'user',
      userId: officer.id,
      email: officer.email,
      organizationId: officer.organizationId,
      role: 'officer',
      via: 'session',
    };
    const tooLarge = receiveImport({
      actor: officerActor,
      fileName: name,
      body: (async function* () {
        yield new TextEncoder().encode(line('x', 1));
      })(),
      maxBytes: 10,
    });
    await expect(tooLarge).rejects.toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
    // announced past the limit: refused before the body is read
    let read = false;
    const announced = receiveImport({
      actor: officerActor,
      fileName: name,
      body: (async function* () {
        read = true;
        yield new Uint8Array(1);
      })(),
      announcedBytes: 11,
      maxBytes: 10,
    });
    await expect(announced).rejects.toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
    expect(read).toBe(false);
    const { rows } = await db.execute(sql`SELECT count(*)::int AS n FROM monitoring_imports WHERE file_name = ${name}`);
    expect((rows[0] as { n: number }).n).toBe(0);

    const viewer = await signInAs(await createTestUser({ role: 'viewer', organizationId: officer.organizationId }));
    expect((await upload(viewer, 'xem.jsonl', line('x', 1))).status).toBe(403);

    const kept = (await (await upload(session, 'rieng.jsonl', line(uniqueSuffix(), 1))).json()) as FileImport;
    const stranger = await signInAs(await createTestUser({ role: 'officer' }));
    expect((await stranger.request(`/api/monitoring/imports/${kept.id}`)).status).toBe(404);
    const theirs = (await (await stranger.request('/api/monitoring/imports')).json()) as FileImport[];
    expect(theirs.map((item) => item.id)).not.toContain(kept.id);
    await runFileImport({ importId: kept.id });
  });
});
