-- Analytics rollups (docs/decisions/020-analytics.md). Facts are folded from the events table by the
-- rollup processor (src/jobs/analytics-rollups.ts); each fact keeps the contributions it added, so a
-- changed fact is applied as new − old and replaying events changes nothing. A rebuild empties these
-- tables and folds every event again.

-- How far each tenant's events have been folded.
CREATE TABLE analytics_cursors (
  tenant_id      uuid PRIMARY KEY REFERENCES tenants(id) ON DELETE CASCADE,
  processed_seq  bigint NOT NULL DEFAULT 0,
  rebuild_state  text NOT NULL DEFAULT 'idle' CHECK (rebuild_state IN ('idle', 'running', 'failed')),
  rebuild_progress real NOT NULL DEFAULT 0,
  rebuild_started_at  timestamptz,
  rebuild_finished_at timestamptz,
  rebuild_error  text,
  updated_at     timestamptz NOT NULL DEFAULT now()
);

-- One row per task, conversation or breach event: what it contributed, and the columns drill-down
-- and distributions read.
CREATE TABLE analytics_facts (
  tenant_id        uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  fact_id          text NOT NULL,              -- 't:<task>', 'c:<conversation>', 'e:<event>', 'p:<agent>'
  kind             text NOT NULL CHECK (kind IN ('task', 'conversation', 'sla', 'presence')),
  at               timestamptz NOT NULL,       -- arrival (task), opening (conversation), breach (sla)
  conversation_id  uuid,
  customer_id      uuid,
  queue_id         text NOT NULL DEFAULT '',
  channel          text NOT NULL DEFAULT '',
  inbox_id         text NOT NULL DEFAULT '',
  agent_id         text NOT NULL DEFAULT '',
  team_id          text NOT NULL DEFAULT '',
  tags             text[] NOT NULL DEFAULT '{}',
  intent           text NOT NULL DEFAULT '',    -- the bot's intent at handover, for conversation and task facts
  outcome          text,                       -- answered | abandoned | short_abandoned | cancelled | resolved | open ...
  wait_ms          bigint,
  handle_ms        bigint,
  first_response_at timestamptz,
  first_response_ms bigint,
  resolved_at      timestamptz,
  resolution_ms    bigint,
  fcr              boolean,
  transfers        integer NOT NULL DEFAULT 0,
  contributions    jsonb NOT NULL DEFAULT '[]',
  state            jsonb NOT NULL DEFAULT '{}', -- kept between passes (a conversation's message points)
  updated_at       timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, fact_id)
);
CREATE INDEX analytics_facts_time ON analytics_facts (tenant_id, kind, at);
CREATE INDEX analytics_facts_customer ON analytics_facts (tenant_id, customer_id, at) WHERE kind = 'conversation';
CREATE INDEX analytics_facts_conversation ON analytics_facts (tenant_id, conversation_id) WHERE kind = 'task';
CREATE INDEX analytics_facts_resolved ON analytics_facts (tenant_id, resolved_at) WHERE kind = 'conversation';

