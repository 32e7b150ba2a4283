-- A running import's worker writes its heartbeat every 30 s (file-imports.ts): an import whose heartbeat stopped
-- (the worker was killed) is taken up again within minutes by any worker, instead of after the job's expiry.
ALTER TABLE monitoring_imports ADD COLUMN heartbeat_at timestamptz;
