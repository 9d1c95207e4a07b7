import type { QueryResult, RawBuilder } from 'kysely';
import type { Executor } from './executor.ts';

/**
 * Named prepared statements for a few hot, fixed statements (batched chat intake, outbox delivery):
 * on PostgreSQL each connection parses and plans such a statement once and then only binds and
 * runs it, where an unnamed statement is parsed and planned again on every call (0.7 ms for the
 * intake batch's, about a third of its time at a batch of 8). A statement qualifies when its SQL
 * text never varies: every value a parameter, lists as arrays. PGlite ignores the names.
 */
const names = new Map<string, string>();

/** The statement name for this SQL text, if it was run through `executePrepared`. */
export function preparedName(text: string): string | undefined {
  return names.get(text);
}

/** Compiles and runs `query`, as a named prepared statement where the driver supports it. */
export async function executePrepared<R>(db: Executor, query: RawBuilder<R>): Promise<QueryResult<R>> {
  const compiled = query.compile(db);
  if (!names.has(compiled.sql)) names.set(compiled.sql, `sb_prepared_${names.size + 1}`);
  return db.executeQuery(compiled);
}

interface QueryableClient {
  query: (...args: unknown[]) => unknown;
}

/**
 * Makes a node-postgres client send the SQL texts registered above as named statements (node-postgres
 * prepares a name once per connection, and PostgreSQL invalidates the plan itself when a table changes).
 */
export function namePreparedStatements(client: QueryableClient): void {
  const query = client.query.bind(client);
  client.query = (...args: unknown[]) => {
    const [text, values] = args;
    const name = typeof text === 'string' && args.length <= 2 ? names.get(text) : undefined;
    return name ? query({ name, text, values }) : query(...args);
  };
}
