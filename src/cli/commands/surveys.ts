import fs from 'node:fs/promises';
import type { Command } from 'commander';
import { cliActor } from '../actor';
import { AppError } from '../../platform/errors';
import * as surveys from '../../modules/surveys';
import { prepareDatabase } from '../../server/boot';
import { printResult } from '../output';

/** `nhip surveys …`: export answers and reports, list campaigns and boards, send due reminders. */
export function register(program: Command): void {
  const command = program.command('surveys').description('Surveys and reporting campaigns');

  command
    .command('export')
    .description('Export all answers of a campaign (one row per organization, one column per question / table cell)')
    .argument('<campaignId>')
    .option('--format <format>', 'xlsx | csv | docx (summary report in the Decree 30 format)', 'xlsx')
    .requiredOption('--out <file>', 'output file')
    .option('--json')
    .action(async (campaignId: string, options: { format: string; out: string; json?: boolean }) => {
      if (!['xlsx', 'csv', 'docx'].includes(options.format)) {
        throw new AppError('VALIDATION_FAILED', `--format must be xlsx, csv or docx, got "${options.format}"`, {
          invalidFields: [{ path: 'format', message: 'xlsx | csv | docx' }],
        });
      }
      await prepareDatabase();
      const body =
        options.format === 'csv'
          ? await surveys.exportCampaignCsv({ actor: cliActor, campaignId })
          : options.format === 'docx'
            ? await surveys.exportCampaignReport({ actor: cliActor, campaignId })
            : await surveys.exportCampaignXlsx({ actor: cliActor, campaignId });
      await fs.writeFile(options.out, body);
      printResult(
        { campaignId, format: options.format, out: options.out, bytes: body.length },
        options,
        (r: { out: string; bytes: number }) => `Wrote ${r.out} (${r.bytes} bytes)`,
      );
    });

  command
    .command('campaigns')
    .description('List campaigns with their progress')
    .option('--json')
    .action(async (options: { json?: boolean }) => {
      await prepareDatabase();
      const list = await surveys.listCampaigns({ actor: cliActor });
      printResult(
        list,
        options,
        (l: typeof list) =>
          l.map((c) => `${c.id}\t${c.status}\t${c.submittedCount}/${c.targetCount}\t${c.deadline}\t${c.title}`).join('\n') ||
          'No campaigns',
      );
    });

  command
    .command('board')
    .description('Progress board of a campaign')
    .argument('<campaignId>')
    .option('--json')
    .action(async (campaignId: string, options: { json?: boolean }) => {
      await prepareDatabase();
      const board = await surveys.getProgressBoard({ actor: cliActor, campaignId });
      printResult(board, options, (b: typeof board) =>
        [
          `${b.title}: ${b.totals.submitted} submitted, ${b.totals.draft} draft, ${b.totals.notStarted} not started`,
          ...b.rows.map((r) => `${r.status}\t${r.organizationId}\t${r.organizationName}`),
        ].join('\n'),
      );
    });

  command
    .command('remind')
    .description("Send today's due reminders (what the daily cron does)")
    .option('--json')
    .action(async (options: { json?: boolean }) => {
      await prepareDatabase();
      const result = await surveys.sendDueReminders();
      printResult(result, options, (r: typeof result) => `Reminded ${r.reminded} organization(s) in ${r.campaigns} campaign(s)`);
    });
}
