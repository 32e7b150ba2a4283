-- Politeness per host across every worker process: the next moment a request to the host may start. A fetch
-- reserves its start with one upsert that moves the moment on by the host's interval (fetch/host-limiter.ts), so
-- two workers fetching sources of one outlet space their requests as one worker would.
CREATE TABLE monitoring_host_starts (
  host text PRIMARY KEY,
  next_start_at timestamptz NOT NULL
);
