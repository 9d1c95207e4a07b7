-- Outgoing webhooks (docs/decisions/007-webhooks.md): endpoints a tenant's admins register, a
-- per-tenant cursor over events.seq for the fan-out, and one delivery row per (endpoint, event).

CREATE TABLE webhook_endpoints (
  id                    uuid PRIMARY KEY,
  tenant_id             uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  url                   text NOT NULL,
  description           text NOT NULL DEFAULT '',
  -- Event types ('ticket.created') or prefixes ('ticket.*', '*') this endpoint receives.
  events                text[] NOT NULL DEFAULT '{}',
  active                boolean NOT NULL DEFAULT true,
  -- The signing secret: needed in clear to sign, never returned after create/rotate.
  secret                text NOT NULL,
  -- The tenant's event seq when the endpoint was created: only events after it go to it.
  start_seq             bigint NOT NULL,
  -- Deliveries that went dead in a row; reset by a success. Too many disables the endpoint.
  consecutive_failures  integer NOT NULL DEFAULT 0,
  disabled_reason       text,
  created_by            uuid,
  created_at            timestamptz NOT NULL DEFAULT now(),
  updated_at            timestamptz NOT NULL DEFAULT now(),
  UNIQUE (tenant_id, id),
  FOREIGN KEY (tenant_id, created_by) REFERENCES users (tenant_id, id) ON DELETE SET NULL (created_by)
);
CREATE INDEX webhook_endpoints_tenant ON webhook_endpoints (tenant_id, id DESC);
CREATE INDEX webhook_endpoints_active ON webhook_endpoints (tenant_id) WHERE active;

-- How far the fan-out has read each tenant's events. Locked FOR UPDATE while a pass inserts the
-- deliveries of the events it read and moves last_seq, in one transaction.
CREATE TABLE webhook_cursors (
  tenant_id   uuid PRIMARY KEY REFERENCES tenants(id) ON DELETE CASCADE,
  last_seq    bigint NOT NULL DEFAULT 0,
  updated_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE webhook_deliveries (
  id                 uuid PRIMARY KEY,
  tenant_id          uuid NOT NULL,
  endpoint_id        uuid NOT NULL,
  -- The event's id (a ping has an id of its own, not in events).
  event_id           uuid NOT NULL,
  event_type         text NOT NULL,
  -- The request body as sent: { id, type, occurredAt, workspace, data, aggregate }.
  payload            jsonb NOT NULL,
  status             text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'succeeded', 'retrying', 'dead')),
  attempts           integer NOT NULL DEFAULT 0,
  next_attempt_at    timestamptz,
  last_attempt_at    timestamptz,
  last_status_code   integer,
  last_error         text,
  response_excerpt   text,
  duration_ms        integer,
  created_at         timestamptz NOT NULL DEFAULT now(),
  updated_at         timestamptz NOT NULL DEFAULT now(),
  UNIQUE (endpoint_id, event_id),
  UNIQUE (tenant_id, id),
  FOREIGN KEY (tenant_id, endpoint_id) REFERENCES webhook_endpoints (tenant_id, id) ON DELETE CASCADE
);
-- The sender's claim: due deliveries, oldest due first.
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at) WHERE status IN ('pending', 'retrying');
-- The delivery log of an endpoint, newest first, optionally by status.
CREATE INDEX webhook_deliveries_endpoint ON webhook_deliveries (tenant_id, endpoint_id, id DESC);
CREATE INDEX webhook_deliveries_endpoint_status ON webhook_deliveries (tenant_id, endpoint_id, status, id DESC);
-- Housekeeping removes deliveries older than 30 days.
CREATE INDEX webhook_deliveries_created ON webhook_deliveries (created_at);