-- Sums (one column per counter of src/core/analytics/contributions.ts, same order) per 15-minute bucket (UTC-aligned) and per tenant-local day. Dimensions are '' when they do
-- not apply; kind: q (task for its queue), a (agent's part), c (conversation), s (SLA breach),
-- p (an agent's presence time).
CREATE TABLE analytics_rollups_15m (
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  bucket    timestamptz NOT NULL,
  kind      char(1) NOT NULL,
  queue_id  text NOT NULL,
  channel   text NOT NULL,
  inbox_id  text NOT NULL,
  agent_id  text NOT NULL,
  team_id   text NOT NULL,
  offered            bigint NOT NULL DEFAULT 0,
  answered           bigint NOT NULL DEFAULT 0,
  abandoned          bigint NOT NULL DEFAULT 0,
  short_abandoned    bigint NOT NULL DEFAULT 0,
  answered_in_sl     bigint NOT NULL DEFAULT 0,
  wait_answered_ms   bigint NOT NULL DEFAULT 0,
  handled            bigint NOT NULL DEFAULT 0,
  handle_ms          bigint NOT NULL DEFAULT 0,
  transfers          bigint NOT NULL DEFAULT 0,
  escalations        bigint NOT NULL DEFAULT 0,
  conversations      bigint NOT NULL DEFAULT 0,
  first_responses    bigint NOT NULL DEFAULT 0,
  first_response_ms  bigint NOT NULL DEFAULT 0,
  resolved           bigint NOT NULL DEFAULT 0,
  resolution_ms      bigint NOT NULL DEFAULT 0,
  fcr_resolved       bigint NOT NULL DEFAULT 0,
  reopened           bigint NOT NULL DEFAULT 0,
  bot_resolved       bigint NOT NULL DEFAULT 0,
  csat_responses     bigint NOT NULL DEFAULT 0,
  csat_positive      bigint NOT NULL DEFAULT 0,
  nps_responses      bigint NOT NULL DEFAULT 0,
  promoters          bigint NOT NULL DEFAULT 0,
  detractors         bigint NOT NULL DEFAULT 0,
  sentiment_milli    bigint NOT NULL DEFAULT 0,
  sentiment_messages bigint NOT NULL DEFAULT 0,
  sla_fr_breaches    bigint NOT NULL DEFAULT 0,
  sla_res_breaches   bigint NOT NULL DEFAULT 0,
  busy_ms            bigint NOT NULL DEFAULT 0,
  logged_in_ms       bigint NOT NULL DEFAULT 0,
  available_ms       bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (tenant_id, bucket, kind, queue_id, channel, inbox_id, agent_id, team_id)
);

CREATE TABLE analytics_rollups_day (
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  day       date NOT NULL,
  kind      char(1) NOT NULL,
  queue_id  text NOT NULL,
  channel   text NOT NULL,
  inbox_id  text NOT NULL,
  agent_id  text NOT NULL,
  team_id   text NOT NULL,
  offered            bigint NOT NULL DEFAULT 0,
  answered           bigint NOT NULL DEFAULT 0,
  abandoned          bigint NOT NULL DEFAULT 0,
  short_abandoned    bigint NOT NULL DEFAULT 0,
  answered_in_sl     bigint NOT NULL DEFAULT 0,
  wait_answered_ms   bigint NOT NULL DEFAULT 0,
  handled            bigint NOT NULL DEFAULT 0,
  handle_ms          bigint NOT NULL DEFAULT 0,
  transfers          bigint NOT NULL DEFAULT 0,
  escalations        bigint NOT NULL DEFAULT 0,
  conversations      bigint NOT NULL DEFAULT 0,
  first_responses    bigint NOT NULL DEFAULT 0,
  first_response_ms  bigint NOT NULL DEFAULT 0,
  resolved           bigint NOT NULL DEFAULT 0,
  resolution_ms      bigint NOT NULL DEFAULT 0,
  fcr_resolved       bigint NOT NULL DEFAULT 0,
  reopened           bigint NOT NULL DEFAULT 0,
  bot_resolved       bigint NOT NULL DEFAULT 0,
  csat_responses     bigint NOT NULL DEFAULT 0,
  csat_positive      bigint NOT NULL DEFAULT 0,
  nps_responses      bigint NOT NULL DEFAULT 0,
  promoters          bigint NOT NULL DEFAULT 0,
  detractors         bigint NOT NULL DEFAULT 0,
  sentiment_milli    bigint NOT NULL DEFAULT 0,
  sentiment_messages bigint NOT NULL DEFAULT 0,
  sla_fr_breaches    bigint NOT NULL DEFAULT 0,
  sla_res_breaches   bigint NOT NULL DEFAULT 0,
  busy_ms            bigint NOT NULL DEFAULT 0,
  logged_in_ms       bigint NOT NULL DEFAULT 0,
  available_ms       bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (tenant_id, day, kind, queue_id, channel, inbox_id, agent_id, team_id)
);
