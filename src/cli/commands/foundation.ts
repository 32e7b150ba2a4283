import type { Command } from 'commander';
import { cliActor } from '../actor';
import { getDatabase } from '../../platform/db';
import { runMigrations } from '../../platform/migrate';
import { backupDatabase, restoreDatabase } from '../../platform/backup';
import * as accounts from '../../modules/accounts';
import * as agencies from '../../modules/agencies';
import * as legal from '../../modules/legal';
import { prepareDatabase } from '../../server/boot';
import { parseRoles, runUntilSignal } from '../../server/serve';
import { printResult, readStdin } from '../output';

/** `nhip users|orgs|db|serve`: the foundation's commands, calling the same module functions as the API. */
export function register(program: Command): void {
  const users = program.command('users').description('Accounts');
  users
    .command('create')
    .description('Create an account (reads the password from stdin with --password-stdin)')
    .requiredOption('--email <email>')
    .requiredOption('--org <organizationId>')
    .requiredOption('--role <role>', accounts.userRoles.join('|'))
    .option('--name <displayName>')
    .option('--password-stdin', 'read the password from standard input')
    .option('--json')
    .action(
      async (options: { email: string; org: string; role: string; name?: string; passwordStdin?: boolean; json?: boolean }) => {
        if (!options.passwordStdin)
          throw new Error('Pass the password on stdin with --password-stdin (never on the command line)');
        if (!(accounts.userRoles as readonly string[]).includes(options.role))
          throw new Error(`Unknown role ${options.role}; use ${accounts.userRoles.join(', ')}`);
        const password = (await readStdin()).replace(/\r?\n$/, '');
        await prepareDatabase();
        const user = await accounts.createUser({
          actor: cliActor,
          email: options.email,
          displayName: options.name,
          organizationId: options.org,
          role: options.role as accounts.UserRole,
          password,
        });
        printResult(user, options, (u: accounts.PublicUser) => `Created ${u.role} ${u.email} (${u.id}) in ${u.organizationId}`);
      },
    );
  users
    .command('list')
    .option('--org <organizationId>')
    .option('--json')
    .action(async (options: { org?: string; json?: boolean }) => {
      await prepareDatabase();
      const list = await accounts.listUsers({ actor: cliActor, organizationId: options.org });
      printResult(list, options, (l: accounts.PublicUser[]) =>
        l.map((u) => `${u.email}\t${u.role}\t${u.organizationId}`).join('\n'),
      );
    });

  const orgs = program.command('orgs').description('Directory of organizations');
  orgs
    .command('list')
    .option('--kind <kind>', 'ministry, ministerial-agency, government-agency, province, press-agency … (comma-separated)')
    .option('--on <date>', 'only organizations in force on YYYY-MM-DD')
    .option('--search <text>', 'accent-insensitive search')
    .option('--json')
    .action(async (options: { kind?: string; on?: string; search?: string; json?: boolean }) => {
      if (options.on && !/^\d{4}-\d{2}-\d{2}$/.test(options.on)) throw new Error(`--on must be YYYY-MM-DD, got "${options.on}"`);
      await prepareDatabase();
      const list = await agencies.listOrganizations({ kind: options.kind?.split(','), on: options.on, search: options.search });
      const shaped = list.map((o) => ({
        id: o.id,
        name: o.name,
        shortName: o.shortName,
        kind: o.kind,
        validFrom: o.validFrom,
        validTo: o.validTo,
        predecessors: o.predecessors,
        successors: o.successors,
      }));
      printResult(shaped, options, (l: typeof shaped) =>
        l.map((o) => `${o.id}\t${o.kind}\t${o.name}\t${o.validFrom ?? ''}…${o.validTo ?? ''}`).join('\n'),
      );
    });

  const db = program.command('db').description('Database maintenance');
  db.command('migrate')
    .option('--json')
    .action(async (options: { json?: boolean }) => {
      const { pool } = await getDatabase();
      const applied = await runMigrations(pool);
      await agencies.seedReferenceOrganizations();
      await legal.seedReferenceLegalDocuments();
      printResult({ applied }, options, (r: { applied: string[] }) =>
        r.applied.length ? `Applied ${r.applied.join(', ')}` : 'Database is up to date',
      );
    });
  db.command('backup <file>')
    .description('Write a consistent backup of all data to FILE (gzip)')
    .option('--json')
    .action(async (file: string, options: { json?: boolean }) => {
      await prepareDatabase();
      const { pool } = await getDatabase();
      const result = await backupDatabase(pool, file);
      printResult(
        { file, ...result },
        options,
        (r: { tables: number; rows: number }) => `Backed up ${r.rows} rows from ${r.tables} tables to ${file}`,
      );
    });
  db.command('restore <file>')
    .description('Replace all data with the content of a backup FILE (all or nothing)')
    .option('--json')
    .action(async (file: string, options: { json?: boolean }) => {
      const { pool } = await getDatabase();
      await runMigrations(pool);
      const result = await restoreDatabase(pool, file);
      printResult({ file, ...result }, options, (r: { tables: number }) => `Restored ${r.tables} tables from ${file}`);
    });

  program
    .command('serve')
    .description('Run server roles: web, worker, cron (default all three)')
    .option('--roles <roles>', 'comma-separated roles', 'web,worker,cron')
    .action(async (options: { roles: string }) => {
      await runUntilSignal(parseRoles(options.roles));
      // Keep the process alive: the server and workers hold it open until a signal.
      await new Promise(() => undefined);
    });
}
