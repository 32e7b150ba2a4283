-- Keep document rows up to ~8 KB inline and uncompressed: a 2 KB article with its tsvector is ~5-7 KB, which
-- the default toast_tuple_target (~2 KB) compressed with pglz and moved to the TOAST table on every insert
-- (CPU in the ingest transaction plus a second heap and index insert per row). Larger rows are still toasted.
ALTER TABLE monitoring_documents SET (toast_tuple_target = 8160);
