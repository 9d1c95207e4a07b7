-- Customer journeys (docs/journeys.md). Journeys are read from events; these partial indexes let
-- one customer's journey find the two kinds of events that name the customer or the conversation
-- only in their payload, without scanning the tenant's events of the range.

-- A routing task abandoned in the queue, by the conversation it was for.
CREATE INDEX events_task_abandoned_source ON events (tenant_id, (payload ->> 'sourceId'))
  WHERE type = 'task.abandoned';

-- A help center article viewed by a known visitor, by customer.
CREATE INDEX events_help_center_view_customer ON events (tenant_id, (payload ->> 'customerId'), created_at)
  WHERE type = 'help_center.article_viewed';

-- The customers merged into one (a journey follows merges like the customer page does).
CREATE INDEX customers_merged_into ON customers (tenant_id, merged_into) WHERE merged_into IS NOT NULL;
