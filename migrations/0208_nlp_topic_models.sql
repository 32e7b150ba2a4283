-- The topic model learns from officers' corrections too: its versions are the shipped topic model's changed rows
-- (a topic adaptation, src/text/topic-adaptation.ts), kept and activated as the sentiment versions are.
ALTER TABLE nlp_models DROP CONSTRAINT nlp_models_kind_check;
ALTER TABLE nlp_models ADD CONSTRAINT nlp_models_kind_check CHECK (kind IN ('sentiment', 'topic'));
