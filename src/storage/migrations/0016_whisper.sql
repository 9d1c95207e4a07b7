-- Whispers: a supervisor's note on a live conversation meant for its agent only (issue 6).
-- whisper_to is the agent it is for; only notes may carry it. Visitors never get notes.

ALTER TABLE messages ADD COLUMN whisper_to uuid NULL;
ALTER TABLE messages ADD CONSTRAINT messages_whisper_is_note CHECK (whisper_to IS NULL OR direction = 'note');
CREATE INDEX messages_whispers ON messages (tenant_id, conversation_id, seq) WHERE whisper_to IS NOT NULL;
