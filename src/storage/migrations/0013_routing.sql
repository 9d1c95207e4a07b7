-- Routing: queues, each agent's routing profile and presence, versioned workflows, tasks,
-- offers and the decision trace. Design: docs/decisions/013-routing.md.

CREATE TABLE routing_queues (
  id                uuid PRIMARY KEY,
  tenant_id         uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  name              text NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
  strategy          text NOT NULL DEFAULT 'longest_idle' CHECK (strategy IN ('longest_idle', 'most_skilled', 'round_robin', 'least_busy')),
  sticky_ms         bigint NOT NULL DEFAULT 0 CHECK (sticky_ms >= 0),
  offer_timeout_ms  integer CHECK (offer_timeout_ms IS NULL OR offer_timeout_ms BETWEEN 5000 AND 600000),
  auto_accept       boolean NOT NULL DEFAULT false,
  wrap_up_ms        integer NOT NULL DEFAULT 0 CHECK (wrap_up_ms BETWEEN 0 AND 3600000),
  aging_per_minute  real NOT NULL DEFAULT 1 CHECK (aging_per_minute >= 0),
  calendar_id       uuid,
  team_ids          uuid[] NOT NULL DEFAULT '{}',
  created_at        timestamptz NOT NULL DEFAULT now(),
  updated_at        timestamptz NOT NULL DEFAULT now(),
  UNIQUE (tenant_id, name),
  UNIQUE (tenant_id, id)
);

-- One row per agent who has ever been routed to: presence, languages, capacity per channel.
CREATE TABLE agent_routing (
  tenant_id       uuid NOT NULL,
  user_id         uuid NOT NULL,
  presence        text NOT NULL DEFAULT 'offline' CHECK (presence IN ('available', 'away', 'offline')),
  away_reason     text,
  presence_since  timestamptz NOT NULL DEFAULT now(),
  wrap_up_until   timestamptz,
  idle_since      timestamptz NOT NULL DEFAULT now(),
  languages       text[] NOT NULL DEFAULT '{}',
  -- {"voice":1,"chat":3,"email":5,...}; a channel left out gets the default
  capacity        jsonb NOT NULL DEFAULT '{}',
  missed_in_row   integer NOT NULL DEFAULT 0,
  updated_at      timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, user_id),
  FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id) ON DELETE CASCADE
);

-- Workflows are versioned: saving writes a new version; the highest is the one running.
CREATE TABLE routing_workflows (
  tenant_id   uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  version     integer NOT NULL CHECK (version >= 1),
  rules       jsonb NOT NULL,
  created_by  uuid,
  created_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, version)
);

CREATE TABLE routing_tasks (
  id                 uuid PRIMARY KEY,
  tenant_id          uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  kind               text NOT NULL CHECK (kind IN ('chat', 'call', 'email', 'ticket', 'callback', 'outbound', 'messaging')),
  source_type        text NOT NULL CHECK (source_type IN ('conversation', 'ticket', 'callback', 'api')),
  source_id          uuid,
  -- the event that created it: intake is idempotent on it
  source_event_id    uuid,
  attributes         jsonb NOT NULL DEFAULT '{}',
  priority           integer NOT NULL DEFAULT 0,
  status             text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'offered', 'assigned', 'wrap_up', 'completed', 'abandoned', 'overflowed', 'cancelled')),
  workflow_version   integer,
  rule_id            text,
  target_index       integer NOT NULL DEFAULT 0,
  target_started_at  timestamptz NOT NULL DEFAULT now(),
  queue_id           uuid,
  assigned_user_id   uuid,
  declined_by        uuid[] NOT NULL DEFAULT '{}',
  callback_number    text,
  enqueued_at        timestamptz NOT NULL,
  assigned_at        timestamptz,
  ended_at           timestamptz,
  end_reason         text,
  created_at         timestamptz NOT NULL DEFAULT now(),
  updated_at         timestamptz NOT NULL DEFAULT now(),
  UNIQUE (tenant_id, id),
  FOREIGN KEY (tenant_id, queue_id) REFERENCES routing_queues (tenant_id, id),
  FOREIGN KEY (tenant_id, assigned_user_id) REFERENCES users (tenant_id, id) ON DELETE SET NULL (assigned_user_id)
);
CREATE UNIQUE INDEX routing_tasks_source_event ON routing_tasks (tenant_id, source_event_id) WHERE source_event_id IS NOT NULL;
-- One live task per conversation (or ticket) at a time.
CREATE UNIQUE INDEX routing_tasks_live_source ON routing_tasks (tenant_id, source_type, source_id)
  WHERE source_id IS NOT NULL AND status IN ('queued', 'offered', 'assigned', 'wrap_up');
CREATE INDEX routing_tasks_live ON routing_tasks (tenant_id, queue_id, enqueued_at)
  WHERE status IN ('queued', 'offered', 'assigned', 'wrap_up');
CREATE INDEX routing_tasks_agent ON routing_tasks (tenant_id, assigned_user_id)
  WHERE status IN ('assigned', 'wrap_up');
CREATE INDEX routing_tasks_ended ON routing_tasks (tenant_id, queue_id, ended_at) WHERE ended_at IS NOT NULL;

CREATE TABLE routing_offers (
  id          uuid PRIMARY KEY,
  tenant_id   uuid NOT NULL,
  task_id     uuid NOT NULL,
  user_id     uuid NOT NULL,
  offered_at  timestamptz NOT NULL,
  expires_at  timestamptz NOT NULL,
  status      text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'accepted', 'rejected', 'expired', 'withdrawn')),
  decided_at  timestamptz,
  FOREIGN KEY (tenant_id, task_id) REFERENCES routing_tasks (tenant_id, id) ON DELETE CASCADE
);
-- A task is never on offer to two agents at once, whichever node decided it.
CREATE UNIQUE INDEX routing_offers_one_pending ON routing_offers (tenant_id, task_id) WHERE status = 'pending';
CREATE INDEX routing_offers_user_pending ON routing_offers (tenant_id, user_id) WHERE status = 'pending';
CREATE INDEX routing_offers_task ON routing_offers (tenant_id, task_id, offered_at);

-- Why each step happened, in order: the trace the UI shows beside a task.
CREATE TABLE routing_trace (
  id        uuid PRIMARY KEY,
  tenant_id uuid NOT NULL,
  task_id   uuid NOT NULL,
  at        timestamptz NOT NULL,
  entry     jsonb NOT NULL,
  FOREIGN KEY (tenant_id, task_id) REFERENCES routing_tasks (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX routing_trace_task ON routing_trace (tenant_id, task_id, at, id);

-- How far the routing leader of a tenant has read the events table (task intake follows it).
CREATE TABLE routing_cursors (
  tenant_id  uuid PRIMARY KEY REFERENCES tenants(id) ON DELETE CASCADE,
  last_seq   bigint NOT NULL DEFAULT 0
);
