-- Leave room on each page for the new version of a row that is rewritten often, so PostgreSQL can
-- update it in place (a HOT update: no new entry in any index). On full pages every update of a
-- conversation fact wrote four index entries: bench/chat-intake.ts counted 647 in-place updates of
-- 31,167 on analytics_facts (a fact is rewritten at each batch that brings its conversation a
-- message) and 21,927 of 31,305 on conversations (each inbound message moves last_seq). Pages
-- written from now on keep the room; a page already full gets it when it is rewritten.
ALTER TABLE analytics_facts SET (fillfactor = 70);
ALTER TABLE conversations SET (fillfactor = 80);
