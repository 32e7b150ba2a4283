import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { testTempDir } from '../../../test/temp-dir';
import { createTestOrganization } from '../../../test/factories';

const run = promisify(execFile);

/** The real `nhip` binary against the test database. */
function nhip(args: string[]) {
  // The child inherits the environment, including the DATABASE_URL that test/global-setup.ts exported.
  return run('node', ['bin/nhip.js', ...args], { maxBuffer: 50_000_000 });
}

// Each test starts several CLI processes (each a cold TypeScript start): 27–34 s on a slow shared machine, past
// 60 s when other work runs beside it.
describe('nhip directory', { timeout: 180_000 }, () => {
  it('imports a CSV file with a line-by-line report and exports it back with contacts', async () => {
    const organization = await createTestOrganization();
    const dir = testTempDir('directory');
    const input = path.join(dir, 'in.csv');
    fs.writeFileSync(
      input,
      `\uFEFForganization_id;unit_name;contact_role;contact_full_name;contact_email\n${organization.id};Phòng Truyền thông;đầu mối;Vũ Thị Lan;lan@example.gov.vn\nkhong-co;X;;;\n`,
    );
    // Exit code 2: some rows were rejected (the good ones are saved).
    const failure = (await nhip(['directory', 'import', input, '--json']).catch((error: unknown) => error)) as {
      code: number;
      stdout: string;
    };
    expect(failure.code).toBe(2);
    expect(JSON.parse(failure.stdout)).toEqual({
      imported: 1,
      updated: 0,
      unchanged: 0,
      rejected: [{ line: 3, field: 'organization_id', reason: 'unknown organization "khong-co"' }],
    });

    const output = path.join(dir, 'out.csv');
    const summary = JSON.parse((await nhip(['directory', 'export', '--out', output, '--kind', 'province', '--json'])).stdout) as {
      file: string;
      rows: number;
    };
    expect(summary.file).toBe(output);
    expect(summary.rows).toBeGreaterThanOrEqual(34);
    const bytes = fs.readFileSync(output);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const line = bytes
      .toString('utf8')
      .split('\r\n')
      .find((row) => row.startsWith(organization.id));
    expect(line).toContain('Phòng Truyền thông');
    expect(line).toContain('Vũ Thị Lan');
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
