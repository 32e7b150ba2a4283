-- Trends: incremental rollups of mentions by publication hour, emerging phrases, alert rules, alerts and their
-- delivery outbox, brief subscriptions. New tables only: no locks on existing data.

-- How far the rollups have read monitoring_documents (by id; ingest allocates ids under its advisory lock, so
-- ids become visible in order). Advanced in the same transaction as the rollup increments: exactly once.
CREATE TABLE trends_watermarks (
  name text PRIMARY KEY,
  last_document_id bigint NOT NULL DEFAULT 0,
  processed_mentions bigint NOT NULL DEFAULT 0,
  updated_at timestamptz NOT NULL DEFAULT now()
);
INSERT INTO trends_watermarks (name) VALUES ('mentions');

-- scope: 'q:<saved query id>' (every match) or 'o:<organization id>' (each document once per organization).
-- hour: UTC hour of publication (Vietnam is UTC+7 all year, so hours coincide); day: Vietnam calendar day.
CREATE TABLE trends_hourly (
  scope text NOT NULL,
  hour timestamptz NOT NULL,
  sentiment text NOT NULL,
  kind text NOT NULL,
  source_key text NOT NULL,
  mentions integer NOT NULL,
  PRIMARY KEY (scope, hour, sentiment, kind, source_key)
);

CREATE TABLE trends_daily (
  scope text NOT NULL,
  day date NOT NULL,
  sentiment text NOT NULL,
  kind text NOT NULL,
  source_key text NOT NULL,
  mentions integer NOT NULL,
  PRIMARY KEY (scope, day, sentiment, kind, source_key)
);

CREATE TABLE trends_entity_hourly (
  scope text NOT NULL,
  hour timestamptz NOT NULL,
  entity_id text NOT NULL,
  sentiment text NOT NULL,
  mentions integer NOT NULL,
  PRIMARY KEY (scope, hour, entity_id, sentiment)
);
CREATE INDEX trends_entity_hourly_entity_idx ON trends_entity_hourly (scope, entity_id, hour);

CREATE TABLE trends_topic_daily (
  scope text NOT NULL,
  day date NOT NULL,
  topic text NOT NULL,
  sentiment text NOT NULL,
  mentions integer NOT NULL,
  PRIMARY KEY (scope, day, topic, sentiment)
);

CREATE TABLE trends_story_daily (
  scope text NOT NULL,
  day date NOT NULL,
  story_id bigint NOT NULL,
  mentions integer NOT NULL,
  negative integer NOT NULL DEFAULT 0,
  PRIMARY KEY (scope, day, story_id)
);

-- First publication of each story by each outlet: how fast a story spreads across outlets.
CREATE TABLE trends_story_outlets (
  story_id bigint NOT NULL,
  source_key text NOT NULL,
  first_published_at timestamptz NOT NULL,
  PRIMARY KEY (story_id, source_key)
);

-- Documents dated in the future: bucketed at the hour they arrived instead, never alerted on their date.
CREATE TABLE trends_future_documents (
  document_id bigint PRIMARY KEY,
  published_at timestamptz NOT NULL,
  bucketed_at timestamptz NOT NULL
);

-- Folded title bigrams/trigrams per Vietnam day, for emerging-term detection.
CREATE TABLE trends_phrase_daily (
  day date NOT NULL,
  phrase text NOT NULL,
  mentions integer NOT NULL,
  PRIMARY KEY (day, phrase)
);

