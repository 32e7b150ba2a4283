import type { Command } from 'commander';
import { cliActor } from '../actor';
import * as monitoring from '../../modules/monitoring';
import { prepareDatabase } from '../../server/boot';
import { printResult } from '../output';

/** `nhip monitor …`: import, search, saved queries, sources, purge — the same functions as the API. */
export function register(program: Command): void {
  const monitor = program.command('monitor').description('Media monitoring');

  monitor
    .command('import <file>')
    .description('Import a JSONL (one {url, title, text, publishedAt, source, kind} per line) or CSV export')
    .option('--format <format>', 'jsonl or csv (default: from the file extension)')
    .option('--source-id <id>', 'attach the documents to this source')
    .option('--org <organizationId>', 'organization that owns the imported (e.g. social) data')
    .option(
      '--threads <n>',
      'worker threads processing documents (default NHIP_PROCESSING_THREADS, else one per core up to 4; 0: none)',
    )
    .option('--json')
    .action(
      async (
        file: string,
        options: { format?: 'jsonl' | 'csv'; sourceId?: string; org?: string; threads?: string; json?: boolean },
      ) => {
        if (options.format && options.format !== 'jsonl' && options.format !== 'csv')
          throw new Error('--format must be jsonl or csv');
        const threads = options.threads === undefined ? undefined : Number(options.threads);
        if (threads !== undefined && !(Number.isInteger(threads) && threads >= 0 && threads <= 64))
          throw new Error('--threads must be a whole number from 0 to 64');
        await prepareDatabase();
        const result = await monitoring.importDocumentsFile({
          file,
          format: options.format,
          sourceId: options.sourceId,
          organizationId: options.org,
          processingThreads: threads,
        });
        const { rejectedNotListed, ...shaped } = result;
        const output = rejectedNotListed > 0 ? { ...shaped, rejectedNotListed } : shaped;
        printResult(
          output,
          options,
          (r: typeof output) =>
            `Ingested ${r.ingested}, duplicates ${r.duplicates}, rejected ${r.rejected.length}` +
            r.rejected
              .slice(0, 20)
              .map((x) => `\n  line ${x.line}: ${x.reason}`)
              .join(''),
        );
      },
    );

  monitor
    .command('search <query>')
    .description('Search stored documents with the query language (e.g. "hoc phi AND lang:vi")')
    .option('--from <date>', 'YYYY-MM-DD (Vietnam day) or ISO timestamp')
    .option('--to <date>', 'YYYY-MM-DD (Vietnam day) or ISO timestamp')
    .option('--limit <n>', 'at most N documents', '50')
    .option('--accent-exact', 'match accents exactly')
    .option('--json')
    .action(
      async (query: string, options: { from?: string; to?: string; limit: string; accentExact?: boolean; json?: boolean }) => {
        const limit = Number(options.limit);
        if (!Number.isInteger(limit) || limit < 1 || limit > 10_000)
          throw new Error('--limit must be an integer between 1 and 10000');
        await prepareDatabase();
        const found = await monitoring.searchDocuments({
          actor: cliActor,
          query,
          from: options.from,
          to: options.to,
          limit,
          isAccentExact: options.accentExact,
        });
        const shaped = found.map((d) => ({
          id: d.id,
          url: d.url,
          title: d.title,
          publishedAt: d.publishedAt,
          source: d.source,
          storyId: d.storyId,
          sentiment: d.sentiment,
          topic: d.topic,
        }));
        printResult(shaped, options, (list: typeof shaped) =>
          list.map((d) => `${d.publishedAt}\t${d.source}\t${d.title}`).join('\n'),
        );
      },
    );

  const queries = monitor.command('queries').description('Saved topic queries');
  queries
    .command('add <name> <query>')
    .option('--org <organizationId>', 'owner organization (default: chinh-phu, the network level)', 'chinh-phu')
    .option('--accent-exact')
    .option('--link <type:id>', 'link to a policy, plan or incident, e.g. policy:123')
    .option('--json')
    .action(
      async (name: string, query: string, options: { org: string; accentExact?: boolean; link?: string; json?: boolean }) => {
        const [linkType, linkId] = options.link ? options.link.split(':', 2) : [null, null];
        if (linkType && !['policy', 'plan', 'incident'].includes(linkType))
          throw new Error('--link type must be policy, plan or incident');
        await prepareDatabase();
        const saved = await monitoring.createSavedQuery({
          actor: cliActor,
          input: {
            name,
            query,
            organizationId: options.org,
            isAccentExact: options.accentExact ?? false,
            linkType: (linkType as 'policy' | null) ?? null,
            linkId: linkId ?? null,
          },
        });
        printResult(saved, options, (q: typeof saved) => `Saved query ${q.id} (${q.name}) for ${q.organizationId}`);
      },
    );
  queries
    .command('list')
    .option('--org <organizationId>', 'owner organization (default: chinh-phu, the network level)', 'chinh-phu')
    .option('--json')
    .action(async (options: { org: string; json?: boolean }) => {
      await prepareDatabase();
      const list = await monitoring.listSavedQueries({ actor: cliActor, organizationId: options.org });
      printResult(list, options, (l: typeof list) => l.map((q) => `${q.id}\t${q.name}\t${q.query}`).join('\n'));
    });

  const sources = monitor.command('sources').description('Sources and their health');
  sources
    .command('list')
    .option('--json')
    .action(async (options: { json?: boolean }) => {
      await prepareDatabase();
      const list = await monitoring.listSources({ actor: cliActor });
      printResult(list, options, (l: typeof list) =>
        l.map((x) => `${x.id}\t${x.isEnabled ? 'on ' : 'off'}\t${x.kind}\t${x.name}\t${x.health.lastStatus ?? ''}`).join('\n'),
      );
    });
  sources
    .command('add <name> <url>')
    .option('--kind <kind>', 'feed, sitemap or article', 'feed')
    .option('--social', 'documents are social posts')
    .option('--interval <minutes>', 'fetch interval', '30')
    .option('--org <organizationId>', 'owner (default: network-wide)')
    .option('--json')
    .action(
      async (
        name: string,
        url: string,
        options: { kind: 'feed' | 'sitemap' | 'article'; social?: boolean; interval: string; org?: string; json?: boolean },
      ) => {
        await prepareDatabase();
        const source = await monitoring.createSource({
          actor: cliActor,
          input: {
            name,
            url,
            kind: options.kind,
            documentKind: options.social ? 'social' : 'news',
            intervalMinutes: Number(options.interval),
            organizationId: options.org ?? null,
          },
        });
        printResult(source, options, (x: typeof source) => `Added source ${x.id} (${x.name})`);
      },
    );
  for (const action of ['enable', 'disable'] as const) {
    sources
      .command(`${action} <sourceId>`)
      .option('--json')
      .action(async (sourceId: string, options: { json?: boolean }) => {
        await prepareDatabase();
        const source = await monitoring.setSourceEnabled({ actor: cliActor, sourceId, isEnabled: action === 'enable' });
        printResult(source, options, (x: typeof source) => `${x.name}: ${x.isEnabled ? 'enabled' : 'disabled'}`);
      });
  }
  sources
    .command('fetch <sourceId>')
    .description('Fetch a source now, in this process')
    .option('--json')
    .action(async (sourceId: string, options: { json?: boolean }) => {
      await prepareDatabase();
      const outcome = await monitoring.fetchSource({ sourceId });
      printResult(
        outcome,
        options,
        (o: typeof outcome) =>
          `${o.status}: ${o.items} items, ${o.ingested} new, ${o.duplicates} duplicates${o.errors.length ? `\n${o.errors.join('\n')}` : ''}`,
      );
    });
  monitor
    .command('allow-host <host>')
    .description('Let the fetcher reach a host that resolves to a private address (intranet feeds)')
    .option('--note <text>')
    .option('--json')
    .action(async (host: string, options: { note?: string; json?: boolean }) => {
      await prepareDatabase();
      await monitoring.allowPrivateHost({ actor: cliActor, host, note: options.note });
      printResult({ host }, options, () => `Allowed ${host}`);
    });

  monitor
    .command('purge-social')
    .description('Null raw social text older than the retention period now (also runs nightly)')
    .option('--json')
    .action(async (options: { json?: boolean }) => {
      await prepareDatabase();
      const result = await monitoring.purgeSocialText();
      printResult(result, options, (r: typeof result) => `Purged the text of ${r.purged} social posts`);
    });
}
