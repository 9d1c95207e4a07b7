-- Notes on customers (shown on the customer timeline) and the right to be forgotten
-- (docs/decisions/012-customer-360-privacy.md): an erased customer keeps its row, anonymized, so aggregates hold.

CREATE TABLE customer_notes (
  id           uuid PRIMARY KEY,
  tenant_id    uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  customer_id  uuid NOT NULL,
  author_id    uuid,
  text         text NOT NULL,
  html         text,
  created_at   timestamptz NOT NULL DEFAULT now(),
  UNIQUE (tenant_id, id),
  FOREIGN KEY (tenant_id, customer_id) REFERENCES customers (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX customer_notes_customer ON customer_notes (tenant_id, customer_id, created_at DESC, id DESC);

ALTER TABLE customers ADD COLUMN erased_at timestamptz;

-- The customer timeline reads a customer's tickets newest first (messages: messages_conversation_time, 0009).
CREATE INDEX tickets_requester_time ON tickets (tenant_id, requester_id, created_at DESC) WHERE requester_id IS NOT NULL;

-- Events stay append-only, with one exception: an erasure may rewrite an event's payload (and
-- nothing else) inside a transaction that has set switchboard.erasure to 'on'.
CREATE OR REPLACE FUNCTION events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND current_setting('switchboard.erasure', true) = 'on'
     AND NEW.id = OLD.id AND NEW.tenant_id = OLD.tenant_id AND NEW.seq = OLD.seq AND NEW.type = OLD.type
     AND NEW.aggregate_type = OLD.aggregate_type AND NEW.aggregate_id IS NOT DISTINCT FROM OLD.aggregate_id
     AND NEW.actor_id IS NOT DISTINCT FROM OLD.actor_id AND NEW.topics = OLD.topics AND NEW.created_at = OLD.created_at THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'events are append-only';
END $$;
