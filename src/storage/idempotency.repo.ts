import type { Executor } from './executor.ts';

export interface IdempotencyRecord {
  requestHash: string;
  method: string;
  path: string;
  statusCode: number | null;
  responseBody: string | null;
}

export function idempotencyRepo(db: Executor) {
  return {
    /** Claims a key; returns the existing record when the key was used before. */
    async claim(
      k: { tenantId: string; principalId: string; key: string; method: string; path: string; requestHash: string },
      at: Date,
    ): Promise<IdempotencyRecord | undefined> {
      const r = await db
        .insertInto('idempotency_keys')
        .values({
          tenant_id: k.tenantId,
          principal_id: k.principalId,
          key: k.key,
          method: k.method,
          path: k.path,
          request_hash: k.requestHash,
          created_at: at,
        })
        .onConflict((oc) => oc.doNothing())
        .executeTakeFirst();
      if (Number(r.numInsertedOrUpdatedRows ?? 0) > 0) return undefined;
      return db
        .selectFrom('idempotency_keys')
        .select(['request_hash as requestHash', 'method', 'path', 'status_code as statusCode', 'response_body as responseBody'])
        .where('tenant_id', '=', k.tenantId)
        .where('principal_id', '=', k.principalId)
        .where('key', '=', k.key)
        .executeTakeFirst();
    },
    async complete(k: { tenantId: string; principalId: string; key: string }, statusCode: number, body: string): Promise<void> {
      await db
        .updateTable('idempotency_keys')
        .set({ status_code: statusCode, response_body: body })
        .where('tenant_id', '=', k.tenantId)
        .where('principal_id', '=', k.principalId)
        .where('key', '=', k.key)
        .execute();
    },
    /** A failed request frees its key, so the client may retry it. */
    async release(k: { tenantId: string; principalId: string; key: string }): Promise<void> {
      await db
        .deleteFrom('idempotency_keys')
        .where('tenant_id', '=', k.tenantId)
        .where('principal_id', '=', k.principalId)
        .where('key', '=', k.key)
        .execute();
    },
    async purge(before: Date): Promise<number> {
      const r = await db.deleteFrom('idempotency_keys').where('created_at', '<', before).executeTakeFirst();
      return Number(r.numDeletedRows);
    },
  };
}
export type IdempotencyRepo = ReturnType<typeof idempotencyRepo>;
