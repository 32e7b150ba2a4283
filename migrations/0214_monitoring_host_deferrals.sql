-- A host that answered 429 or 503 with Retry-After is not asked again by any worker process before this moment
-- (fetch/host-limiter.ts): every fetch to it waits for a short deferral or ends its run until then.
ALTER TABLE monitoring_host_starts ADD COLUMN deferred_until timestamptz;
