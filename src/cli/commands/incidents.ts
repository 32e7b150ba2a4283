import type { Command } from 'commander';
import { cliActor } from '../actor';
import { AppError } from '../../platform/errors';
import * as incidents from '../../modules/incidents';
import { prepareDatabase } from '../../server/boot';
import { printResult } from '../output';

/** `nhip incidents list|open|show`: the same use cases as the incidents API, acting as the system. */
export function register(program: Command): void {
  const command = program.command('incidents').description('Communication incidents and crises');

  command
    .command('list')
    .description('Incidents, newest first (every organization unless --org)')
    .option('--org <organizationId>', 'one organization')
    .option('--status <status>', 'open | responding | monitoring | closed')
    .option('--severity <level>', '1 (thấp) … 4 (nghiêm trọng)')
    .option('--overdue', 'only incidents past a deadline')
    .option('--json')
    .action(async (options: { org?: string; status?: string; severity?: string; overdue?: boolean; json?: boolean }) => {
      if (options.status && !(incidents.incidentStatuses as readonly string[]).includes(options.status)) {
        throw new AppError('VALIDATION_FAILED', `--status must be one of ${incidents.incidentStatuses.join(', ')}`, {
          invalidFields: [{ path: 'status', message: incidents.incidentStatuses.join(' | ') }],
        });
      }
      const severity = options.severity === undefined ? undefined : Number(options.severity);
      if (severity !== undefined && !(incidents.severities as readonly number[]).includes(severity)) {
        throw new AppError('VALIDATION_FAILED', '--severity must be 1, 2, 3 or 4', {
          invalidFields: [{ path: 'severity', message: '1 | 2 | 3 | 4' }],
        });
      }
      await prepareDatabase();
      const rows = await incidents.listIncidents({
        actor: cliActor,
        organizationId: options.org,
        status: options.status as incidents.IncidentStatus | undefined,
        severity,
        isOverdue: options.overdue ? true : undefined,
        limit: 500,
      });
      const shaped = rows.map((r) => ({
        id: r.id,
        organizationId: r.organizationId,
        title: r.title,
        severity: r.severity,
        status: r.status,
        owner: r.owner?.email ?? null,
        sourceAlertId: r.sourceAlertId,
        isOverdue: r.isOverdue,
        createdAt: r.createdAt,
      }));
      printResult(
        shaped,
        options,
        (list: typeof shaped) =>
          list
            .map(
              (r) =>
                `${r.createdAt}  [${r.severity}] ${r.status.padEnd(10)} ${r.organizationId}  ${r.title}${r.isOverdue ? '  (quá hạn)' : ''}`,
            )
            .join('\n') || 'No incidents',
      );
    });

  command
    .command('open')
    .description('Open an incident; with --from-alert the same alert always gives the same incident')
    .requiredOption('--org <organizationId>', 'owning organization')
    .option('--title <title>', 'title (derived from the alert when --from-alert is given)')
    .option('--from-alert <alertId>', 'open from a trends alert')
    .option('--severity <level>', '1 (thấp) … 4 (nghiêm trọng)', '2')
    .option('--description <text>')
    .option('--json')
    .action(
      async (options: {
        org: string;
        title?: string;
        fromAlert?: string;
        severity: string;
        description?: string;
        json?: boolean;
      }) => {
        await prepareDatabase();
        const result = await incidents.openIncident({
          actor: cliActor,
          input: {
            organizationId: options.org,
            title: options.title,
            fromAlertId: options.fromAlert,
            severity: Number(options.severity),
            description: options.description,
          },
        });
        const r = result.incident;
        const shaped = {
          id: r.id,
          organizationId: r.organizationId,
          title: r.title,
          severity: r.severity,
          status: r.status,
          sourceAlertId: r.sourceAlertId,
          isNew: result.isNew,
        };
        printResult(shaped, options, (v: typeof shaped) => `${v.isNew ? 'Opened' : 'Already open'}: ${v.id}  ${v.title}`);
      },
    );

  command
    .command('show')
    .description('One incident with its task force, links, timeline and statements')
    .argument('<incidentId>')
    .option('--json')
    .action(async (incidentId: string, options: { json?: boolean }) => {
      await prepareDatabase();
      const detail = await incidents.getIncident({ actor: cliActor, incidentId });
      printResult(detail, options, (d: typeof detail) =>
        [
          `${d.title}  [${d.severity}] ${d.status}  (${d.organizationName})`,
          ...d.timeline.map(
            (e) => `  ${e.createdAt}  ${e.kind}${e.body ? `: ${e.body}` : ''}${e.actor ? `  — ${e.actor.displayName}` : ''}`,
          ),
        ].join('\n'),
      );
    });
}
