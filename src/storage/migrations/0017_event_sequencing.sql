-- Events are numbered after commit (docs/decisions/016-event-sequencing.md). A writer inserts its
-- events and outbox rows with seq NULL and holds no tenant-wide lock; the sequencer then gives the
-- committed, unnumbered events of a tenant the next numbers, in outbox order, under the tenant row
-- lock for one short statement. seq stays per tenant, gapless, and in the commit order of the
-- sequencer, so "every event up to N is visible" still holds for anyone who has seen N.

ALTER TABLE events ALTER COLUMN seq DROP NOT NULL;
ALTER TABLE outbox ALTER COLUMN seq DROP NOT NULL;
CREATE INDEX outbox_unsequenced ON outbox (id) WHERE seq IS NULL;

-- Append-only, with two narrow exceptions: the sequencer numbering an unnumbered event (nothing
-- else may change), and the privacy erasure's payload scrub (decision 012).
CREATE OR REPLACE FUNCTION events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE'
     AND NEW.id = OLD.id AND NEW.tenant_id = OLD.tenant_id AND NEW.type = OLD.type
     AND NEW.aggregate_type = OLD.aggregate_type AND NEW.aggregate_id IS NOT DISTINCT FROM OLD.aggregate_id
     AND NEW.actor_id IS NOT DISTINCT FROM OLD.actor_id AND NEW.topics = OLD.topics AND NEW.created_at = OLD.created_at THEN
    IF OLD.seq IS NULL AND NEW.seq IS NOT NULL AND NEW.payload = OLD.payload THEN
      RETURN NEW;
    END IF;
    IF current_setting('switchboard.erasure', true) = 'on' AND NEW.seq IS NOT DISTINCT FROM OLD.seq THEN
      RETURN NEW;
    END IF;
  END IF;
  RAISE EXCEPTION 'events are append-only';
END $$;
