-- Tickets: the present state of each ticket, its followers, linked conversations, internal notes
-- and the tenant's custom field definitions (docs/decisions/005-tickets.md). What happened to a
-- ticket lives in events (aggregate_type 'ticket').

-- Human ticket numbers: one counter row per tenant, bumped with UPDATE ... RETURNING inside the
-- creating transaction. The row lock serializes creators; a rollback leaves no gap.
CREATE TABLE ticket_counters (
  tenant_id    uuid PRIMARY KEY REFERENCES tenants(id) ON DELETE CASCADE,
  last_number  bigint NOT NULL DEFAULT 0
);

CREATE TABLE tickets (
  id            uuid PRIMARY KEY,
  tenant_id     uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  number        bigint NOT NULL,
  subject       text NOT NULL,
  status        text NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'open', 'pending', 'on-hold', 'solved', 'closed')),
  priority      text NOT NULL DEFAULT 'normal' CHECK (priority IN ('low', 'normal', 'high', 'urgent')),
  type          text CHECK (type IN ('question', 'incident', 'problem', 'task')),
  requester_id  uuid,
  assignee_id   uuid,
  team_id       uuid,
  tags          text[] NOT NULL DEFAULT '{}',
  custom        jsonb NOT NULL DEFAULT '{}',
  created_by    uuid,
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now(),
  solved_at     timestamptz,
  closed_at     timestamptz,
  UNIQUE (tenant_id, number),
  UNIQUE (tenant_id, id),
  FOREIGN KEY (tenant_id, requester_id) REFERENCES customers (tenant_id, id),
  FOREIGN KEY (tenant_id, assignee_id) REFERENCES users (tenant_id, id),
  FOREIGN KEY (tenant_id, team_id) REFERENCES teams (tenant_id, id) ON DELETE SET NULL (team_id)
);
-- The list queries: by status, by assignee (and status), by requester, by team; newest first.
CREATE INDEX tickets_status ON tickets (tenant_id, status, id DESC);
CREATE INDEX tickets_recent ON tickets (tenant_id, id DESC);
CREATE INDEX tickets_assignee ON tickets (tenant_id, assignee_id, status, id DESC) WHERE assignee_id IS NOT NULL;
CREATE INDEX tickets_requester ON tickets (tenant_id, requester_id, id DESC) WHERE requester_id IS NOT NULL;
CREATE INDEX tickets_team ON tickets (tenant_id, team_id, status, id DESC) WHERE team_id IS NOT NULL;
CREATE INDEX tickets_tags ON tickets USING gin (tags);

CREATE TABLE ticket_followers (
  tenant_id  uuid NOT NULL,
  ticket_id  uuid NOT NULL,
  user_id    uuid NOT NULL,
  added_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (ticket_id, user_id),
  FOREIGN KEY (tenant_id, ticket_id) REFERENCES tickets (tenant_id, id) ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX ticket_followers_user ON ticket_followers (tenant_id, user_id);

-- A ticket gathers conversations (a chat and an email about one problem); a conversation may be
-- linked to several tickets, each pair once.
CREATE TABLE ticket_conversations (
  tenant_id        uuid NOT NULL,
  ticket_id        uuid NOT NULL,
  conversation_id  uuid NOT NULL,
  linked_by        uuid,
  linked_at        timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (ticket_id, conversation_id),
  FOREIGN KEY (tenant_id, ticket_id) REFERENCES tickets (tenant_id, id) ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, conversation_id) REFERENCES conversations (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX ticket_conversations_conversation ON ticket_conversations (tenant_id, conversation_id);

-- Internal notes: text, sanitized HTML, the users they mention.
CREATE TABLE ticket_comments (
  id          uuid PRIMARY KEY,
  tenant_id   uuid NOT NULL,
  ticket_id   uuid NOT NULL,
  author_id   uuid,
  text        text NOT NULL DEFAULT '',
  html        text,
  mentions    uuid[] NOT NULL DEFAULT '{}',
  created_at  timestamptz NOT NULL DEFAULT now(),
  FOREIGN KEY (tenant_id, ticket_id) REFERENCES tickets (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX ticket_comments_ticket ON ticket_comments (tenant_id, ticket_id, id);

-- Custom field definitions; a ticket's `custom` holds { key: value } validated against them.
CREATE TABLE ticket_fields (
  id          uuid PRIMARY KEY,
  tenant_id   uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  key         text NOT NULL,
  label       text NOT NULL,
  type        text NOT NULL CHECK (type IN ('text', 'number', 'date', 'dropdown', 'checkbox')),
  options     text[] NOT NULL DEFAULT '{}',
  required    boolean NOT NULL DEFAULT false,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  UNIQUE (tenant_id, key)
);
