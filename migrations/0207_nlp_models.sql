-- Sentiment models learned from officers' corrections (nlp_corrections): every version is kept, at most one is
-- active per kind, and none active means the model shipped in models/ is used. Rolling back is activating
-- another version (or none).
CREATE TABLE nlp_models (
  kind text NOT NULL CHECK (kind IN ('sentiment')),
  version integer NOT NULL,
  -- the version that was in use when this one was trained (the shipped model's version when none was active)
  parent_version integer NOT NULL,
  model jsonb NOT NULL,
  -- corrections it was trained on, and how many of them the parent and this model label as the officer did
  examples integer NOT NULL,
  agreed_before integer NOT NULL,
  agreed_after integer NOT NULL,
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  is_active boolean NOT NULL DEFAULT false,
  activated_at timestamptz,
  PRIMARY KEY (kind, version)
);
CREATE UNIQUE INDEX nlp_models_active_idx ON nlp_models (kind) WHERE is_active;
