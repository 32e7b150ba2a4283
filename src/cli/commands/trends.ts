import fs from 'node:fs';
import type { Command } from 'commander';
import { cliActor } from '../actor';
import * as monitoring from '../../modules/monitoring';
import * as trends from '../../modules/trends';
import { prepareDatabase } from '../../server/boot';
import { printResult } from '../output';

/**
 * `nhip monitor alerts|trend|trends-process` (added to the monitoring command group, created if absent) and
 * `nhip brief`: the same functions as the trends API.
 */
export function register(program: Command): void {
  const monitor =
    program.commands.find((command) => command.name() === 'monitor') ??
    program.command('monitor').description('Media monitoring');

  monitor
    .command('alerts')
    .description('Alerts whose event started in the range (publication time), newest first')
    .option('--from <date>', 'YYYY-MM-DD (Vietnam day) or ISO timestamp')
    .option('--to <date>', 'YYYY-MM-DD (Vietnam day) or ISO timestamp')
    .option('--org <organizationId>', 'organization (default: every organization with alerts)')
    .option('--status <status>', 'open, acknowledged or resolved')
    .option('--json')
    .action(
      async (options: {
        from?: string;
        to?: string;
        org?: string;
        status?: 'open' | 'acknowledged' | 'resolved';
        json?: boolean;
      }) => {
        await prepareDatabase();
        const from = monitoring.parseDateBound(options.from, 'from');
        const to = monitoring.parseDateBound(options.to, 'to');
        const organizations = options.org ? [options.org] : await trends.organizationsWithAlerts();
        const alerts = [];
        for (const organizationId of organizations)
          alerts.push(
            ...(await trends.listAlerts({ actor: cliActor, organizationId, from, to, status: options.status, limit: 500 })),
          );
        alerts.sort((a, b) => b.startedAt.localeCompare(a.startedAt));
        const shaped = alerts.map((a) => ({
          id: a.id,
          rule: a.rule,
          query: a.query,
          kind: a.kind,
          startedAt: a.startedAt,
          detectedAt: a.detectedAt,
          score: a.score,
          mentions: a.mentions,
        }));
        printResult(
          shaped,
          options,
          (rows: typeof shaped) =>
            rows
              .map((r) => `${r.startedAt}  ${r.kind.padEnd(14)} ${String(r.mentions).padStart(6)}  ${r.query ?? ''} (${r.rule})`)
              .join('\n') || 'No alerts',
        );
      },
    );

  monitor
    .command('trend <query>')
    .description('Volume of a saved query (id or exact name) per hour or Vietnam day, stacked by sentiment')
    .option('--interval <interval>', 'hour or day', 'day')
    .option('--from <date>', 'YYYY-MM-DD (Vietnam day) or ISO timestamp (default: 7 days before --to)')
    .option('--to <date>', 'YYYY-MM-DD (Vietnam day) or ISO timestamp (default: now)')
    .option('--json')
    .action(async (query: string, options: { interval: string; from?: string; to?: string; json?: boolean }) => {
      if (options.interval !== 'hour' && options.interval !== 'day') throw new Error('--interval must be hour or day');
      await prepareDatabase();
      await trends.runTrendsPipeline();
      const scope = await trends.findQueryByIdOrName({ actor: cliActor, query });
      const dashboard = await trends.getDashboard({
        actor: cliActor,
        queryId: scope.queryId,
        from: monitoring.parseDateBound(options.from, 'from'),
        to: monitoring.parseDateBound(options.to, 'to'),
        interval: options.interval,
      });
      const points = dashboard.volume;
      printResult(points, options, (rows: typeof points) =>
        rows.map((p) => `${p.bucket}  ${String(p.total).padStart(6)}  (−${p.negative} ~${p.neutral} +${p.positive})`).join('\n'),
      );
    });

  monitor
    .command('trends-process')
    .description('Roll up new mentions and run the detectors now (the worker does this every few seconds)')
    .option('--json')
    .action(async (options: { json?: boolean }) => {
      await prepareDatabase();
      let total = { documents: 0, mentions: 0, alertsRaised: 0 };
      for (;;) {
        const result = await trends.runTrendsPipeline({ maxBatches: 50 });
        total = {
          documents: total.documents + result.documents,
          mentions: total.mentions + result.mentions,
          alertsRaised: total.alertsRaised + result.alertsRaised,
        };
        if (result.isCaughtUp) break;
      }
      printResult(
        total,
        options,
        (r: typeof total) => `Documents ${r.documents}, mentions ${r.mentions}, alerts ${r.alertsRaised}`,
      );
    });

  program
    .command('brief')
    .description('Brief of an organization for a period as DOCX (Decree 30/2020 format, charts as images)')
    .requiredOption('--org <organizationId>', 'organization')
    .requiredOption('--from <date>', 'YYYY-MM-DD (Vietnam day) or ISO timestamp')
    .requiredOption('--to <date>', 'YYYY-MM-DD (Vietnam day, included) or ISO timestamp')
    .requiredOption('--out <file>', 'output .docx file')
    .option('--json')
    .action(async (options: { org: string; from: string; to: string; out: string; json?: boolean }) => {
      await prepareDatabase();
      await trends.runTrendsPipeline();
      const from = monitoring.parseDateBound(options.from, 'from')!;
      const to = new Date(monitoring.parseDateBound(options.to, 'to')!.getTime() + 1);
      const data = await trends.collectBrief({ actor: cliActor, organizationId: options.org, from, to });
      const file = await trends.renderBriefDocx(data);
      fs.writeFileSync(options.out, file);
      const result = {
        file: options.out,
        bytes: file.length,
        mentions: data.overview.totals.mentions,
        rising: data.rising.length,
        turnedNegative: data.turnedNegative.length,
        openAlerts: data.openAlerts.length,
      };
      printResult(
        result,
        options,
        (r: typeof result) => `Wrote ${r.file} (${r.bytes} bytes): ${r.mentions} mentions, ${r.openAlerts} open alerts`,
      );
    });
}
