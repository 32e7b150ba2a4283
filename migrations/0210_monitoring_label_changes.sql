-- Every change of a stored document's topic or sentiment (an officer's correction, a re-labelling run), for the
-- consumers that counted the labels before: trends' rollups move a changed mention from its old labels to its new
-- ones. Written in the transaction that changes the label, which holds the label-changes advisory lock shared
-- (src/modules/monitoring/label-changes.ts); a consumer that holds it exclusively sees every change committed and
-- none in flight, so it can read them by id above its watermark. Purged after 30 days by the nightly privacy job.
CREATE TABLE monitoring_label_changes (
  id bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY,
  document_id bigint NOT NULL,
  field text NOT NULL CHECK (field IN ('topic', 'sentiment')),
  previous_value text,
  new_value text,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX monitoring_label_changes_created_idx ON monitoring_label_changes (created_at);
