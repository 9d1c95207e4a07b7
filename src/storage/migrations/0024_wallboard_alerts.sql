-- Wallboard alert rules (issue 8): a threshold on one live figure that turns a queue's tile red and
-- notifies supervisors. queue_id NULL means every queue; a rule of one queue for the same metric and
-- comparator takes precedence over the every-queue rule for that queue (src/core/analytics/alerts.ts).

CREATE TABLE wallboard_alert_rules (
  id          uuid PRIMARY KEY,
  tenant_id   uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  queue_id    uuid,
  metric      text NOT NULL CHECK (metric IN (
                'longest_wait_seconds', 'waiting', 'service_level_today', 'service_level_interval',
                'abandon_rate_today', 'asa_seconds_today', 'aht_seconds_today', 'agents_available')),
  comparator  text NOT NULL CHECK (comparator IN ('above', 'below')),
  threshold   double precision NOT NULL CHECK (threshold >= 0),
  enabled     boolean NOT NULL DEFAULT true,
  created_by  uuid,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  -- A rule of a deleted queue goes with it.
  FOREIGN KEY (tenant_id, queue_id) REFERENCES routing_queues (tenant_id, id) ON DELETE CASCADE
);

-- The wallboard reads every rule of a tenant on each refresh; the editor lists them oldest first.
CREATE INDEX wallboard_alert_rules_tenant ON wallboard_alert_rules (tenant_id, created_at, id);
