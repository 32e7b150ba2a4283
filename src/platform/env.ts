import { z } from 'zod';
import path from 'node:path';

/**
 * Deployment configuration, parsed once at boot from `process.env`.
 * The only file allowed to read `process.env`; defaults make `npm start` work with nothing set.
 */
const envSchema = z.object({
  // HTTP port of the web/API role.
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  // Host interface to bind; 0.0.0.0 so that a container or LAN can reach it.
  HOST: z.string().default('0.0.0.0'),
  // Where the embedded PostgreSQL and uploaded files live.
  NHIP_DATA_DIR: z.string().default('./data'),
  // External PostgreSQL (15+); when unset, an embedded PostgreSQL is started under NHIP_DATA_DIR.
  DATABASE_URL: z.string().url().optional(),
  // Port of the embedded PostgreSQL (ignored with DATABASE_URL).
  NHIP_EMBEDDED_PG_PORT: z.coerce.number().int().min(1).max(65535).default(54329),
  // pino log level.
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  // Public base URL used in emails and QR codes.
  PUBLIC_URL: z.string().url().optional(),
  // Secret for keyed hashes (pseudonyms) and signed tokens; generated and stored in the data dir when unset.
  NHIP_SECRET: z.string().min(16).optional(),
  // Mark session cookies Secure (set to true behind HTTPS).
  COOKIE_SECURE: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  // Session lifetime in hours.
  SESSION_TTL_HOURS: z.coerce.number().positive().default(12),
  // Largest accepted request body in bytes (uploads have their own limit).
  MAX_BODY_BYTES: z.coerce.number().int().positive().default(1_000_000),
  // Largest accepted upload in bytes.
  MAX_UPLOAD_BYTES: z.coerce.number().int().positive().default(50_000_000),
  // SMTP server for outgoing mail, e.g. smtp://user:pass@host:587; mail is logged only when unset.
  SMTP_URL: z.string().optional(),
  // Sender address of outgoing mail.
  MAIL_FROM: z.string().default('Nhịp <no-reply@nhip.local>'),
  // Days raw social-media text is kept before it is purged (aggregates stay).
  SOCIAL_TEXT_RETENTION_DAYS: z.coerce.number().int().positive().default(90),
  // Roles of `npm start` when not given on the command line: web, worker, cron.
  NHIP_ROLES: z.string().default('web,worker,cron'),
  // Jobs a worker role takes, comma-separated names (e.g. monitoring.ingest-items for a pool of ingest machines); all when unset.
  NHIP_WORKER_JOBS: z.string().optional(),
  // How often pg-boss looks for expired jobs of dead workers and retries them (seconds).
  NHIP_JOBS_MAINTENANCE_SECONDS: z.coerce.number().int().min(1).default(30),
  // Worker threads that process documents during a bulk import (0: on the importing thread); default one per core, at most 4.
  NHIP_PROCESSING_THREADS: z.coerce.number().int().min(0).max(64).optional(),
  // Largest JSONL/CSV export uploaded through the web (POST /api/monitoring/imports); larger files go through the CLI.
  NHIP_MAX_IMPORT_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(2 * 1024 ** 3),
  // Comma-separated hosts that the SSRF guard lets through even if private (tests, intranet feeds).
  NHIP_ALLOWED_PRIVATE_HOSTS: z.string().default(''),
});

export type RawEnv = z.infer<typeof envSchema>;

function buildEnv(raw: RawEnv) {
  const dataDir = path.resolve(raw.NHIP_DATA_DIR);
  return {
    http: { port: raw.PORT, host: raw.HOST, maxBodyBytes: raw.MAX_BODY_BYTES, maxUploadBytes: raw.MAX_UPLOAD_BYTES },
    publicUrl: raw.PUBLIC_URL ?? `http://localhost:${raw.PORT}`,
    dataDir,
    database: {
      url: raw.DATABASE_URL,
      embeddedPort: raw.NHIP_EMBEDDED_PG_PORT,
      embeddedDir: path.join(dataDir, 'pg'),
    },
    logLevel: raw.LOG_LEVEL,
    secret: raw.NHIP_SECRET,
    session: { cookieSecure: raw.COOKIE_SECURE, ttlHours: raw.SESSION_TTL_HOURS },
    mail: { smtpUrl: raw.SMTP_URL, from: raw.MAIL_FROM },
    privacy: { socialTextRetentionDays: raw.SOCIAL_TEXT_RETENTION_DAYS },
    jobs: {
      maintenanceIntervalSeconds: raw.NHIP_JOBS_MAINTENANCE_SECONDS,
      workerJobs: raw.NHIP_WORKER_JOBS?.split(',')
        .map((name) => name.trim())
        .filter(Boolean),
    },
    monitoring: { processingThreads: raw.NHIP_PROCESSING_THREADS, maxImportBytes: raw.NHIP_MAX_IMPORT_BYTES },
    roles: raw.NHIP_ROLES.split(',')
      .map((r) => r.trim())
      .filter(Boolean),
    allowedPrivateHosts: raw.NHIP_ALLOWED_PRIVATE_HOSTS.split(',')
      .map((h) => h.trim())
      .filter(Boolean),
    isTest: process.env.VITEST === 'true' || process.env.NODE_ENV === 'test',
  };
}

export type Env = ReturnType<typeof buildEnv>;

function parseEnv(): Env {
  const parsed = envSchema.safeParse(process.env);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      console.error(`Invalid environment variable ${issue.path.join('.')}: ${issue.message}`);
    }
    process.exit(1);
  }
  return buildEnv(parsed.data);
}

/** The parsed configuration. Tests may change `process.env` before first import. */
export const env: Env = parseEnv();
