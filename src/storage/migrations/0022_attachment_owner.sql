-- A widget visitor's upload belongs to that visitor (inbox id : visitor id): only they can put it on
-- a message. Staff uploads keep uploaded_by (a user); inbound provider files have neither.
ALTER TABLE attachments ADD COLUMN uploaded_by_visitor text;
