-- Attachments: the metadata of files uploaded by agents or received with inbound messages
-- (docs/decisions/011-attachments.md). The bytes live in the blob store (src/storage/blobs: local
-- disk or S3-compatible) under storage_key; this row says whose file it is and where it belongs.
-- An upload starts unattached (message_id null) and is attached to one message in that message's
-- transaction; unattached uploads older than a day are removed by the purge job.

-- messages has no (tenant_id, id) unique key yet; the composite foreign key below needs one.
CREATE UNIQUE INDEX IF NOT EXISTS messages_tenant_id_for_fk ON messages (tenant_id, id);

CREATE TABLE attachments (
  id               uuid PRIMARY KEY,
  tenant_id        uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  conversation_id  uuid,
  message_id       uuid,
  filename         text NOT NULL CHECK (length(filename) BETWEEN 1 AND 255),
  content_type     text NOT NULL CHECK (length(content_type) BETWEEN 1 AND 255),
  size_bytes       bigint NOT NULL CHECK (size_bytes >= 0),
  sha256           text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  storage_key      text NOT NULL UNIQUE,
  uploaded_by      uuid,
  created_at       timestamptz NOT NULL DEFAULT now(),
  UNIQUE (tenant_id, id),
  CHECK (message_id IS NULL OR conversation_id IS NOT NULL),
  FOREIGN KEY (tenant_id, conversation_id) REFERENCES conversations (tenant_id, id) ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, message_id) REFERENCES messages (tenant_id, id) ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, uploaded_by) REFERENCES users (tenant_id, id) ON DELETE SET NULL (uploaded_by)
);
-- A page of messages loads its attachments in one query: by (tenant, message ids).
CREATE INDEX attachments_message ON attachments (tenant_id, message_id, id) WHERE message_id IS NOT NULL;
-- The purge job finds unattached uploads past their day.
CREATE INDEX attachments_unattached ON attachments (created_at) WHERE message_id IS NULL;
