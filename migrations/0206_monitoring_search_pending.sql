-- Search rows are committed on a second connection just before their documents (see docs/monitoring.md). A process
-- killed between the two commits would leave them pointing at no document: each batch records its search rows here
-- first and removes the record in its documents' transaction, so a record left behind names exactly the rows to
-- sweep (sweepOrphanSearchRows, under the ingest lock).
CREATE TABLE monitoring_search_pending (
  first_document_id bigint PRIMARY KEY,
  published_at timestamptz[] NOT NULL,
  document_ids bigint[] NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
