import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { OpenAPIHono } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import { except } from 'hono/combine';
import { secureHeaders } from 'hono/secure-headers';
import { serveStatic } from '@hono/node-server/serve-static';
import { env } from '../platform/env';
import { AppError } from '../platform/errors';
import { problemResponse, type AppEnv } from '../platform/http';
import { logger } from '../platform/logger';
import * as accounts from '../modules/accounts';
import * as agencies from '../modules/agencies';
import * as monitoring from '../modules/monitoring';
import * as network from '../modules/network';
import * as audit from '../modules/audit';
import * as documents from '../modules/documents';
import * as surveys from '../modules/surveys';
import * as trends from '../modules/trends';
import * as incidents from '../modules/incidents';
import * as legal from '../modules/legal';

const webRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dist/web');

/** Readiness flag flipped by the server once migrations and seeds are done. */
export const readiness = { isReady: false };

/** Builds the HTTP application: API under /api, self-documentation, and the web app. */
export function createApp(): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>();

  app.use('*', async (c, next) => {
    const requestId = c.req.header('x-request-id') ?? crypto.randomUUID();
    c.set('requestId', requestId);
    c.header('x-request-id', requestId);
    const started = performance.now();
    await next();
    if (c.req.path.startsWith('/api/')) {
      logger.debug(
        { method: c.req.method, path: c.req.path, status: c.res.status, ms: Math.round(performance.now() - started), requestId },
        'request',
      );
    }
  });
  app.use('*', secureHeaders({ contentSecurityPolicy: undefined, crossOriginEmbedderPolicy: false }));
  // Export files stream into the database under their own limit (NHIP_MAX_IMPORT_BYTES, file-imports.ts).
  app.use(
    '/api/*',
    except(
      (c) => c.req.method === 'POST' && c.req.path === '/api/monitoring/imports',
      bodyLimit({
        maxSize: env.http.maxUploadBytes,
        onError: () => {
          throw new AppError('PAYLOAD_TOO_LARGE', `Request body exceeds ${env.http.maxUploadBytes} bytes`);
        },
      }),
    ),
  );
  // JSON bodies have a tighter limit than uploads.
  app.use('/api/*', async (c, next) => {
    const type = c.req.header('content-type') ?? '';
    const length = Number(c.req.header('content-length') ?? 0);
    if (type.includes('application/json') && length > env.http.maxBodyBytes) {
      throw new AppError('PAYLOAD_TOO_LARGE', `JSON body exceeds ${env.http.maxBodyBytes} bytes`);
    }
    await next();
  });
  app.use('/api/*', accounts.authenticate());

  app.get('/healthz', (c) => (readiness.isReady ? c.json({ status: 'ok' }) : c.json({ status: 'starting' }, 503)));

  const api = new OpenAPIHono<AppEnv>();
  api.route('/', accounts.routes);
  api.route('/', agencies.routes);
  api.route('/', network.routes);
  api.route('/', audit.routes);
  api.route('/', documents.routes);
  api.route('/', monitoring.routes);
  api.route('/', surveys.routes);
  api.route('/', trends.routes);
  api.route('/', incidents.routes);
  api.route('/', legal.routes);
  // Further modules mount here, one line each.
  app.route('/api', api);

  app.doc31('/api/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: 'Nhịp API',
      version: '1.0.0',
      description:
        'API of Nhịp, the platform of the policy-communication network. Sign in with POST /api/auth/login (session cookie + x-csrf-token header on writes) or send `Authorization: Bearer <API token>`. Errors are RFC 9457 problem+json.',
    },
  });
  app.get('/api/docs', (c) => c.html(apiDocsPage()));

  app.notFound((c) => {
    if (c.req.path.startsWith('/api/'))
      return problemResponse(c, new AppError('NOT_FOUND', `No route ${c.req.method} ${c.req.path}`));
    return c.text('Not found', 404);
  });
  app.onError((error, c) => problemResponse(c, error));

  if (fs.existsSync(webRoot)) {
    app.use('/assets/*', serveStatic({ root: path.relative(process.cwd(), webRoot) }));
    app.use('/locales/*', serveStatic({ root: path.relative(process.cwd(), webRoot) }));
    const indexHtml = () => fs.readFileSync(path.join(webRoot, 'index.html'), 'utf8');
    app.get('*', (c) => (c.req.path.startsWith('/api/') ? c.notFound() : c.html(indexHtml())));
  }
  return app;
}

/** A self-contained API reference page rendered from the OpenAPI document (no CDN: works offline). */
function apiDocsPage(): string {
  return `<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>Nhịp API</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>body{font-family:system-ui,sans-serif;max-width:1100px;margin:2rem auto;padding:0 1rem;color:#1a1b1e}
h1{margin-bottom:.2rem}.op{border:1px solid #dee2e6;border-radius:8px;margin:.6rem 0;padding:.6rem .9rem}
.m{display:inline-block;min-width:4.5rem;font-weight:700;font-family:monospace}.get{color:#1864ab}.post{color:#2b8a3e}
.patch,.put{color:#e67700}.delete{color:#c92a2a}code{font-size:.95em}details pre{background:#f8f9fa;padding:.6rem;overflow:auto}
h2{margin-top:1.6rem;border-bottom:1px solid #dee2e6}</style></head><body>
<h1>Nhịp API</h1><p id="desc"></p><p><a href="/api/openapi.json">openapi.json</a> (OpenAPI 3.1)</p><main id="ops">Loading…</main>
<script>
fetch('/api/openapi.json').then(r=>r.json()).then(spec=>{
  document.getElementById('desc').textContent=spec.info.description||'';
  const byTag={};
  for(const [p,item] of Object.entries(spec.paths||{})) for(const [m,op] of Object.entries(item)){
    const tag=(op.tags&&op.tags[0])||'other'; (byTag[tag]=byTag[tag]||[]).push({p,m,op});
  }
  const esc=s=>String(s).replace(/[&<>"]/g,c=>({'&':'&amp;','<':'&lt;','>':'&gt;','"':'&quot;'}[c]));
  const out=[];
  for(const tag of Object.keys(byTag).sort()){
    out.push('<h2>'+esc(tag)+'</h2>');
    for(const {p,m,op} of byTag[tag]){
      out.push('<div class="op"><span class="m '+m+'">'+m.toUpperCase()+'</span> <code>'+esc(p)+'</code> — '+esc(op.summary||'')+
      '<details><summary>Schema</summary><pre>'+esc(JSON.stringify({parameters:op.parameters,requestBody:op.requestBody,responses:op.responses},null,2))+'</pre></details></div>');
    }
  }
  document.getElementById('ops').innerHTML=out.join('');
});
</script></body></html>`;
}
