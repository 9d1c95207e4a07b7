import type { Kysely, Transaction } from 'kysely';
import type { DB } from './schema.ts';

/** A repo runs on the database or inside a transaction alike. */
export type Executor = Kysely<DB> | Transaction<DB>;
