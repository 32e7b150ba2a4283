import fs from 'node:fs';
import type { Command } from 'commander';
import { cliActor } from '../actor';
import { parse } from 'csv-parse/sync';
import * as network from '../../modules/network';
import { prepareDatabase } from '../../server/boot';
import { printResult } from '../output';

/** `nhip directory export|import`: the directory CSV, through the same functions as the API. */
export function register(program: Command): void {
  const directory = program.command('directory').description('Directory of the network as CSV (UTF-8 with BOM)');
  directory
    .command('export')
    .description('Write organizations with their communication unit and contacts as CSV (to stdout without --out)')
    .option('--out <file>', 'file to write')
    .option('--on <date>', 'organizations in force on YYYY-MM-DD (default today in Vietnam)')
    .option('--kind <kind>', 'comma-separated organization kinds')
    .option('--json', 'print a JSON summary (requires --out)')
    .action(async (options: { out?: string; on?: string; kind?: string; json?: boolean }) => {
      if (options.on && !/^\d{4}-\d{2}-\d{2}$/.test(options.on)) throw new Error(`--on must be YYYY-MM-DD, got "${options.on}"`);
      if (options.json && !options.out) throw new Error('--json prints a summary; give the CSV a file with --out');
      await prepareDatabase();
      const csv = await network.exportDirectoryCsv({
        actor: cliActor,
        on: options.on,
        kinds: options.kind
          ?.split(',')
          .map((k) => k.trim())
          .filter(Boolean),
      });
      if (!options.out) {
        process.stdout.write(csv);
        return;
      }
      fs.writeFileSync(options.out, csv, 'utf8');
      // Quoted fields may span lines: count parsed records, not lines (minus the header).
      const rows = (parse(csv, { bom: true }) as unknown[]).length - 1;
      printResult(
        { file: options.out, rows, bytes: Buffer.byteLength(csv, 'utf8') },
        options,
        (r: { file: string; rows: number }) => `Wrote ${r.rows} rows to ${r.file}`,
      );
    });
  directory
    .command('import <file>')
    .description('Import directory rows from a CSV file; prints {imported, updated, unchanged, rejected:[{line, field, reason}]}')
    .option('--json')
    .action(async (file: string, options: { json?: boolean }) => {
      if (!fs.existsSync(file)) throw new Error(`File ${file} does not exist`);
      await prepareDatabase();
      const report = await network.importDirectoryCsv({ actor: cliActor, csv: fs.readFileSync(file, 'utf8') });
      printResult(report, options, (r: network.ImportReport) =>
        [
          `Imported ${r.imported}, updated ${r.updated}, unchanged ${r.unchanged}, rejected ${r.rejected.length}`,
          ...r.rejected.map(
            (rejection) => `  line ${rejection.line}${rejection.field ? ` (${rejection.field})` : ''}: ${rejection.reason}`,
          ),
        ].join('\n'),
      );
      // Partial success is still success for the saved rows; exit 2 tells scripts that some rows need fixing.
      if (report.rejected.length > 0) process.exitCode = 2;
    });
}
