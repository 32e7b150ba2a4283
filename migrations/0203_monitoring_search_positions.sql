-- monitoring_search.lexemes keeps positions and title weights again (the full tsvector the ingest builds):
-- folded Vietnamese syllables are so frequent that "all words of the phrase occur" selected mostly
-- non-matching candidates, so phrases are decided in SQL (`<->`, recheck on the row) and only NEAR and
-- accent-exact mode are verified in memory.
-- Rewrites data: the lexemes stored by 0202 (without positions) are rebuilt from each document's title and
-- text with the 'simple' configuration over unaccent + lower-case, which folds like the ingest for words of
-- letters and digits; purged social posts (no text) keep what they have. New documents get the ingest's own
-- tsvector.
UPDATE monitoring_search s
SET lexemes = setweight(to_tsvector('simple', lower(unaccent(d.title))), 'A') || to_tsvector('simple', lower(unaccent(d.text)))
FROM monitoring_documents d
WHERE d.id = s.document_id AND d.text IS NOT NULL;
