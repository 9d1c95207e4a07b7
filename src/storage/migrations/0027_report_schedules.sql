-- Scheduled reports (issue 8): a report with filters, mailed as CSV daily, weekly or monthly at a
-- local hour of the tenant's time zone. `last_period_start` is the claim that makes a run
-- idempotent per period: a rerun, or a second node, never mails the same period twice.

CREATE TABLE report_schedules (
  id                 uuid PRIMARY KEY,
  tenant_id          uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  owner_id           uuid NOT NULL,
  name               text NOT NULL,
  report             text NOT NULL,
  filters            jsonb NOT NULL DEFAULT '{}',
  frequency          text NOT NULL CHECK (frequency IN ('daily', 'weekly', 'monthly')),
  hour               smallint NOT NULL CHECK (hour BETWEEN 0 AND 23),
  recipients         text[] NOT NULL,
  enabled            boolean NOT NULL DEFAULT true,
  next_run_at        timestamptz NOT NULL,
  last_sent_at       timestamptz,
  last_period_start  timestamptz,
  last_error         text,
  created_at         timestamptz NOT NULL DEFAULT now(),
  updated_at         timestamptz NOT NULL DEFAULT now(),
  UNIQUE (tenant_id, id),
  FOREIGN KEY (tenant_id, owner_id) REFERENCES users (tenant_id, id) ON DELETE CASCADE
);

-- The list screen: a tenant's schedules (an owner's own) in id order.
CREATE INDEX report_schedules_owner ON report_schedules (tenant_id, owner_id, id);
-- The job: enabled schedules whose time has come, across tenants.
CREATE INDEX report_schedules_due ON report_schedules (next_run_at) WHERE enabled;
