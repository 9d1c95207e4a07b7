-- The agent desk: canned responses, disposition codes, the disposition a conversation was
-- wrapped up with (conversation_wrap_ups), and each agent's read marker per conversation (unread counts).

CREATE TABLE canned_responses (
  id          uuid PRIMARY KEY,
  tenant_id   uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  -- What the agent types after "/" to find it: lower-case letters, digits, - and _.
  shortcut    text NOT NULL CHECK (shortcut ~ '^[a-z0-9_-]{1,40}$'),
  title       text NOT NULL CHECK (length(title) BETWEEN 1 AND 120),
  body        text NOT NULL CHECK (length(body) BETWEEN 1 AND 5000),
  created_by  uuid,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  UNIQUE (tenant_id, shortcut),
  UNIQUE (tenant_id, id)
);

CREATE TABLE disposition_codes (
  id          uuid PRIMARY KEY,
  tenant_id   uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  code        text NOT NULL CHECK (code ~ '^[a-z0-9_-]{1,40}$'),
  label       text NOT NULL CHECK (length(label) BETWEEN 1 AND 120),
  active      boolean NOT NULL DEFAULT true,
  position    integer NOT NULL DEFAULT 0,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  UNIQUE (tenant_id, code),
  UNIQUE (tenant_id, id)
);

-- How a conversation was wrapped up: one row per conversation, rewritten when it is resolved again.
-- The code is copied (not a foreign key): a code deleted later keeps old wrap-ups readable.
CREATE TABLE conversation_wrap_ups (
  tenant_id         uuid NOT NULL,
  conversation_id   uuid NOT NULL,
  disposition_code  text,
  disposition_label text,
  note              text CHECK (note IS NULL OR length(note) <= 2000),
  wrapped_up_by     uuid,
  wrapped_up_at     timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, conversation_id),
  FOREIGN KEY (tenant_id, conversation_id) REFERENCES conversations (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX conversation_wrap_ups_code ON conversation_wrap_ups (tenant_id, disposition_code, wrapped_up_at);

CREATE TABLE conversation_reads (
  tenant_id        uuid NOT NULL,
  conversation_id  uuid NOT NULL,
  user_id          uuid NOT NULL,
  seq              integer NOT NULL CHECK (seq >= 0),
  updated_at       timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, user_id, conversation_id),
  FOREIGN KEY (tenant_id, conversation_id) REFERENCES conversations (tenant_id, id) ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id) ON DELETE CASCADE
);
