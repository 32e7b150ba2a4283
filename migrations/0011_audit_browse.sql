-- Audit browsing filters by owning organization and pages newest-first by id (builds an index; the
-- table is small at this stage, so a plain CREATE INDEX inside the migration transaction is fine).
CREATE INDEX audit_log_organization_id_idx ON audit_log (organization_id, id DESC);
CREATE INDEX audit_log_action_idx ON audit_log (action, id DESC);
