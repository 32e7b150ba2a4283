-- Surveys and reporting campaigns: versioned forms, campaigns addressed to organizations, one response per
-- organization with every saved version kept, uploads, public (unauthenticated) answers, in-app notices.

CREATE TABLE survey_forms (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- stable key shared by every version of one form (e.g. "837-capacity")
  key text NOT NULL,
  version integer NOT NULL CHECK (version >= 1),
  title text NOT NULL,
  description text,
  definition jsonb NOT NULL,
  allows_public boolean NOT NULL DEFAULT false,
  is_template boolean NOT NULL DEFAULT false,
  created_by_user_id uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (key, version)
);

CREATE TABLE survey_campaigns (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  form_id uuid NOT NULL REFERENCES survey_forms(id),
  title text NOT NULL,
  -- the coordinator's organization: with the responding organization, the only one that sees contact blocks
  owner_organization_id text NOT NULL,
  created_by_user_id uuid,
  target jsonb NOT NULL,
  deadline timestamptz NOT NULL,
  reminder_days integer[] NOT NULL DEFAULT '{}',
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
  public_token text UNIQUE,
  launched_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE survey_campaign_targets (
  campaign_id uuid NOT NULL REFERENCES survey_campaigns(id) ON DELETE CASCADE,
  organization_id text NOT NULL,
  organization_name text NOT NULL,
  organization_kind text NOT NULL,
  deadline_override timestamptz,
  PRIMARY KEY (campaign_id, organization_id)
);

CREATE TABLE survey_responses (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  campaign_id uuid NOT NULL REFERENCES survey_campaigns(id) ON DELETE CASCADE,
  organization_id text NOT NULL,
  status text NOT NULL CHECK (status IN ('draft', 'submitted')),
  -- optimistic concurrency: every write must name the version it started from
  version integer NOT NULL,
  answers jsonb NOT NULL DEFAULT '{}',
  updated_by_user_id uuid,
  updated_at timestamptz NOT NULL DEFAULT now(),
  submitted_at timestamptz,
  submitted_by_user_id uuid,
  reopened_at timestamptz,
  UNIQUE (campaign_id, organization_id)
);

-- Every saved version of every response (drafts, submissions, reopenings); never updated.
CREATE TABLE survey_response_versions (
  id bigserial PRIMARY KEY,
  response_id uuid NOT NULL REFERENCES survey_responses(id) ON DELETE CASCADE,
  version integer NOT NULL,
  event text NOT NULL CHECK (event IN ('draft', 'submit', 'reopen')),
  answers jsonb NOT NULL,
  saved_by_user_id uuid,
  saved_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (response_id, version)
);

CREATE TABLE survey_uploads (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  campaign_id uuid NOT NULL REFERENCES survey_campaigns(id) ON DELETE CASCADE,
  organization_id text NOT NULL,
  question_id text NOT NULL,
  file_name text NOT NULL,
  content_type text NOT NULL,
  size_bytes integer NOT NULL,
  storage_path text NOT NULL,
  uploaded_by_user_id uuid,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX survey_uploads_campaign_idx ON survey_uploads (campaign_id, organization_id);

-- Answers through the public link; ip_hash is a keyed hash (no raw addresses kept) used for rate limits.
CREATE TABLE survey_public_responses (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  campaign_id uuid NOT NULL REFERENCES survey_campaigns(id) ON DELETE CASCADE,
  respondent_organization text,
  answers jsonb NOT NULL,
  ip_hash text NOT NULL,
  submitted_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX survey_public_responses_ip_idx ON survey_public_responses (ip_hash, submitted_at);

-- In-app notices (reminders, reopenings) addressed to an organization's users.
CREATE TABLE survey_notifications (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  campaign_id uuid NOT NULL REFERENCES survey_campaigns(id) ON DELETE CASCADE,
  organization_id text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('launched', 'reminder', 'reopened', 'extended')),
  message text NOT NULL,
  -- natural key that makes a cron reminder idempotent (campaign + organization + day)
  dedupe_key text UNIQUE,
  created_at timestamptz NOT NULL DEFAULT now(),
  read_at timestamptz
);
CREATE INDEX survey_notifications_org_idx ON survey_notifications (organization_id, created_at DESC);
