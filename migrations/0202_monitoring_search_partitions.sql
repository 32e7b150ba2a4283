-- Full-text search gets its own narrow table, partitioned by publication month (UTC):
--  * lexemes are stored without positions (the distinct folded tokens, title tokens also as 't:<token>'): a third
--    of the positional tsvector to write, parse and keep; phrases, NEAR and accent-exact mode are verified on the
--    candidates' text (see search.ts), words, prefixes, title words and boolean operators stay exact in SQL;
--  * one GIN index per month stays small, and a newest-first search with a LIMIT reads the newest partitions
--    first and stops (ordered Append) instead of sorting every match of the whole corpus;
--  * documents rows lose their 2-3 KB positional tsvector and their GIN index (the main insert cost).
-- Rewrites data: copies the lexemes of every stored document once (one pass over monitoring_documents), then
-- drops monitoring_documents.search_vector and its GIN index (ACCESS EXCLUSIVE briefly; dropping a column does
-- not rewrite the table).

CREATE TABLE monitoring_search (
  document_id bigint NOT NULL,
  published_at timestamptz NOT NULL,
  -- copied from the document for the visibility rule, so a search needs no join before its LIMIT
  organization_id text,
  lexemes tsvector NOT NULL
) PARTITION BY RANGE (published_at);
-- fastupdate: inserts append to a pending list that is merged in bulk, normally by the ingest on a second
-- connection right after each stored batch (gin_clean_pending_list), else by the inserting backend past the
-- limit or by autovacuum; searches scan the pending list too, so a document is searchable as soon as its
-- transaction commits.
CREATE INDEX monitoring_search_lexemes_idx ON monitoring_search USING gin (lexemes) WITH (fastupdate = on, gin_pending_list_limit = 32768);
-- newest-first scans with a filter, chosen by the planner for very frequent words
CREATE INDEX monitoring_search_published_idx ON monitoring_search (published_at DESC, document_id DESC);

-- Creates the month's partition of monitoring_search if missing and returns its name. Called by the ingest
-- under its advisory lock, so two workers never race to create the same partition.
CREATE FUNCTION monitoring_search_partition(at timestamptz) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
  month_start timestamp := date_trunc('month', at AT TIME ZONE 'UTC');
  partition_name text := 'monitoring_search_' || to_char(month_start, 'YYYY_MM');
BEGIN
  IF to_regclass(partition_name) IS NULL THEN
    EXECUTE format('CREATE TABLE %I PARTITION OF monitoring_search FOR VALUES FROM (%L) TO (%L)', partition_name,
      (month_start AT TIME ZONE 'UTC'), ((month_start + interval '1 month') AT TIME ZONE 'UTC'));
  END IF;
  RETURN partition_name;
END $$;

SELECT monitoring_search_partition(month) FROM (SELECT DISTINCT date_trunc('month', published_at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' AS month FROM monitoring_documents) months;

INSERT INTO monitoring_search (document_id, published_at, organization_id, lexemes)
SELECT d.id, d.published_at, d.organization_id,
       strip(d.search_vector) || array_to_tsvector(ARRAY(SELECT 't:' || u.lexeme FROM unnest(d.search_vector) u WHERE 'A' = ANY (u.weights)))
FROM monitoring_documents d
WHERE d.search_vector IS NOT NULL;

DROP INDEX monitoring_documents_search_idx;
ALTER TABLE monitoring_documents DROP COLUMN search_vector;
