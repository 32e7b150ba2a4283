import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { testTempDir } from '../../../test/temp-dir';
import { answers837, createNetwork, json, launch, template837Id } from './test-helpers';

const run = promisify(execFile);

// Each test starts several CLI processes (each a cold TypeScript start): 27–34 s on a slow shared machine, past
// 60 s when other work runs beside it.
describe('nhip surveys export', { timeout: 180_000 }, () => {
  it('writes the XLSX and CSV of a campaign, and refuses an unknown format', async () => {
    const network = await createNetwork();
    const campaign = await launch(network.coordinator, {
      formId: await template837Id(network.coordinator),
      target: { organizationIds: [network.province.id] },
    });
    await json(
      await network.leader.request(`/api/survey-campaigns/${campaign.id}/responses/${network.province.id}/submit`, {
        method: 'POST',
        body: { version: 0, answers: answers837 },
      }),
      200,
    );
    const dir = testTempDir('surveys-cli');
    const out = path.join(dir, 'answers.xlsx');
    const { stdout } = await run('node', [
      'bin/nhip.js',
      'surveys',
      'export',
      campaign.id,
      '--format',
      'xlsx',
      '--out',
      out,
      '--json',
    ]);
    expect(JSON.parse(stdout)).toMatchObject({ campaignId: campaign.id, format: 'xlsx', out });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(out);
    const sheet = workbook.getWorksheet('Trả lời')!;
    const keys = (sheet.getRow(2).values as unknown[]).slice(1) as string[];
    expect(sheet.getRow(3).getCell(keys.indexOf('staff_part_time') + 1).value).toBe(12);

    const csv = path.join(dir, 'answers.csv');
    await run('node', ['bin/nhip.js', 'surveys', 'export', campaign.id, '--format', 'csv', '--out', csv]);
    expect(fs.readFileSync(csv, 'utf8')).toContain('Phòng Thông tin - Truyền thông, Văn phòng UBND tỉnh');

    const refused = await run('node', [
      'bin/nhip.js',
      'surveys',
      'export',
      campaign.id,
      '--format',
      'pdf',
      '--out',
      csv,
      '--json',
    ]).catch((error: { stderr: string; code: number }) => error);
    expect((refused as { code: number }).code).toBe(1);
    expect(JSON.parse((refused as { stderr: string }).stderr)).toMatchObject({ error: 'VALIDATION_FAILED' });
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
