-- Rollups follow label changes (officers' corrections, re-labelling runs): the 'labels' watermark is the id of the
-- last monitoring_label_changes row applied (in last_document_id, the column every watermark has), advanced in the
-- transaction that moves the changed mentions from their old labels to their new ones.
INSERT INTO trends_watermarks (name) VALUES ('labels') ON CONFLICT DO NOTHING;
