-- Customers with their identities on every channel; inboxes, conversations and messages.

CREATE TABLE customers (
  id           uuid PRIMARY KEY,
  tenant_id    uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  name         text NOT NULL DEFAULT '',
  language     text,
  time_zone    text,
  company      text,
  tags         text[] NOT NULL DEFAULT '{}',
  attributes   jsonb NOT NULL DEFAULT '{}',
  consent      jsonb NOT NULL DEFAULT '{}',
  merged_into  uuid,
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now(),
  UNIQUE (tenant_id, id)
);
CREATE INDEX customers_tenant ON customers (tenant_id, id) WHERE merged_into IS NULL;

-- One identity (normalized value) belongs to one customer of a tenant.
CREATE TABLE customer_identities (
  id           uuid PRIMARY KEY,
  tenant_id    uuid NOT NULL,
  customer_id  uuid NOT NULL,
  kind         text NOT NULL CHECK (kind IN ('email', 'phone', 'visitor', 'whatsapp', 'messenger', 'telegram', 'external')),
  value        text NOT NULL,
  verified     boolean NOT NULL DEFAULT false,
  created_at   timestamptz NOT NULL DEFAULT now(),
  UNIQUE (tenant_id, kind, value),
  FOREIGN KEY (tenant_id, customer_id) REFERENCES customers (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX customer_identities_customer ON customer_identities (tenant_id, customer_id);

CREATE TABLE inboxes (
  id                uuid PRIMARY KEY,
  tenant_id         uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  name              text NOT NULL,
  channel           text NOT NULL CHECK (channel IN ('chat', 'email', 'sms', 'whatsapp', 'messenger', 'telegram', 'voice', 'api')),
  reopen_window_ms  bigint NOT NULL DEFAULT 604800000,
  settings          jsonb NOT NULL DEFAULT '{}',
  created_at        timestamptz NOT NULL DEFAULT now(),
  UNIQUE (tenant_id, name),
  UNIQUE (tenant_id, id)
);

CREATE TABLE conversations (
  id               uuid PRIMARY KEY,
  tenant_id        uuid NOT NULL,
  inbox_id         uuid NOT NULL,
  customer_id      uuid NOT NULL,
  status           text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'pending', 'snoozed', 'resolved')),
  snoozed_until    timestamptz,
  priority         text NOT NULL DEFAULT 'normal' CHECK (priority IN ('low', 'normal', 'high', 'urgent')),
  assignee_id      uuid,
  team_id          uuid,
  tags             text[] NOT NULL DEFAULT '{}',
  subject          text,
  last_seq         integer NOT NULL DEFAULT 0,
  last_message_at  timestamptz,
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now(),
  resolved_at      timestamptz,
  UNIQUE (tenant_id, id),
  FOREIGN KEY (tenant_id, inbox_id) REFERENCES inboxes (tenant_id, id),
  FOREIGN KEY (tenant_id, customer_id) REFERENCES customers (tenant_id, id),
  FOREIGN KEY (tenant_id, assignee_id) REFERENCES users (tenant_id, id),
  FOREIGN KEY (tenant_id, team_id) REFERENCES teams (tenant_id, id)
);
CREATE INDEX conversations_customer ON conversations (tenant_id, customer_id, id DESC);
CREATE INDEX conversations_inbox_status ON conversations (tenant_id, inbox_id, status, id DESC);
CREATE INDEX conversations_assignee ON conversations (tenant_id, assignee_id, status) WHERE assignee_id IS NOT NULL;

-- Messages are ordered by their per-conversation seq, never by clock alone.
CREATE TABLE messages (
  id                   uuid PRIMARY KEY,
  tenant_id            uuid NOT NULL,
  conversation_id      uuid NOT NULL,
  inbox_id             uuid NOT NULL,
  seq                  integer NOT NULL,
  direction            text NOT NULL CHECK (direction IN ('inbound', 'outbound', 'note')),
  author_user_id       uuid,
  text                 text NOT NULL DEFAULT '',
  html                 text,
  provider_message_id  text,
  delivery_status      text NOT NULL DEFAULT 'received' CHECK (delivery_status IN ('received', 'queued', 'sent', 'delivered', 'read', 'failed')),
  created_at           timestamptz NOT NULL DEFAULT now(),
  UNIQUE (tenant_id, conversation_id, seq),
  FOREIGN KEY (tenant_id, conversation_id) REFERENCES conversations (tenant_id, id) ON DELETE CASCADE
);
-- Intake is idempotent on (inbox, provider message id).
CREATE UNIQUE INDEX messages_provider_id ON messages (tenant_id, inbox_id, provider_message_id) WHERE provider_message_id IS NOT NULL;