CREATE TABLE trends_alert_rules (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organization_id text NOT NULL REFERENCES organizations(id),
  name text NOT NULL,
  -- anomaly: seasonal volume surge; threshold: N mentions per window; negative_share: surge of negative share;
  -- first_seen: first mention containing a watched term; story_spread: a story taken up by many outlets fast
  kind text NOT NULL CHECK (kind IN ('anomaly', 'threshold', 'negative_share', 'first_seen', 'story_spread')),
  -- what the rule watches: one saved query, or every query linked to a policy; neither: the whole organization
  query_id uuid REFERENCES monitoring_queries(id) ON DELETE CASCADE,
  policy_id text,
  params jsonb NOT NULL DEFAULT '{}',
  channels jsonb NOT NULL DEFAULT '{"inApp": true, "emails": [], "webhookUrl": null}',
  cooldown_minutes integer NOT NULL DEFAULT 180 CHECK (cooldown_minutes >= 0),
  is_enabled boolean NOT NULL DEFAULT true,
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX trends_alert_rules_org_idx ON trends_alert_rules (organization_id);

-- One alert per event: (rule, subject, window start) is the natural key; later hours of the same event
-- (within the cooldown) extend window_end instead of opening a new alert.
CREATE TABLE trends_alerts (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  rule_id uuid NOT NULL REFERENCES trends_alert_rules(id) ON DELETE CASCADE,
  organization_id text NOT NULL,
  query_id uuid,
  kind text NOT NULL,
  -- 'q:<query>' / 'o:<org>' plus ':e:<entity>' / ':s:<story>' / ':t:<term>' when the event concerns one of them
  subject text NOT NULL,
  window_start timestamptz NOT NULL,
  window_end timestamptz NOT NULL,
  detected_at timestamptz NOT NULL DEFAULT now(),
  score real NOT NULL,
  mentions integer NOT NULL,
  expected real,
  details jsonb NOT NULL DEFAULT '{}',
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'acknowledged', 'resolved')),
  assignee_user_id uuid,
  acknowledged_by uuid,
  acknowledged_at timestamptz,
  -- there is no incidents module yet: opening an incident flags the alert and stores an optional link
  incident_requested_at timestamptz,
  incident_link text,
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (rule_id, subject, window_start)
);
CREATE INDEX trends_alerts_org_idx ON trends_alerts (organization_id, detected_at DESC);
CREATE INDEX trends_alerts_subject_idx ON trends_alerts (rule_id, subject, window_end);

-- Outbox: one row per (alert, channel, target), written with the alert; a job delivers it and marks it.
CREATE TABLE trends_alert_deliveries (
  id bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY,
  alert_id uuid NOT NULL REFERENCES trends_alerts(id) ON DELETE CASCADE,
  channel text NOT NULL CHECK (channel IN ('in_app', 'email', 'webhook')),
  target text NOT NULL,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'failed')),
  attempts integer NOT NULL DEFAULT 0,
  last_error text,
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  created_at timestamptz NOT NULL DEFAULT now(),
  delivered_at timestamptz,
  UNIQUE (alert_id, channel, target)
);
CREATE INDEX trends_alert_deliveries_pending_idx ON trends_alert_deliveries (next_attempt_at) WHERE status = 'pending';

-- Watched terms already seen by a first_seen rule.
CREATE TABLE trends_term_sightings (
  rule_id uuid NOT NULL REFERENCES trends_alert_rules(id) ON DELETE CASCADE,
  term text NOT NULL,
  document_id bigint NOT NULL,
  published_at timestamptz NOT NULL,
  PRIMARY KEY (rule_id, term)
);

-- Who receives an organization's scheduled briefs.
CREATE TABLE trends_brief_subscriptions (
  organization_id text NOT NULL REFERENCES organizations(id),
  cadence text NOT NULL CHECK (cadence IN ('daily', 'weekly')),
  emails text[] NOT NULL DEFAULT '{}',
  last_sent_for date,
  PRIMARY KEY (organization_id, cadence)
);

-- Hours and stories whose counts changed since the detectors last looked (written with the rollups, consumed
-- by the detector pass in its own transaction: a crash between the two loses nothing).
CREATE TABLE trends_dirty_hours (
  scope text NOT NULL,
  hour timestamptz NOT NULL,
  PRIMARY KEY (scope, hour)
);
CREATE TABLE trends_dirty_stories (
  story_id bigint PRIMARY KEY
);
CREATE INDEX trends_story_daily_story_idx ON trends_story_daily (story_id);
-- Documents already checked for the watched terms of first_seen rules.
INSERT INTO trends_watermarks (name) VALUES ('terms');
