-- Full-text search (docs/decisions/009-search.md): one row per searchable thing, kept current by an
-- indexer that reads committed events in seq order. The lexemes are computed in the application
-- (Intl.Segmenter, NFKC, CJK character pairs) and stored as a ready tsvector; PostgreSQL's own
-- text parser is never used.

CREATE TABLE search_documents (
  tenant_id        uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  kind             text NOT NULL CHECK (kind IN ('customer', 'conversation', 'message', 'ticket')),
  ref_id           uuid NOT NULL,
  -- Denormalized for the filters and the links of a result.
  conversation_id  uuid,
  customer_id      uuid,
  ticket_id        uuid,
  inbox_id         uuid,
  status           text,
  -- The start of the text, for snippets.
  body             text NOT NULL DEFAULT '',
  tokens           tsvector NOT NULL,
  created_at       timestamptz NOT NULL,
  -- Bumped by a full rebuild: rows of an older generation are what the rebuild did not find.
  generation       integer NOT NULL DEFAULT 0,
  PRIMARY KEY (tenant_id, kind, ref_id),
  FOREIGN KEY (tenant_id, conversation_id) REFERENCES conversations (tenant_id, id) ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, customer_id) REFERENCES customers (tenant_id, id) ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, ticket_id) REFERENCES tickets (tenant_id, id) ON DELETE CASCADE
);
-- Rare terms: the GIN index finds the few matching rows, then the tenant is checked on them.
CREATE INDEX search_documents_tokens ON search_documents USING gin (tokens);
-- Common terms: walk the tenant's newest documents and test each one until enough match.
CREATE INDEX search_documents_recent ON search_documents (tenant_id, created_at DESC, ref_id DESC);
-- The indexer refreshes a conversation's and a customer's documents when those change.
CREATE INDEX search_documents_conversation ON search_documents (tenant_id, conversation_id) WHERE conversation_id IS NOT NULL;
CREATE INDEX search_documents_customer ON search_documents (tenant_id, customer_id) WHERE customer_id IS NOT NULL;

-- How far the indexer has read each tenant's events. No row = nothing read yet (seq 0).
CREATE TABLE search_cursors (
  tenant_id   uuid PRIMARY KEY REFERENCES tenants(id) ON DELETE CASCADE,
  seq         bigint NOT NULL DEFAULT 0,
  generation  integer NOT NULL DEFAULT 0,
  updated_at  timestamptz NOT NULL DEFAULT now()
);
