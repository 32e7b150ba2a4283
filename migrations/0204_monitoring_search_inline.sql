-- Search rows (a 2 KB article's positional tsvector is 2.5-3 KB) stay inline and uncompressed, as documents do
-- (0201): no pglz work on every insert, and no decompression on every positional recheck or filtered scan.
-- New month partitions are created with the setting; existing ones get it for the rows written from now on.
-- No rewrite, no long lock.
CREATE OR REPLACE FUNCTION monitoring_search_partition(at timestamptz) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
  month_start timestamp := date_trunc('month', at AT TIME ZONE 'UTC');
  partition_name text := 'monitoring_search_' || to_char(month_start, 'YYYY_MM');
BEGIN
  IF to_regclass(partition_name) IS NULL THEN
    EXECUTE format('CREATE TABLE %I PARTITION OF monitoring_search FOR VALUES FROM (%L) TO (%L) WITH (toast_tuple_target = 8160)', partition_name,
      (month_start AT TIME ZONE 'UTC'), ((month_start + interval '1 month') AT TIME ZONE 'UTC'));
  END IF;
  RETURN partition_name;
END $$;

DO $$
DECLARE
  partition regclass;
BEGIN
  FOR partition IN SELECT inhrelid::regclass FROM pg_inherits WHERE inhparent = 'monitoring_search'::regclass LOOP
    EXECUTE format('ALTER TABLE %s SET (toast_tuple_target = 8160)', partition);
  END LOOP;
END $$;
