-- Customer merges and their undo (docs/decisions/003-customer-merge.md).
-- A merge records exactly which rows it moved from the source to the survivor, and the field
-- values the survivor took from the source, so an undo moves back those rows only.

CREATE TABLE customer_merges (
  id           uuid PRIMARY KEY,
  tenant_id    uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  survivor_id  uuid NOT NULL,
  source_id    uuid NOT NULL,
  -- The survivor's fields the merge filled from the source: {"name": "...", "tags": [...], "attributes": {...}}.
  filled       jsonb NOT NULL DEFAULT '{}',
  merged_by    uuid,
  merged_at    timestamptz NOT NULL,
  undone_by    uuid,
  undone_at    timestamptz,
  UNIQUE (tenant_id, id),
  CHECK (survivor_id <> source_id),
  FOREIGN KEY (tenant_id, survivor_id) REFERENCES customers (tenant_id, id) ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, source_id) REFERENCES customers (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX customer_merges_survivor ON customer_merges (tenant_id, survivor_id, id DESC);
-- A customer is merged away at most once at a time.
CREATE UNIQUE INDEX customer_merges_source_live ON customer_merges (tenant_id, source_id) WHERE undone_at IS NULL;

-- One row per row a merge moved: which table, which row.
CREATE TABLE customer_merge_moves (
  tenant_id   uuid NOT NULL,
  merge_id    uuid NOT NULL,
  table_name  text NOT NULL,
  row_id      uuid NOT NULL,
  PRIMARY KEY (merge_id, table_name, row_id),
  FOREIGN KEY (tenant_id, merge_id) REFERENCES customer_merges (tenant_id, id) ON DELETE CASCADE
);

-- Duplicate suggestions prefilter on the first word of a name and on the company.
CREATE INDEX customers_first_name_word ON customers (tenant_id, lower(split_part(name, ' ', 1))) WHERE merged_into IS NULL;
CREATE INDEX customers_company ON customers (tenant_id, lower(company)) WHERE merged_into IS NULL AND company IS NOT NULL;
CREATE INDEX customer_identities_value ON customer_identities (tenant_id, value);
