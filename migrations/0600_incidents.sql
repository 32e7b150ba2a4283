-- Communication incidents and crises (Directive 07/CT-TTg, letter 837/BTTTT-CBC): an incident owned by one
-- organization, its task force, linked alerts and monitoring queries, an append-only timeline, and holding
-- statements / press responses with an approval step.

CREATE TABLE incidents (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organization_id text NOT NULL,
  title text NOT NULL,
  description text,
  -- 1 thấp · 2 trung bình · 3 cao · 4 nghiêm trọng
  severity integer NOT NULL CHECK (severity BETWEEN 1 AND 4),
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'responding', 'monitoring', 'closed')),
  owner_user_id uuid,
  -- the alert the incident was opened from: unique, so opening twice from one alert finds the same incident
  source_alert_id uuid UNIQUE,
  response_due_at timestamptz,
  resolution_due_at timestamptz,
  created_by_user_id uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  closed_at timestamptz
);
CREATE INDEX incidents_organization_idx ON incidents (organization_id, created_at DESC);

-- Other organizations allowed to read an incident (read only).
CREATE TABLE incident_shares (
  incident_id uuid NOT NULL REFERENCES incidents(id) ON DELETE CASCADE,
  organization_id text NOT NULL,
  shared_by_user_id uuid,
  shared_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (incident_id, organization_id)
);
CREATE INDEX incident_shares_organization_idx ON incident_shares (organization_id);

-- The task force (tổ công tác): users of the owning organization with a role in the incident.
CREATE TABLE incident_members (
  incident_id uuid NOT NULL REFERENCES incidents(id) ON DELETE CASCADE,
  user_id uuid NOT NULL,
  role text NOT NULL CHECK (role IN ('lead', 'spokesperson', 'member', 'monitor')),
  added_by_user_id uuid,
  added_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (incident_id, user_id)
);

-- Linked trends alerts and monitoring queries.
CREATE TABLE incident_links (
  incident_id uuid NOT NULL REFERENCES incidents(id) ON DELETE CASCADE,
  kind text NOT NULL CHECK (kind IN ('alert', 'query')),
  target_id uuid NOT NULL,
  label text NOT NULL,
  linked_by_user_id uuid,
  linked_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (incident_id, kind, target_id)
);

-- Append-only: every change and every note, with who and when.
CREATE TABLE incident_timeline (
  id bigserial PRIMARY KEY,
  incident_id uuid NOT NULL REFERENCES incidents(id) ON DELETE CASCADE,
  kind text NOT NULL,
  actor_user_id uuid,
  body text,
  data jsonb NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX incident_timeline_incident_idx ON incident_timeline (incident_id, id);

-- Holding statements (thông cáo) and press responses (trả lời báo chí): drafted, submitted, approved or returned.
CREATE TABLE incident_statements (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  incident_id uuid NOT NULL REFERENCES incidents(id) ON DELETE CASCADE,
  kind text NOT NULL CHECK (kind IN ('holding_statement', 'press_response')),
  title text NOT NULL,
  body text NOT NULL,
  -- the press outlet and question a press response answers
  addressee text,
  status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'submitted', 'approved')),
  author_user_id uuid,
  submitted_at timestamptz,
  approved_by_user_id uuid,
  approved_at timestamptz,
  signer_name text,
  signer_capacity text,
  review_comment text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX incident_statements_incident_idx ON incident_statements (incident_id, created_at);
