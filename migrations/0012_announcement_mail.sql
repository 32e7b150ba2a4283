-- One row per user mailed about an announcement, written in the same transaction as the send attempt:
-- a retried mail job never mails anyone twice.
CREATE TABLE announcement_mailings (
  announcement_id uuid NOT NULL REFERENCES announcements(id) ON DELETE CASCADE,
  user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  emailed_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (announcement_id, user_id)
);
