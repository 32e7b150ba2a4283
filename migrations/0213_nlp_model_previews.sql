-- What a version would do before it is put in use: of the latest stored documents no officer corrected in its field
-- (at most 2,000), how many it reads and how many of their labels it would change (src/modules/monitoring/learning.ts).
-- Null for versions trained before.
ALTER TABLE nlp_models ADD COLUMN preview_documents integer, ADD COLUMN preview_changed integer;
