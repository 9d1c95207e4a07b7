-- Orders and other external purchase records of customers (docs/decisions/006-orders.md).
-- They arrive by REST upsert, CSV import or a signed inbound webhook; each is idempotent on
-- (tenant_id, external_id). What happened to an order lives in events (aggregate_type 'order').

-- Webhook senders: each has its own signing secret (HMAC-SHA256, src/security/hmac.ts). The
-- secret must be readable to verify a signature, so it is stored as is; after a rotation the
-- previous secret stays valid until previous_expires_at so a sender can switch without loss.
CREATE TABLE order_sources (
  id                   uuid PRIMARY KEY,
  tenant_id            uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  name                 text NOT NULL,
  secret               text NOT NULL,
  previous_secret      text,
  previous_expires_at  timestamptz,
  created_by           uuid,
  created_at           timestamptz NOT NULL DEFAULT now(),
  updated_at           timestamptz NOT NULL DEFAULT now(),
  last_used_at         timestamptz,
  UNIQUE (tenant_id, id)
);
CREATE INDEX order_sources_tenant ON order_sources (tenant_id, id DESC);

CREATE TABLE orders (
  id           uuid PRIMARY KEY,
  tenant_id    uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  customer_id  uuid NOT NULL,
  external_id  text NOT NULL CHECK (length(external_id) BETWEEN 1 AND 200),
  ordered_at   timestamptz NOT NULL,
  status       text NOT NULL DEFAULT 'paid' CHECK (status IN ('pending', 'paid', 'fulfilled', 'cancelled', 'refunded')),
  currency     char(3) NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
  total        numeric(14,2) NOT NULL CHECK (total >= 0),
  -- [{ "sku"?: text, "name": text, "quantity": number > 0, "unitPrice": number >= 0 }]
  items        jsonb NOT NULL DEFAULT '[]',
  source       text NOT NULL CHECK (source IN ('api', 'csv', 'webhook')),
  source_id    uuid,
  import_id    uuid,
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now(),
  UNIQUE (tenant_id, id),
  UNIQUE (tenant_id, external_id),
  FOREIGN KEY (tenant_id, customer_id) REFERENCES customers (tenant_id, id)
);
-- A customer's orders, newest first (customer page, health score, segments).
CREATE INDEX orders_customer ON orders (tenant_id, customer_id, ordered_at DESC);
-- The list of all orders (keyset on id) and the search by external id prefix.
CREATE INDEX orders_recent ON orders (tenant_id, id DESC);
CREATE INDEX orders_external_prefix ON orders (tenant_id, external_id text_pattern_ops);

-- CSV imports: the file is kept with the import so processing survives a restart; progress is
-- written after each chunk (processed rows are a resume point). A runner claims the row by
-- setting runner + lease_until; another runner may take over only after the lease has expired.
CREATE TABLE order_imports (
  id            uuid PRIMARY KEY,
  tenant_id     uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  status        text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'done', 'failed')),
  filename      text,
  content       text NOT NULL,
  content_sha256 text NOT NULL,
  total_rows    integer NOT NULL DEFAULT 0,
  processed     integer NOT NULL DEFAULT 0,
  imported      integer NOT NULL DEFAULT 0,
  rejected      integer NOT NULL DEFAULT 0,
  -- [{ "line": number, "externalId"?: text, "reason": text }]
  report        jsonb NOT NULL DEFAULT '[]',
  error         text,
  runner        uuid,
  lease_until   timestamptz,
  created_by    uuid,
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now(),
  started_at    timestamptz,
  finished_at   timestamptz,
  UNIQUE (tenant_id, id),
  FOREIGN KEY (tenant_id, created_by) REFERENCES users (tenant_id, id) ON DELETE SET NULL (created_by)
);
CREATE INDEX order_imports_recent ON order_imports (tenant_id, id DESC);
-- Unfinished imports, for the job that resumes them after a restart.
CREATE INDEX order_imports_pending ON order_imports (status, lease_until) WHERE status IN ('queued', 'running');
