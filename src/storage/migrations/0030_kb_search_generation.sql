-- Knowledge-base search kept in memory on each node (docs/decisions/022-kb-search-in-memory.md).
-- Every change to a tenant's search documents or synonyms takes the next number of the tenant's
-- generation, in the writing transaction (the row lock orders concurrent writers, so numbers
-- commit in order); a node compares the number with its copy and reads only what changed since.

CREATE TABLE kb_search_state (
  tenant_id   uuid PRIMARY KEY REFERENCES tenants(id) ON DELETE CASCADE,
  generation  bigint NOT NULL DEFAULT 0
);

ALTER TABLE kb_search_documents ADD COLUMN generation bigint NOT NULL DEFAULT 0;
CREATE INDEX kb_search_documents_generation ON kb_search_documents (tenant_id, generation);

-- Removed article translations (language null: every translation), so a node that has them
-- in memory drops them. A few bytes each, written only when an article leaves the index.
CREATE TABLE kb_search_removals (
  tenant_id   uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  generation  bigint NOT NULL,
  article_id  uuid NOT NULL,
  language    text,
  PRIMARY KEY (tenant_id, generation, article_id)
);

-- Existing documents count as generation 1 for tenants that have any.
INSERT INTO kb_search_state (tenant_id, generation)
  SELECT DISTINCT tenant_id, 1 FROM kb_search_documents
  ON CONFLICT (tenant_id) DO NOTHING;
UPDATE kb_search_documents SET generation = 1;
