-- Requests open to a host across every worker process: a fetch holds one of the host's slots (0 .. concurrency - 1)
-- while its request runs and deletes it after; a slot past `expires_at` (a killed process's) is free again.
-- (fetch/host-limiter.ts)
CREATE TABLE monitoring_host_leases (
  host text NOT NULL,
  slot smallint NOT NULL,
  holder uuid NOT NULL,
  expires_at timestamptz NOT NULL,
  PRIMARY KEY (host, slot)
);
