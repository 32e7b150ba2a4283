-- One row per deadline an incident missed (by its due time), so the overdue job records each miss on the
-- timeline exactly once, however often it runs (idempotent by natural key); a new due time is a new miss.
CREATE TABLE incident_deadline_misses (
  incident_id uuid NOT NULL REFERENCES incidents(id) ON DELETE CASCADE,
  deadline text NOT NULL CHECK (deadline IN ('response', 'resolution')),
  due_at timestamptz NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (incident_id, deadline, due_at)
);
