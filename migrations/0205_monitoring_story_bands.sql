-- Story candidates are looked up per document and band within the ±7-day window, and only near-duplicates come
-- back: (bandN, published_at) indexes carrying id, story_id and simhash let the lookup read a few index
-- entries per document (an index-only scan once the visibility map is set). The single-column band indexes
-- made every batch read all documents sharing any band value in the whole window (at 5 million documents
-- ~300,000 index entries and ~28,000 rows per batch of 1,000, 4 s).
-- Builds four indexes on monitoring_documents (blocks writes to it while they build: run in a quiet hour on a
-- large table) and drops the four it replaces.
CREATE INDEX monitoring_documents_band0_time_idx ON monitoring_documents (band0, published_at) INCLUDE (id, story_id, simhash);
CREATE INDEX monitoring_documents_band1_time_idx ON monitoring_documents (band1, published_at) INCLUDE (id, story_id, simhash);
CREATE INDEX monitoring_documents_band2_time_idx ON monitoring_documents (band2, published_at) INCLUDE (id, story_id, simhash);
CREATE INDEX monitoring_documents_band3_time_idx ON monitoring_documents (band3, published_at) INCLUDE (id, story_id, simhash);
DROP INDEX monitoring_documents_band0_idx;
DROP INDEX monitoring_documents_band1_idx;
DROP INDEX monitoring_documents_band2_idx;
DROP INDEX monitoring_documents_band3_idx;
