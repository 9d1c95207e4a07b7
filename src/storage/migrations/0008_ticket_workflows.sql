-- Ticket workflows (docs/decisions/005-tickets.md): public replies, merged tickets, saved views
-- and macros, plus the indexes that keep view counts and sorts cheap.

-- A comment is an internal note (public = false) or a public reply to the requester.
ALTER TABLE ticket_comments ADD COLUMN public boolean NOT NULL DEFAULT false;

-- A merged ticket is closed and points at the ticket it was merged into (same tenant).
ALTER TABLE tickets ADD COLUMN merged_into_id uuid;
ALTER TABLE tickets ADD CONSTRAINT tickets_merged_into_fk
  FOREIGN KEY (tenant_id, merged_into_id) REFERENCES tickets (tenant_id, id);

-- View sorts (updated, priority, status, number) and counts.
CREATE INDEX tickets_updated ON tickets (tenant_id, updated_at DESC, id DESC);
CREATE INDEX tickets_unassigned ON tickets (tenant_id, status, id DESC) WHERE assignee_id IS NULL;
CREATE INDEX tickets_solved_at ON tickets (tenant_id, solved_at DESC) WHERE solved_at IS NOT NULL;
CREATE INDEX tickets_open_priority ON tickets (tenant_id, priority, id DESC) WHERE status NOT IN ('solved', 'closed');

-- Saved ticket lists. scope: everyone in the workspace, one team, or just the owner. Built-in views
-- (seeded) have no owner.
CREATE TABLE ticket_views (
  id          uuid PRIMARY KEY,
  tenant_id   uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  name        text NOT NULL,
  owner_id    uuid,
  scope       text NOT NULL CHECK (scope IN ('everyone', 'team', 'me')),
  team_id     uuid,
  filters     jsonb NOT NULL DEFAULT '{}',
  sort        jsonb NOT NULL DEFAULT '{"field": "updated", "direction": "desc"}',
  position    integer NOT NULL DEFAULT 100,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  UNIQUE (tenant_id, id),
  CHECK ((scope = 'team') = (team_id IS NOT NULL)),
  CHECK (scope <> 'me' OR owner_id IS NOT NULL),
  FOREIGN KEY (tenant_id, owner_id) REFERENCES users (tenant_id, id) ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, team_id) REFERENCES teams (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX ticket_views_tenant ON ticket_views (tenant_id, position, id);
CREATE INDEX ticket_views_owner ON ticket_views (tenant_id, owner_id) WHERE owner_id IS NOT NULL;

-- Macros: named sets of actions applied to a ticket in one transaction; shared like views.
CREATE TABLE ticket_macros (
  id           uuid PRIMARY KEY,
  tenant_id    uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  name         text NOT NULL,
  description  text NOT NULL DEFAULT '',
  owner_id     uuid,
  scope        text NOT NULL CHECK (scope IN ('everyone', 'team', 'me')),
  team_id      uuid,
  actions      jsonb NOT NULL DEFAULT '{}',
  usage_count  integer NOT NULL DEFAULT 0,
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now(),
  UNIQUE (tenant_id, id),
  CHECK ((scope = 'team') = (team_id IS NOT NULL)),
  CHECK (scope <> 'me' OR owner_id IS NOT NULL),
  FOREIGN KEY (tenant_id, owner_id) REFERENCES users (tenant_id, id) ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, team_id) REFERENCES teams (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX ticket_macros_tenant ON ticket_macros (tenant_id, id);
