-- Health score and churn risk, segments, and the minimal survey answers they read
-- (docs/decisions/010-segments-health.md; docs/health-score.md for the formula).

-- Survey answers: CSAT 1..5, NPS 0..10. Issue 8 (surveys) builds on this table.
CREATE TABLE survey_responses (
  id               uuid PRIMARY KEY,
  tenant_id        uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  customer_id      uuid NOT NULL,
  kind             text NOT NULL CHECK (kind IN ('csat', 'nps')),
  score            integer NOT NULL,
  comment          text,
  conversation_id  uuid,
  ticket_id        uuid,
  responded_at     timestamptz NOT NULL DEFAULT now(),
  created_at       timestamptz NOT NULL DEFAULT now(),
  CHECK ((kind = 'csat' AND score BETWEEN 1 AND 5) OR (kind = 'nps' AND score BETWEEN 0 AND 10)),
  UNIQUE (tenant_id, id),
  FOREIGN KEY (tenant_id, customer_id) REFERENCES customers (tenant_id, id),
  FOREIGN KEY (tenant_id, conversation_id) REFERENCES conversations (tenant_id, id) ON DELETE SET NULL (conversation_id),
  FOREIGN KEY (tenant_id, ticket_id) REFERENCES tickets (tenant_id, id) ON DELETE SET NULL (ticket_id)
);
-- Signals and segment conditions: one customer's answers of a kind in a time window.
CREATE INDEX survey_responses_customer ON survey_responses (tenant_id, customer_id, kind, responded_at DESC);

-- Sentiment of a message, -1 (negative) .. 1 (positive); filled by the analytics work, NULL until then.
ALTER TABLE messages ADD COLUMN sentiment real CHECK (sentiment IS NULL OR (sentiment >= -1 AND sentiment <= 1));
-- Recent messages of a conversation (health: inbound sentiment over 30 days).
CREATE INDEX messages_conversation_time ON messages (tenant_id, conversation_id, created_at);

-- The latest health score of each customer; factors say why (docs/health-score.md).
CREATE TABLE customer_health (
  tenant_id    uuid NOT NULL,
  customer_id  uuid NOT NULL,
  score        integer NOT NULL CHECK (score BETWEEN 0 AND 100),
  band         text NOT NULL CHECK (band IN ('healthy', 'watch', 'at_risk')),
  factors      jsonb NOT NULL DEFAULT '[]',
  computed_at  timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, customer_id),
  FOREIGN KEY (tenant_id, customer_id) REFERENCES customers (tenant_id, id) ON DELETE CASCADE
);
-- The at-risk list: lowest scores first, keyset on (score, customer_id).
CREATE INDEX customer_health_score ON customer_health (tenant_id, score, customer_id);
-- The batch job: stalest first.
CREATE INDEX customer_health_computed ON customer_health (tenant_id, computed_at);

-- Saved filters over customers; `definition` is { match, conditions } (src/contracts/segments.ts).
CREATE TABLE segments (
  id                 uuid PRIMARY KEY,
  tenant_id          uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  name               text NOT NULL,
  description        text NOT NULL DEFAULT '',
  definition         jsonb NOT NULL,
  created_by         uuid,
  member_count       integer,
  count_computed_at  timestamptz,
  created_at         timestamptz NOT NULL DEFAULT now(),
  updated_at         timestamptz NOT NULL DEFAULT now(),
  UNIQUE (tenant_id, id),
  UNIQUE (tenant_id, name),
  FOREIGN KEY (tenant_id, created_by) REFERENCES users (tenant_id, id) ON DELETE SET NULL (created_by)
);
CREATE INDEX segments_tenant ON segments (tenant_id, id DESC);
