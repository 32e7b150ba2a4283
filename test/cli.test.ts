import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { testTempDir } from './temp-dir';

const run = promisify(execFile);

/** Runs the real `nhip` binary against a database URL. */
async function nhip(args: string[], options: { databaseUrl?: string; input?: string } = {}) {
  const env = { ...process.env, DATABASE_URL: options.databaseUrl ?? process.env.DATABASE_URL, LOG_LEVEL: 'warn' };
  const child = run('node', ['bin/nhip.js', ...args], { env, maxBuffer: 50_000_000 });
  if (options.input !== undefined) {
    child.child.stdin?.end(options.input);
  }
  return child;
}

/** A separate database on the test server, so that a restore cannot disturb other tests. */
async function createScratchDatabase(): Promise<string> {
  const url = new URL(process.env.DATABASE_URL!);
  const name = `scratch_${Date.now()}_${Math.floor(Math.random() * 1e6)}`;
  const admin = new pg.Client({ connectionString: url.toString() });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  url.pathname = `/${name}`;
  return url.toString();
}

// Each test starts several CLI processes (each a cold TypeScript start): 27–34 s on a slow shared machine, past
// 60 s when other work runs beside it.
describe('nhip CLI', { timeout: 180_000 }, () => {
  it('lists the 34 provinces in force today and the 63 of 2023, with predecessor/successor links', async () => {
    const today = JSON.parse((await nhip(['orgs', 'list', '--kind', 'province', '--on', '2026-11-25', '--json'])).stdout) as {
      id: string;
      name: string;
      kind: string;
      predecessors: string[];
    }[];
    // Other test files add test organizations (ids test-…) to the same database while this runs.
    const reference = today.filter((organization) => !organization.id.startsWith('test-'));
    expect(reference).toHaveLength(34);
    expect(today.every((o) => o.kind === 'province')).toBe(true);
    const before = JSON.parse((await nhip(['orgs', 'list', '--kind', 'province', '--on', '2023-03-21', '--json'])).stdout) as {
      id: string;
      successors: string[];
    }[];
    expect(before).toHaveLength(63);
    const merged = before.filter((o) => o.successors.length > 0);
    expect(merged.length).toBeGreaterThanOrEqual(23);
    const ministries = JSON.parse(
      (await nhip(['orgs', 'list', '--kind', 'ministry', '--on', '2026-11-25', '--json'])).stdout,
    ) as { id: string }[];
    expect(ministries.filter((organization) => !organization.id.startsWith('test-'))).toHaveLength(14);
  });

  it('creates a user from a password on stdin, and rejects a bad role with a clear message', async () => {
    const email = `cli-${Date.now()}@example.gov.vn`;
    const created = JSON.parse(
      (
        await nhip(['users', 'create', '--email', email, '--org', 'bo-y-te', '--role', 'officer', '--password-stdin', '--json'], {
          input: 'một-mật-khẩu-rất-dài\n',
        })
      ).stdout,
    ) as { email: string; organizationId: string; role: string };
    expect(created).toMatchObject({ email, organizationId: 'bo-y-te', role: 'officer' });
    const failure = await nhip(
      ['users', 'create', '--email', `x${email}`, '--org', 'bo-y-te', '--role', 'emperor', '--password-stdin'],
      { input: 'x\n' },
    ).catch((error: { code: number; stderr: string }) => error);
    expect((failure as { code: number }).code).toBe(1);
    expect((failure as { stderr: string }).stderr).toMatch(/Unknown role emperor/);
  });

  it('restores exactly what was backed up', async () => {
    const databaseUrl = await createScratchDatabase();
    await nhip(['db', 'migrate', '--json'], { databaseUrl });
    await nhip(
      ['users', 'create', '--email', 'kept@example.gov.vn', '--org', 'bo-tu-phap', '--role', 'leader', '--password-stdin'],
      {
        databaseUrl,
        input: 'mật-khẩu-được-giữ-lại\n',
      },
    );
    const file = path.join(testTempDir('backup'), 'backup.gz');
    // Monitored documents live partly in tables partitioned by month, with partitions made on demand.
    const articles = path.join(path.dirname(file), 'articles.jsonl');
    fs.writeFileSync(
      articles,
      [
        {
          url: 'https://baochinhphu.vn/hoc-phi-2024',
          title: 'Học phí đại học năm 2024',
          text: 'Chính sách học phí mới được công bố cho sinh viên đại học.',
          publishedAt: '2024-03-05T02:00:00Z',
          source: 'baochinhphu.vn',
          kind: 'news',
        },
        {
          url: 'https://vnexpress.net/bao-hiem-y-te',
          title: 'Bảo hiểm y tế học sinh',
          text: 'Học sinh được hỗ trợ mức đóng bảo hiểm y tế theo quy định.',
          publishedAt: '2025-09-10T02:00:00Z',
          source: 'vnexpress.net',
          kind: 'news',
        },
      ]
        .map((line) => JSON.stringify(line))
        .join('\n'),
    );
    const imported = JSON.parse((await nhip(['monitor', 'import', articles, '--json'], { databaseUrl })).stdout) as {
      ingested: number;
    };
    expect(imported.ingested).toBe(2);
    const backup = JSON.parse((await nhip(['db', 'backup', file, '--json'], { databaseUrl })).stdout) as { rows: number };
    expect(backup.rows).toBeGreaterThan(100);

    // Change the data after the backup: a new user, and an edited organization.
    await nhip(
      ['users', 'create', '--email', 'later@example.gov.vn', '--org', 'bo-tu-phap', '--role', 'viewer', '--password-stdin'],
      {
        databaseUrl,
        input: 'mật-khẩu-tạo-sau-sao-lưu\n',
      },
    );
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    await client.query("UPDATE organizations SET name = 'Đổi tên' WHERE id = 'bo-y-te'");
    const snapshot = async () => ({
      users: (await client.query('SELECT email, role, password_hash FROM users ORDER BY email')).rows,
      organizations: (await client.query('SELECT id, name, valid_from, valid_to FROM organizations ORDER BY id')).rows,
      links: (await client.query('SELECT * FROM organization_links ORDER BY 1, 2')).rows,
      audit: (await client.query('SELECT id, action, entity_id FROM audit_log ORDER BY id')).rows,
    });

    await nhip(['db', 'restore', file, '--json'], { databaseUrl });
    const restored = await snapshot();
    expect(restored.users.map((u: { email: string }) => u.email)).toEqual(['kept@example.gov.vn']);
    expect((restored.organizations as { id: string; name: string }[]).find((o) => o.id === 'bo-y-te')?.name).toBe('Bộ Y tế');
    // A second restore of the same file gives the identical state.
    await nhip(['db', 'restore', file], { databaseUrl });
    expect(await snapshot()).toEqual(restored);
    // The audit log stays append-only after a restore.
    await expect(client.query('DELETE FROM audit_log')).rejects.toThrow(/append-only/);
    await client.end();

    // Into a fresh database, which has none of the monthly partitions yet: documents come back searchable.
    const freshUrl = await createScratchDatabase();
    await nhip(['db', 'migrate', '--json'], { databaseUrl: freshUrl });
    await nhip(['db', 'restore', file, '--json'], { databaseUrl: freshUrl });
    const found = JSON.parse((await nhip(['monitor', 'search', 'hoc phi', '--json'], { databaseUrl: freshUrl })).stdout) as {
      url: string;
    }[];
    expect(found.map((document) => document.url)).toEqual(['https://baochinhphu.vn/hoc-phi-2024']);
  });
});
