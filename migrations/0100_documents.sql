-- Official documents (uploaded files or pasted text), their parse, and the tasks confirmed from them,
-- with progress reports, attachments, history, reminders and in-app notifications.

CREATE TABLE documents (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- the uploader's organization owns the document
  organization_id text NOT NULL REFERENCES organizations(id),
  uploaded_by_user_id uuid REFERENCES users(id),
  -- sha256 of the bytes: the same file uploaded twice by one organization is the same document
  content_hash text NOT NULL,
  source text NOT NULL CHECK (source IN ('file', 'text')),
  file_name text NOT NULL,
  mime_type text,
  byte_size integer NOT NULL CHECK (byte_size > 0),
  -- path relative to the data dir (uploads/<aa>/<hash>)
  storage_path text NOT NULL,
  status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'processing', 'ready', 'failed', 'confirmed')),
  phase text CHECK (phase IN ('extracting', 'repairing', 'parsing')),
  pages_done integer NOT NULL DEFAULT 0,
  pages_total integer NOT NULL DEFAULT 0,
  error_code text,
  error_message text,
  error_message_vi text,
  attempts integer NOT NULL DEFAULT 0,
  extraction_method text,
  -- raw extracted (OCR) text, kept beside the repaired text the officer reviews and may correct
  raw_text text,
  repaired_text text,
  -- the parse as the machine produced it, and as the officer corrected it
  parse_original jsonb,
  parse jsonb,
  warnings text[] NOT NULL DEFAULT '{}',
  edited_by_user_id uuid,
  edited_at timestamptz,
  confirmed_by_user_id uuid,
  confirmed_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (organization_id, content_hash)
);
CREATE INDEX documents_organization_idx ON documents (organization_id, created_at DESC);

CREATE TABLE document_tasks (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  document_id uuid NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  -- position of the assignment in the confirmed parse, and its clause ("1.a", "3.đ")
  assignment_index integer NOT NULL,
  clause text NOT NULL,
  -- the body as the document named it (kept even when no longer in force) …
  assigned_organization_id text NOT NULL REFERENCES organizations(id),
  assigned_organization_name text NOT NULL,
  -- … its current successors at confirmation ([{id, name}]) …
  successors jsonb NOT NULL DEFAULT '[]',
  -- … and who owns the task now (changes when a coordinator hands it on)
  owner_organization_id text NOT NULL REFERENCES organizations(id),
  task text NOT NULL,
  due_on date,
  recurrence text CHECK (recurrence IN ('yearly', 'half-yearly', 'quarterly', 'monthly')),
  evidence text NOT NULL DEFAULT '',
  status text NOT NULL DEFAULT 'not_started' CHECK (status IN ('not_started', 'in_progress', 'done', 'overdue')),
  completed_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (document_id, assignment_index, assigned_organization_id)
);
CREATE INDEX document_tasks_owner_idx ON document_tasks (owner_organization_id, status, due_on);
CREATE INDEX document_tasks_assigned_idx ON document_tasks (assigned_organization_id);
-- the overdue sweep and reminders scan open tasks by due date
CREATE INDEX document_tasks_open_due_idx ON document_tasks (due_on) WHERE status <> 'done';

-- Every change of a task: created, status, due date, reassignment, progress report.
CREATE TABLE document_task_events (
  id bigserial PRIMARY KEY,
  task_id uuid NOT NULL REFERENCES document_tasks(id) ON DELETE CASCADE,
  at timestamptz NOT NULL DEFAULT now(),
  actor_user_id uuid,
  actor_email text,
  kind text NOT NULL,
  before jsonb,
  after jsonb,
  note text
);
CREATE INDEX document_task_events_task_idx ON document_task_events (task_id, at);

CREATE TABLE document_task_reports (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  task_id uuid NOT NULL REFERENCES document_tasks(id) ON DELETE CASCADE,
  author_user_id uuid,
  author_email text,
  organization_id text NOT NULL REFERENCES organizations(id),
  body text NOT NULL,
  percent_complete integer CHECK (percent_complete BETWEEN 0 AND 100),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX document_task_reports_task_idx ON document_task_reports (task_id, created_at);

CREATE TABLE document_task_attachments (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  report_id uuid NOT NULL REFERENCES document_task_reports(id) ON DELETE CASCADE,
  task_id uuid NOT NULL REFERENCES document_tasks(id) ON DELETE CASCADE,
  file_name text NOT NULL,
  mime_type text,
  byte_size integer NOT NULL,
  content_hash text NOT NULL,
  storage_path text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- Natural key of reminders: one per task, kind and (Vietnam) day, whatever how often the job runs.
CREATE TABLE document_task_reminders (
  task_id uuid NOT NULL REFERENCES document_tasks(id) ON DELETE CASCADE,
  kind text NOT NULL,
  on_date date NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (task_id, kind, on_date)
);

-- In-app notifications of users (reminders, overdue notices, reassignments).
CREATE TABLE document_notifications (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  organization_id text NOT NULL,
  task_id uuid REFERENCES document_tasks(id) ON DELETE CASCADE,
  kind text NOT NULL,
  title text NOT NULL,
  body text NOT NULL,
  dedupe_key text UNIQUE,
  emailed_at timestamptz,
  read_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX document_notifications_user_idx ON document_notifications (user_id, created_at DESC);
