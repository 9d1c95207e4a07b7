-- Knowledge base articles (issue 7): a category tree, articles with one translation per language,
-- an immutable version row for every save of a translation, "was this helpful?" votes, links to
-- attachments (images in bodies), and Markdown/CSV imports that run as a job with a per-row report.
-- Search over published translations lives apart (0019_kb_search.sql, fed by src/core/kb-search).

CREATE TABLE kb_categories (
  id           uuid PRIMARY KEY,
  tenant_id    uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  -- NULL: a top-level category; else a section of its parent (any depth).
  parent_id    uuid,
  name         text NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
  -- The name in other languages: { "cy": "Cyfrif", "pl": "Konto", ... }.
  names        jsonb NOT NULL DEFAULT '{}',
  description  text NOT NULL DEFAULT '' CHECK (length(description) <= 1000),
  position     integer NOT NULL DEFAULT 0,
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now(),
  UNIQUE (tenant_id, id),
  FOREIGN KEY (tenant_id, parent_id) REFERENCES kb_categories (tenant_id, id)
);
CREATE INDEX kb_categories_parent ON kb_categories (tenant_id, parent_id, position);

CREATE TABLE kb_articles (
  id           uuid PRIMARY KEY,
  tenant_id    uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  category_id  uuid,
  visibility   text NOT NULL DEFAULT 'public' CHECK (visibility IN ('public', 'internal')),
  tags         text[] NOT NULL DEFAULT '{}',
  related_ids  uuid[] NOT NULL DEFAULT '{}',
  created_by   uuid,
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now(),
  UNIQUE (tenant_id, id),
  FOREIGN KEY (tenant_id, category_id) REFERENCES kb_categories (tenant_id, id)
);
-- The admin list: newest first, optionally by category.
CREATE INDEX kb_articles_list ON kb_articles (tenant_id, id DESC);
CREATE INDEX kb_articles_category ON kb_articles (tenant_id, category_id, id DESC);

-- One language of an article: its current title and (sanitized HTML) body, state and counters.
CREATE TABLE kb_translations (
  tenant_id     uuid NOT NULL,
  article_id    uuid NOT NULL,
  language      text NOT NULL CHECK (language ~ '^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$'),
  title         text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
  body          text NOT NULL CHECK (length(body) <= 200000),
  state         text NOT NULL DEFAULT 'draft' CHECK (state IN ('draft', 'review', 'published', 'archived')),
  version       integer NOT NULL DEFAULT 1,
  published_at  timestamptz,
  views         bigint NOT NULL DEFAULT 0,
  helpful_yes   integer NOT NULL DEFAULT 0,
  helpful_no    integer NOT NULL DEFAULT 0,
  updated_by    uuid,
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, article_id, language),
  FOREIGN KEY (tenant_id, article_id) REFERENCES kb_articles (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX kb_translations_state ON kb_translations (tenant_id, state, language);

-- Every save of a translation: immutable (who, when, title, body).
CREATE TABLE kb_versions (
  id          uuid PRIMARY KEY,
  tenant_id   uuid NOT NULL,
  article_id  uuid NOT NULL,
  language    text NOT NULL,
  version     integer NOT NULL,
  title       text NOT NULL,
  body        text NOT NULL,
  -- Why this version exists: an edit, a restore of an older version, an import.
  reason      text NOT NULL DEFAULT 'edit' CHECK (reason IN ('edit', 'restore', 'import', 'seed')),
  created_by  uuid,
  created_at  timestamptz NOT NULL DEFAULT now(),
  UNIQUE (tenant_id, article_id, language, version),
  FOREIGN KEY (tenant_id, article_id) REFERENCES kb_articles (tenant_id, id) ON DELETE CASCADE
);

-- "Was this helpful?": one vote per visitor key per article and language; counts kept on kb_translations.
CREATE TABLE kb_votes (
  tenant_id    uuid NOT NULL,
  article_id   uuid NOT NULL,
  language     text NOT NULL,
  visitor_key  text NOT NULL CHECK (length(visitor_key) BETWEEN 1 AND 200),
  helpful      boolean NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, article_id, language, visitor_key),
  FOREIGN KEY (tenant_id, article_id) REFERENCES kb_articles (tenant_id, id) ON DELETE CASCADE
);

-- Files an article uses (images in its body, downloads), from the attachments service.
CREATE TABLE kb_article_attachments (
  tenant_id      uuid NOT NULL,
  article_id     uuid NOT NULL,
  attachment_id  uuid NOT NULL,
  PRIMARY KEY (tenant_id, article_id, attachment_id),
  FOREIGN KEY (tenant_id, article_id) REFERENCES kb_articles (tenant_id, id) ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, attachment_id) REFERENCES attachments (tenant_id, id) ON DELETE CASCADE
);

-- Markdown/CSV imports: the parsed rows are kept so a job can run (and resume) them in chunks.
CREATE TABLE kb_imports (
  id           uuid PRIMARY KEY,
  tenant_id    uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  format       text NOT NULL CHECK (format IN ('markdown', 'csv', 'json')),
  status       text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'done', 'failed')),
  rows         jsonb NOT NULL DEFAULT '[]',
  total_rows   integer NOT NULL DEFAULT 0,
  processed    integer NOT NULL DEFAULT 0,
  imported     integer NOT NULL DEFAULT 0,
  rejected     integer NOT NULL DEFAULT 0,
  report       jsonb NOT NULL DEFAULT '[]',
  error        text,
  created_by   uuid,
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now(),
  finished_at  timestamptz,
  UNIQUE (tenant_id, id)
);
CREATE INDEX kb_imports_list ON kb_imports (tenant_id, id DESC);
