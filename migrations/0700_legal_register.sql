-- Legal register: the laws, decrees, decisions, directives and letters the network works under, as dated
-- reference data with predecessor → successor links (Luật Báo chí 103/2016/QH13 → 126/2025/QH15 on
-- 2026-07-01). New, empty tables: their indexes build instantly and lock nothing in use.

CREATE TABLE legal_documents (
  -- 'policy:<kind>:<number/symbol folded>' (src/modules/legal/identity.ts): the id monitoring records
  -- when a text cites the document
  id text PRIMARY KEY,
  -- a kind code of identity.ts (luat, nghi-dinh, quyet-dinh …); checked by the service, not here, so that a
  -- kind added to identity.ts needs no migration
  kind text NOT NULL,
  -- as officially written: '103/2016/QH13'
  number_symbol text NOT NULL,
  title text NOT NULL,
  -- other names the press uses ('Luật Báo chí 2016')
  aliases text[] NOT NULL DEFAULT '{}',
  issuer text,
  issued_on date,
  effective_from date,
  -- last day in force (inclusive)
  effective_to date,
  -- lower-cased and accent-folded title, aliases and number/symbol, maintained by the service
  search_text text NOT NULL DEFAULT '',
  is_reference boolean NOT NULL DEFAULT false,
  notes text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (id LIKE 'policy:' || kind || ':%'),
  CHECK (effective_to IS NULL OR effective_from IS NULL OR effective_to >= effective_from)
);
CREATE INDEX legal_documents_kind_idx ON legal_documents (kind);
CREATE INDEX legal_documents_search_trgm_idx ON legal_documents USING gin (search_text gin_trgm_ops);

CREATE TABLE legal_document_links (
  predecessor_id text NOT NULL REFERENCES legal_documents(id) ON DELETE CASCADE,
  successor_id text NOT NULL REFERENCES legal_documents(id) ON DELETE CASCADE,
  -- first day the successor applies in place of the predecessor
  effective_on date,
  note text,
  PRIMARY KEY (predecessor_id, successor_id),
  CHECK (predecessor_id <> successor_id)
);
CREATE INDEX legal_document_links_successor_idx ON legal_document_links (successor_id);
