-- JSONL/CSV exports uploaded through the web (file-imports.ts): the upload is kept in PostgreSQL, 1 MB a chunk, so
-- any worker process on any machine can import it (processes keep no files), and its chunks are deleted as soon as
-- the import ends (raw social text and author names are not kept beyond the documents the import stores).
CREATE TABLE monitoring_imports (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organization_id text REFERENCES organizations(id),
  file_name text NOT NULL,
  format text NOT NULL CHECK (format IN ('jsonl', 'csv')),
  byte_size bigint NOT NULL DEFAULT 0,
  -- receiving: the upload is arriving; queued / running: the import job; done / failed: ended, chunks deleted
  status text NOT NULL DEFAULT 'receiving' CHECK (status IN ('receiving', 'queued', 'running', 'done', 'failed')),
  ingested integer NOT NULL DEFAULT 0,
  duplicates integer NOT NULL DEFAULT 0,
  rejected_count integer NOT NULL DEFAULT 0,
  -- the first rejected lines: [{line, reason}]
  rejected jsonb NOT NULL DEFAULT '[]',
  error text,
  -- runs started: a worker killed mid-import leaves the job to be run again (documents are stored once)
  attempts integer NOT NULL DEFAULT 0,
  created_by uuid REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  started_at timestamptz,
  finished_at timestamptz
);
CREATE INDEX monitoring_imports_organization_idx ON monitoring_imports (organization_id, created_at DESC);

CREATE TABLE monitoring_import_chunks (
  import_id uuid NOT NULL REFERENCES monitoring_imports(id) ON DELETE CASCADE,
  seq integer NOT NULL,
  bytes bytea NOT NULL,
  PRIMARY KEY (import_id, seq)
);
-- stored as sent: no compression work on a 1 GB upload, read once
ALTER TABLE monitoring_import_chunks ALTER COLUMN bytes SET STORAGE EXTERNAL;
