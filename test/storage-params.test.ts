import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { dbKinds, freshDatabase, type TestDatabase } from './helpers/db.ts';

/**
 * Tables whose rows are rewritten at each chat message leave room on their pages, so PostgreSQL
 * can update a row in place without new index entries (migration 0031; bench/chat-intake.ts prints
 * the in-place share). A migration that lost the setting would put every update back on the slow way.
 */
for (const kind of await dbKinds()) {
  describe(`storage parameters on ${kind}`, () => {
    let t: TestDatabase;
    before(async () => {
      t = await freshDatabase(kind);
    });
    after(() => t.drop());

    test('analytics facts keep 30 % of each page free, conversations 20 %; other tables the default', async () => {
      const r = await sql<{ relname: string; reloptions: string[] | null }>`select relname, reloptions from pg_class
        where relname in ('analytics_facts', 'conversations', 'messages') and relkind = 'r' and relnamespace = 'public'::regnamespace`.execute(t.database.db);
      const opts = Object.fromEntries(r.rows.map((x) => [x.relname, x.reloptions ?? []]));
      assert.deepEqual(opts, { analytics_facts: ['fillfactor=70'], conversations: ['fillfactor=80'], messages: [] });
    });
  });
}
