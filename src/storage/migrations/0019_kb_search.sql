-- Knowledge-base search (docs/decisions/, "kb-search"): one row per article translation, written
-- by the knowledge base through core/kb-search/index-port.ts. Lexemes (words, light stems, Welsh
-- radicals, Chinese characters and pairs folded to Simplified) are computed in the application,
-- so PostgreSQL and PGlite index the same terms. No foreign key to the article tables: the
-- knowledge base removes rows when it deletes an article.

CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE TABLE kb_search_documents (
  tenant_id     uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  article_id    uuid NOT NULL,
  language      text NOT NULL CHECK (language IN ('en', 'cy', 'pl', 'hi', 'zh-Hans', 'zh-Hant')),
  title         text NOT NULL,
  -- The start of the plain text, for snippets.
  text          text NOT NULL DEFAULT '',
  tags          text[] NOT NULL DEFAULT '{}',
  visibility    text NOT NULL CHECK (visibility IN ('public', 'internal')),
  category_id   uuid,
  helpful_yes   integer NOT NULL DEFAULT 0 CHECK (helpful_yes >= 0),
  helpful_no    integer NOT NULL DEFAULT 0 CHECK (helpful_no >= 0),
  views         integer NOT NULL DEFAULT 0 CHECK (views >= 0),
  published_at  timestamptz NOT NULL,
  -- Title (weight A), tags (B) and body (D).
  tokens        tsvector NOT NULL,
  title_tokens  tsvector NOT NULL,
  -- The folded title and tags, for trigram similarity when full text finds little.
  title_fold    text NOT NULL DEFAULT '',
  updated_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, article_id, language)
);
-- Articles change rarely and are read often: no GIN pending list (fastupdate), so a search never
-- scans a backlog of unmerged entries.
CREATE INDEX kb_search_documents_tokens ON kb_search_documents USING gin (tokens) WITH (fastupdate = off);
CREATE INDEX kb_search_documents_title_tokens ON kb_search_documents USING gin (title_tokens) WITH (fastupdate = off);
CREATE INDEX kb_search_documents_title_trgm ON kb_search_documents USING gin (title_fold gin_trgm_ops) WITH (fastupdate = off);

-- Every folded word a tenant's articles used: typo correction looks a query word up here by
-- trigram similarity. Words are never removed (a stale word only corrects to nothing).
CREATE TABLE kb_search_words (
  tenant_id  uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  word       text NOT NULL,
  PRIMARY KEY (tenant_id, word)
);
CREATE INDEX kb_search_words_trgm ON kb_search_words USING gin (word gin_trgm_ops) WITH (fastupdate = off);

-- Per-tenant synonym groups: a query with any term of a group also asks for the others.
CREATE TABLE kb_synonyms (
  id          uuid PRIMARY KEY,
  tenant_id   uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  terms       text[] NOT NULL CHECK (cardinality(terms) BETWEEN 2 AND 20),
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  UNIQUE (tenant_id, id)
);
CREATE INDEX kb_synonyms_tenant ON kb_synonyms (tenant_id, id);
