import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { cliActor } from '../actor';
import * as documents from '../../modules/documents';
import { prepareDatabase } from '../../server/boot';
import { printResult } from '../output';

const mimeByExtension: Record<string, string> = {
  '.pdf': 'application/pdf',
  '.docx': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  '.txt': 'text/plain',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.tif': 'image/tiff',
  '.tiff': 'image/tiff',
};

function readInput(file: string): { bytes: Uint8Array; fileName: string; mimeType?: string } {
  if (!fs.existsSync(file)) throw new Error(`No such file: ${file}`);
  return {
    bytes: new Uint8Array(fs.readFileSync(file)),
    fileName: path.basename(file),
    mimeType: mimeByExtension[path.extname(file).toLowerCase()],
  };
}

/** Progress on stderr, so that stdout stays clean JSON. */
function progressPrinter(): (progress: { phase: string; pagesDone?: number; pagesTotal?: number }) => void {
  let last = '';
  return (progress) => {
    const line = progress.pagesTotal
      ? `${progress.phase} ${progress.pagesDone ?? 0}/${progress.pagesTotal} pages`
      : progress.phase;
    if (line !== last) process.stderr.write(`${line}\n`);
    last = line;
  };
}

/** `nhip documents parse|import`: the same extraction, repair and parsing as uploads. */
export function register(program: Command): void {
  const command = program.command('documents').description('Official documents → assigned tasks');
  command
    .command('parse')
    .description(
      'Extract, repair and parse a document (PDF, scan, DOCX, text) and print its fields and assignments; writes nothing',
    )
    .argument('<file>')
    .option('--json')
    .action(async (file: string, options: { json?: boolean }) => {
      const input = readInput(file);
      const print = progressPrinter();
      const { parsed } = await documents.analyzeDocument({
        ...input,
        onProgress: (progress) =>
          print({ phase: 'extracting', pagesDone: progress.completedPages, pagesTotal: progress.pageCount }),
        onPhase: (phase) => print({ phase }),
      });
      for (const warning of parsed.warnings) process.stderr.write(`warning: ${warning}\n`);
      const result = documents.toCliParse(parsed);
      printResult(result, options, (r: typeof result) =>
        [
          `${r.type} ${r.number ?? ''} — ${r.issuer ?? ''}, ${r.place ?? ''} ${r.issuedOn ?? ''}`,
          r.subject ?? '',
          ...r.assignments.map(
            (a) =>
              `${a.clause}\t${a.dueOn ?? '—'}\t${a.recurrence ?? ''}\t${a.agencies.length} org(s): ${a.agencies
                .slice(0, 4)
                .map((g) => g.name + (g.successors.length ? ` → ${g.successors.map((s) => s.name).join(', ')}` : ''))
                .join('; ')}${a.agencies.length > 4 ? '; …' : ''}`,
          ),
        ].join('\n'),
      );
    });
  command
    .command('import')
    .description('Store a document like an upload (owned by --org) and process it now, printing progress')
    .argument('<file>')
    .requiredOption('--org <organizationId>', 'the organization that owns the document')
    .option('--json')
    .action(async (file: string, options: { org: string; json?: boolean }) => {
      const input = readInput(file);
      await prepareDatabase();
      const actor = cliActor;
      const { document } = await documents.uploadDocument({ actor, ...input, source: 'file', organizationId: options.org });
      if (document.status === 'queued' || document.status === 'processing') {
        await documents.processDocument({ documentId: document.id, onProgress: progressPrinter() });
      }
      const processed = await documents.getDocument({ actor, documentId: document.id });
      printResult(processed, options, (d: typeof processed) =>
        d.status === 'failed'
          ? `Document ${d.id} failed: [${d.error?.code}] ${d.error?.message}`
          : `Document ${d.id}: ${d.status}; ${d.summary?.type ?? ''} ${d.summary?.number ?? ''}, ${d.summary?.assignments ?? 0} assignment(s). Review it at /documents/${d.id}`,
      );
      if (processed.status === 'failed') process.exitCode = 1;
    });
}
