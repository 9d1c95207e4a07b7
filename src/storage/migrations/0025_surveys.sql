-- Surveys and voice of the customer (issue 8): per-tenant settings, invitations sent at resolution
-- (the link token is stored only as its SHA-256), and what the VoC view reads of each comment.

CREATE TABLE survey_settings (
  tenant_id   uuid PRIMARY KEY REFERENCES tenants(id) ON DELETE CASCADE,
  settings    jsonb NOT NULL DEFAULT '{}',
  updated_by  uuid,
  updated_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE survey_invitations (
  id               uuid PRIMARY KEY,
  tenant_id        uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  customer_id      uuid NOT NULL,
  conversation_id  uuid,
  -- The resolution event that caused it: redelivery (or a second node) creates nothing new.
  source_event_id  uuid NOT NULL,
  channel          text NOT NULL,
  kind             text NOT NULL CHECK (kind IN ('csat', 'nps')),
  language         text NOT NULL,
  token_hash       text NOT NULL,
  sent_at          timestamptz NOT NULL,
  expires_at       timestamptz NOT NULL,
  answered_at      timestamptz,
  response_id      uuid,
  UNIQUE (tenant_id, id),
  UNIQUE (tenant_id, source_event_id),
  FOREIGN KEY (tenant_id, customer_id) REFERENCES customers (tenant_id, id) ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, conversation_id) REFERENCES conversations (tenant_id, id) ON DELETE SET NULL (conversation_id)
);
-- The public page finds an invitation by its token's hash alone (the link carries no tenant).
CREATE UNIQUE INDEX survey_invitations_token ON survey_invitations (token_hash);
-- Throttle: a customer's latest invitation.
CREATE INDEX survey_invitations_customer ON survey_invitations (tenant_id, customer_id, sent_at DESC);
CREATE INDEX survey_invitations_conversation ON survey_invitations (tenant_id, conversation_id);

ALTER TABLE survey_responses ADD COLUMN invitation_id uuid;
ALTER TABLE survey_responses ADD COLUMN channel text;
ALTER TABLE survey_responses ADD COLUMN language text;
-- One answer per invitation, whatever races.
CREATE UNIQUE INDEX survey_responses_invitation ON survey_responses (tenant_id, invitation_id) WHERE invitation_id IS NOT NULL;
-- Reports and the VoC list: answers in a time range.
CREATE INDEX survey_responses_time ON survey_responses (tenant_id, responded_at DESC);

-- Per comment: its language, sentiment (-1..1) and theme keys (keywords, bigrams, conversation tags).
CREATE TABLE survey_comment_insights (
  response_id  uuid PRIMARY KEY,
  tenant_id    uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  language     text NOT NULL,
  sentiment    real,
  themes       text[] NOT NULL DEFAULT '{}',
  analyzed_at  timestamptz NOT NULL,
  FOREIGN KEY (tenant_id, response_id) REFERENCES survey_responses (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX survey_comment_insights_tenant ON survey_comment_insights (tenant_id, response_id);
