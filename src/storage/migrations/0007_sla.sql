-- SLA: business calendars, SLA policies, each ticket's running targets and the event cursor of the
-- SLA engine (docs/decisions/008-sla.md). What happened (breaches, near breaches) lives in events.

-- Business hours: an IANA time zone, open intervals per weekday ({ "mon": [{ "start": "09:00",
-- "end": "17:00" }], ... }) and whole-day holidays (["2026-12-25", ...]). One may be the tenant's
-- default; one per team at most.
CREATE TABLE business_calendars (
  id          uuid PRIMARY KEY,
  tenant_id   uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  name        text NOT NULL,
  time_zone   text NOT NULL,
  hours       jsonb NOT NULL,
  holidays    jsonb NOT NULL DEFAULT '[]',
  team_id     uuid,
  is_default  boolean NOT NULL DEFAULT false,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  UNIQUE (tenant_id, id),
  UNIQUE (tenant_id, name),
  FOREIGN KEY (tenant_id, team_id) REFERENCES teams (tenant_id, id) ON DELETE SET NULL (team_id)
);
CREATE INDEX business_calendars_tenant ON business_calendars (tenant_id, id);
CREATE UNIQUE INDEX business_calendars_default ON business_calendars (tenant_id) WHERE is_default;
CREATE UNIQUE INDEX business_calendars_team ON business_calendars (tenant_id, team_id) WHERE team_id IS NOT NULL;

-- Policies in order: the first active one whose conditions match a ticket applies. Targets are
-- business minutes; null means no target for that metric. calendar_mode 'calendar' uses
-- calendar_id (null: open 24/7), 'team' the ticket team's calendar (else the default, else 24/7).
CREATE TABLE sla_policies (
  id                      uuid PRIMARY KEY,
  tenant_id               uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  name                    text NOT NULL,
  description             text NOT NULL DEFAULT '',
  position                integer NOT NULL,
  active                  boolean NOT NULL DEFAULT true,
  priorities              text[] NOT NULL DEFAULT '{}',
  segment_id              uuid,
  customer_tags           text[] NOT NULL DEFAULT '{}',
  first_response_minutes  integer CHECK (first_response_minutes > 0),
  next_response_minutes   integer CHECK (next_response_minutes > 0),
  resolution_minutes      integer CHECK (resolution_minutes > 0),
  calendar_mode           text NOT NULL DEFAULT 'calendar' CHECK (calendar_mode IN ('calendar', 'team')),
  calendar_id             uuid,
  near_breach_percent     integer NOT NULL DEFAULT 80 CHECK (near_breach_percent BETWEEN 1 AND 99),
  near_breach_minutes     integer CHECK (near_breach_minutes > 0),
  escalate_to_user_id     uuid,
  escalate_to_team_id     uuid,
  notify_supervisors      boolean NOT NULL DEFAULT false,
  created_at              timestamptz NOT NULL DEFAULT now(),
  updated_at              timestamptz NOT NULL DEFAULT now(),
  UNIQUE (tenant_id, id),
  UNIQUE (tenant_id, name),
  FOREIGN KEY (tenant_id, calendar_id) REFERENCES business_calendars (tenant_id, id),
  FOREIGN KEY (tenant_id, escalate_to_user_id) REFERENCES users (tenant_id, id) ON DELETE SET NULL (escalate_to_user_id),
  FOREIGN KEY (tenant_id, escalate_to_team_id) REFERENCES teams (tenant_id, id) ON DELETE SET NULL (escalate_to_team_id)
);
CREATE INDEX sla_policies_order ON sla_policies (tenant_id, position, id);
CREATE INDEX sla_policies_calendar ON sla_policies (tenant_id, calendar_id) WHERE calendar_id IS NOT NULL;

-- A ticket's SLA state, one row per metric. While paused, due_at is stale and
-- business_minutes_used is exact; while running, due_at is exact. near_minutes is the business
-- minutes used at which the near breach fires.
CREATE TABLE ticket_sla (
  tenant_id              uuid NOT NULL,
  ticket_id              uuid NOT NULL,
  metric                 text NOT NULL CHECK (metric IN ('first_response', 'next_response', 'resolution')),
  policy_id              uuid,
  calendar_id            uuid,
  target_minutes         integer NOT NULL CHECK (target_minutes > 0),
  near_minutes           double precision NOT NULL,
  started_at             timestamptz NOT NULL,
  due_at                 timestamptz NOT NULL,
  paused_at              timestamptz,
  business_minutes_used  double precision NOT NULL DEFAULT 0,
  near_breach_at         timestamptz,
  near_breached_at       timestamptz,
  breached_at            timestamptz,
  fulfilled_at           timestamptz,
  updated_at             timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, ticket_id, metric),
  FOREIGN KEY (tenant_id, ticket_id) REFERENCES tickets (tenant_id, id) ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, policy_id) REFERENCES sla_policies (tenant_id, id) ON DELETE SET NULL (policy_id),
  FOREIGN KEY (tenant_id, calendar_id) REFERENCES business_calendars (tenant_id, id) ON DELETE SET NULL (calendar_id)
);
-- The tick: running targets whose breach or near breach has come, across tenants, soonest first.
CREATE INDEX ticket_sla_due ON ticket_sla (due_at) WHERE breached_at IS NULL AND fulfilled_at IS NULL AND paused_at IS NULL;
CREATE INDEX ticket_sla_near ON ticket_sla (near_breach_at) WHERE near_breached_at IS NULL AND fulfilled_at IS NULL AND paused_at IS NULL AND near_breach_at IS NOT NULL;
-- Re-picking a policy after a change to a policy's targets.
CREATE INDEX ticket_sla_policy ON ticket_sla (tenant_id, policy_id) WHERE policy_id IS NOT NULL;

-- How far the SLA engine has read each tenant's events (by seq); advanced in the transaction that
-- applies them. Existing tenants start at their current seq: history is not replayed.
CREATE TABLE sla_cursors (
  tenant_id   uuid PRIMARY KEY REFERENCES tenants(id) ON DELETE CASCADE,
  last_seq    bigint NOT NULL DEFAULT 0,
  updated_at  timestamptz NOT NULL DEFAULT now()
);
INSERT INTO sla_cursors (tenant_id, last_seq) SELECT id, event_seq FROM tenants;
