import type { Command } from 'commander';
import { AppError } from '../../platform/errors';
import * as legal from '../../modules/legal';
import { prepareDatabase } from '../../server/boot';
import { printResult } from '../output';

/** `nhip legal list`: the legal register, with the same filters as GET /api/legal-documents. */
export function register(program: Command): void {
  const command = program.command('legal').description('Legal register (laws, decrees, decisions, directives, letters)');

  command
    .command('list')
    .description('Register entries, with their validity and predecessor → successor links')
    .option('--search <text>', 'accent-insensitive, in titles, aliases and numbers ("luat bao chi", "103/2016")')
    .option('--on <date>', 'only documents in force on YYYY-MM-DD')
    .option('--kind <kind>', `${legal.KIND_CODES.join(', ')} (comma-separated)`)
    .option('--drafts', 'only drafts (dự thảo): policies before adoption, with no number yet')
    .option('--json')
    .action(async (options: { search?: string; on?: string; kind?: string; drafts?: boolean; json?: boolean }) => {
      if (options.on && !/^\d{4}-\d{2}-\d{2}$/.test(options.on)) {
        throw new AppError('VALIDATION_FAILED', `--on must be YYYY-MM-DD, got "${options.on}"`, {
          invalidFields: [{ path: 'on', message: 'YYYY-MM-DD' }],
        });
      }
      const kinds = options.kind
        ?.split(',')
        .map((kind) => kind.trim())
        .filter(Boolean);
      const unknownKinds = (kinds ?? []).filter((kind) => !legal.KIND_CODES.includes(kind));
      if (unknownKinds.length > 0) {
        throw new AppError('VALIDATION_FAILED', `Unknown --kind ${unknownKinds.join(', ')}`, {
          invalidFields: [{ path: 'kind', message: legal.KIND_CODES.join(' | ') }],
        });
      }
      await prepareDatabase();
      const list = await legal.listLegalDocuments({
        kind: kinds,
        status: options.drafts ? 'draft' : undefined,
        on: options.on,
        search: options.search,
      });
      printResult(list, options, (documents: legal.LegalDocumentView[]) =>
        documents
          .map(
            (document) =>
              `${document.id}\t${document.numberSymbol === null ? 'Dự thảo' : `${legal.kindName(document.kind) ?? document.kind} ${document.numberSymbol}`}\t${document.title}\t` +
              `${document.effectiveFrom ?? ''}…${document.effectiveTo ?? ''}` +
              (document.successors.length > 0 ? `\t→ ${document.successors.join(', ')}` : ''),
          )
          .join('\n'),
      );
    });
}
