-- The network: policy-communication unit and contacts per organization, named groups of organizations,
-- announcements with per-organization recipients and per-user read receipts.

CREATE TABLE network_profiles (
  organization_id text PRIMARY KEY REFERENCES organizations(id) ON DELETE CASCADE,
  -- the organization's policy-communication unit (e.g. "Phòng Truyền thông")
  unit_name text,
  unit_is_dedicated boolean NOT NULL DEFAULT false,
  staff_dedicated integer NOT NULL DEFAULT 0 CHECK (staff_dedicated >= 0),
  staff_part_time integer NOT NULL DEFAULT 0 CHECK (staff_part_time >= 0),
  notes text,
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- Personal data: readable only by signed-in members of the network (enforced by the service).
CREATE TABLE network_contacts (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organization_id text NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
  role text NOT NULL CHECK (role IN ('focal-point', 'spokesperson')),
  full_name text NOT NULL,
  position text,
  phone text,
  email text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX network_contacts_organization_idx ON network_contacts (organization_id);

-- Custom groups created by coordinators (built-in groups such as "all provinces" are computed, not stored).
CREATE TABLE network_groups (
  key text PRIMARY KEY,
  name text NOT NULL,
  description text,
  created_by_user_id uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE network_group_members (
  group_key text NOT NULL REFERENCES network_groups(key) ON DELETE CASCADE,
  organization_id text NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
  PRIMARY KEY (group_key, organization_id)
);

CREATE TABLE announcements (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  title text NOT NULL,
  -- plain text (Markdown source at most); never rendered as HTML by the server
  body text NOT NULL,
  sender_user_id uuid REFERENCES users(id),
  -- owning organization of the announcement and its receipts
  sender_organization_id text NOT NULL REFERENCES organizations(id),
  -- what the sender chose: {organizationIds: [...], groupKeys: [...], on: 'YYYY-MM-DD'}
  audience jsonb NOT NULL,
  sent_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX announcements_sender_org_idx ON announcements (sender_organization_id, sent_at DESC);

-- Recipient organizations, resolved from the audience when the announcement is sent.
CREATE TABLE announcement_recipients (
  announcement_id uuid NOT NULL REFERENCES announcements(id) ON DELETE CASCADE,
  organization_id text NOT NULL REFERENCES organizations(id),
  PRIMARY KEY (announcement_id, organization_id)
);
CREATE INDEX announcement_recipients_org_idx ON announcement_recipients (organization_id);

CREATE TABLE announcement_reads (
  announcement_id uuid NOT NULL REFERENCES announcements(id) ON DELETE CASCADE,
  user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  -- the reader's organization when reading (users may later move)
  organization_id text NOT NULL,
  read_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (announcement_id, user_id)
);
CREATE INDEX announcement_reads_user_idx ON announcement_reads (user_id);
