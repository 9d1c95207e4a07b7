-- Flows (the chatbot on chat inboxes; one engine with the IVR): flows and their versions
-- (published versions are immutable), which flow answers on which inbox, the running sessions
-- (one active per conversation), the tenant's intents and the hosts HTTP steps may call.
-- Bot messages: messages.author_kind = 'bot' and structured extras (quick replies) in metadata.

CREATE TABLE flows (
  id             uuid PRIMARY KEY,
  tenant_id      uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  name           text NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
  description    text NOT NULL DEFAULT '' CHECK (length(description) <= 1000),
  -- The channels this flow is meant for ('chat', 'voice', 'sms', ...).
  channel_kinds  text[] NOT NULL DEFAULT '{chat}',
  created_by     uuid,
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now(),
  UNIQUE (tenant_id, id),
  UNIQUE (tenant_id, name)
);

-- At most one draft per flow (the highest version); published rows never change.
CREATE TABLE flow_versions (
  tenant_id     uuid NOT NULL,
  flow_id       uuid NOT NULL,
  version       integer NOT NULL CHECK (version >= 1),
  definition    jsonb NOT NULL,
  status        text NOT NULL CHECK (status IN ('draft', 'published')),
  created_by    uuid,
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now(),
  published_at  timestamptz,
  published_by  uuid,
  PRIMARY KEY (tenant_id, flow_id, version),
  FOREIGN KEY (tenant_id, flow_id) REFERENCES flows (tenant_id, id) ON DELETE CASCADE,
  CHECK ((status = 'published') = (published_at IS NOT NULL))
);
CREATE UNIQUE INDEX flow_versions_one_draft ON flow_versions (tenant_id, flow_id) WHERE status = 'draft';

-- A published version is immutable: no update, and no delete unless its flow is being deleted.
CREATE FUNCTION flow_versions_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND OLD.status = 'published' THEN
    RAISE EXCEPTION 'published flow versions are immutable (flow %, version %)', OLD.flow_id, OLD.version;
  END IF;
  IF TG_OP = 'DELETE' AND OLD.status = 'published' AND EXISTS (SELECT 1 FROM flows f WHERE f.tenant_id = OLD.tenant_id AND f.id = OLD.flow_id) THEN
    RAISE EXCEPTION 'published flow versions are immutable (flow %, version %)', OLD.flow_id, OLD.version;
  END IF;
  IF TG_OP = 'DELETE' THEN
    RETURN OLD;
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER flow_versions_immutable BEFORE UPDATE OR DELETE ON flow_versions
  FOR EACH ROW EXECUTE FUNCTION flow_versions_immutable();

-- Which flow answers first on an inbox (its latest published version runs).
CREATE TABLE inbox_flows (
  tenant_id    uuid NOT NULL,
  inbox_id     uuid NOT NULL,
  flow_id      uuid NOT NULL,
  assigned_by  uuid,
  assigned_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, inbox_id),
  FOREIGN KEY (tenant_id, inbox_id) REFERENCES inboxes (tenant_id, id) ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, flow_id) REFERENCES flows (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX inbox_flows_flow ON inbox_flows (tenant_id, flow_id);

-- A flow running on a conversation; it finishes on the version it started with.
CREATE TABLE flow_sessions (
  id               uuid PRIMARY KEY,
  tenant_id        uuid NOT NULL,
  conversation_id  uuid NOT NULL,
  flow_id          uuid NOT NULL,
  version          integer NOT NULL,
  state            jsonb NOT NULL,
  status           text NOT NULL CHECK (status IN ('active', 'handover', 'ended')),
  -- The highest inbound message seq fed to the flow (a redelivered event changes nothing).
  last_seq         integer NOT NULL DEFAULT 0,
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now(),
  UNIQUE (tenant_id, id),
  FOREIGN KEY (tenant_id, conversation_id) REFERENCES conversations (tenant_id, id) ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, flow_id, version) REFERENCES flow_versions (tenant_id, flow_id, version) ON DELETE CASCADE
);
CREATE UNIQUE INDEX flow_sessions_one_active ON flow_sessions (tenant_id, conversation_id) WHERE status = 'active';
CREATE INDEX flow_sessions_conversation ON flow_sessions (tenant_id, conversation_id, id DESC);
CREATE INDEX flow_sessions_flow ON flow_sessions (tenant_id, flow_id, status);

-- Which node is feeding a conversation to its bot right now (several nodes see every event):
-- a short lease, so ports with side effects (HTTP, tickets) run once; a dead node's lease expires.
CREATE TABLE flow_claims (
  tenant_id        uuid NOT NULL,
  conversation_id  uuid NOT NULL,
  owner            uuid NOT NULL,
  until            timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, conversation_id)
);

-- Intents a flow's intent step recognises, learned from example phrases (any language).
CREATE TABLE flow_intents (
  id          uuid PRIMARY KEY,
  tenant_id   uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  name        text NOT NULL CHECK (name ~ '^[a-z0-9_.-]{1,64}$'),
  examples    text[] NOT NULL DEFAULT '{}',
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  UNIQUE (tenant_id, id),
  UNIQUE (tenant_id, name)
);

-- Hosts the flows' HTTP steps may call: lower case, exact or "*.example.com" (its subdomains).
CREATE TABLE flow_allowed_hosts (
  tenant_id   uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  host        text NOT NULL CHECK (host ~ '^(\*\.)?[a-z0-9.-]{1,253}$'),
  created_by  uuid,
  created_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, host)
);

-- Bot-written messages (direction 'outbound', no author user); NULL = as before (user or customer).
ALTER TABLE messages ADD COLUMN author_kind text CHECK (author_kind IS NULL OR author_kind = 'bot');
ALTER TABLE messages ADD COLUMN metadata jsonb;
