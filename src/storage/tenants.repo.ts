import type { Db } from './db.ts';
import type { Executor } from './executor.ts';

export interface Tenant {
  id: string;
  slug: string;
  name: string;
  timeZone: string;
  languages: string[];
}

const cols = ['id', 'slug', 'name', 'time_zone', 'languages'] as const;
const toTenant = (r: { id: string; slug: string; name: string; time_zone: string; languages: string[] }): Tenant => ({
  id: r.id,
  slug: r.slug,
  name: r.name,
  timeZone: r.time_zone,
  languages: r.languages,
});

export function tenantsRepo(db: Executor | Db) {
  return {
    async insert(t: { id: string; slug: string; name: string; timeZone?: string; languages?: string[] }): Promise<Tenant> {
      const r = await db
        .insertInto('tenants')
        .values({ id: t.id, slug: t.slug, name: t.name, time_zone: t.timeZone ?? 'UTC', languages: t.languages ?? ['en'] })
        .returning(cols)
        .executeTakeFirstOrThrow();
      return toTenant(r);
    },
    async byId(id: string): Promise<Tenant | undefined> {
      const r = await db.selectFrom('tenants').select(cols).where('id', '=', id).executeTakeFirst();
      return r && toTenant(r);
    },
    async bySlug(slug: string): Promise<Tenant | undefined> {
      const r = await db.selectFrom('tenants').select(cols).where('slug', '=', slug).executeTakeFirst();
      return r && toTenant(r);
    },
    async count(): Promise<number> {
      const r = await db.selectFrom('tenants').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      return Number(r.n);
    },
    /** Reserves n sequence numbers; the row lock orders concurrent writers of one tenant. */
    async reserveSeq(tenantId: string, n: number): Promise<number> {
      const r = await db
        .updateTable('tenants')
        .set((eb) => ({ event_seq: eb('event_seq', '+', n) }))
        .where('id', '=', tenantId)
        .returning('event_seq')
        .executeTakeFirstOrThrow();
      return Number(r.event_seq) - n + 1;
    },
    async currentSeq(tenantId: string): Promise<number> {
      const r = await db.selectFrom('tenants').select('event_seq').where('id', '=', tenantId).executeTakeFirst();
      return Number(r?.event_seq ?? 0);
    },
  };
}
export type TenantsRepo = ReturnType<typeof tenantsRepo>;
