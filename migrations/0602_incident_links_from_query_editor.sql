-- Queries linked to an incident in the query editor (link type 'incident') become links of the incident, as
-- those saved from now on are (incidents' recordQueryLinkedFromEditor): the incident's links then have one source.
-- Only links to an existing incident of the query's own organization; link ids that are not UUIDs are skipped
-- (the CASE keeps the cast from seeing them).
INSERT INTO incident_links (incident_id, kind, target_id, label, linked_by_user_id, linked_at)
SELECT i.id, 'query', q.id, q.name, q.created_by, q.created_at
FROM monitoring_queries q
JOIN incidents i
  ON i.id = CASE
    WHEN q.link_id ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' THEN q.link_id::uuid
  END
 AND i.organization_id = q.organization_id
WHERE q.link_type = 'incident'
ON CONFLICT DO NOTHING;
