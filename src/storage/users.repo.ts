import { sql } from 'kysely';
import type { Role } from '../contracts/auth.ts';
import type { Page } from '../contracts/common.ts';
import type { Executor } from './executor.ts';
import { keysetPage, type PageArgs } from './paginate.ts';

export interface UserRow {
  id: string;
  tenantId: string;
  email: string;
  name: string;
  role: Role;
  language: string;
  passwordHash: string | null;
  active: boolean;
  failedLogins: number;
  lockedUntil: Date | null;
  lastLoginAt: Date | null;
  createdAt: Date;
}

export interface UserView extends Omit<UserRow, 'passwordHash' | 'failedLogins' | 'lockedUntil'> {
  teams: { id: string; name: string }[];
  skills: { skill: string; level: number }[];
}

const cols = [
  'users.id',
  'users.tenant_id',
  'users.email',
  'users.name',
  'users.role',
  'users.language',
  'users.password_hash',
  'users.active',
  'users.failed_logins',
  'users.locked_until',
  'users.last_login_at',
  'users.created_at',
] as const;

type Raw = {
  id: string;
  tenant_id: string;
  email: string;
  name: string;
  role: Role;
  language: string;
  password_hash: string | null;
  active: boolean;
  failed_logins: number;
  locked_until: Date | null;
  last_login_at: Date | null;
  created_at: Date;
};
const toRow = (r: Raw): UserRow => ({
  id: r.id,
  tenantId: r.tenant_id,
  email: r.email,
  name: r.name,
  role: r.role,
  language: r.language,
  passwordHash: r.password_hash,
  active: r.active,
  failedLogins: r.failed_logins,
  lockedUntil: r.locked_until,
  lastLoginAt: r.last_login_at,
  createdAt: r.created_at,
});

export function usersRepo(db: Executor) {
  async function decorate(tenantId: string, rows: UserRow[]): Promise<UserView[]> {
    if (rows.length === 0) return [];
    const ids = rows.map((r) => r.id);
    const [teams, skills] = await Promise.all([
      db
        .selectFrom('team_members as m')
        .innerJoin('teams as t', (j) => j.onRef('t.id', '=', 'm.team_id').onRef('t.tenant_id', '=', 'm.tenant_id'))
        .select(['m.user_id', 't.id', 't.name'])
        .where('m.tenant_id', '=', tenantId)
        .where('m.user_id', 'in', ids)
        .orderBy('t.name')
        .execute(),
      db
        .selectFrom('user_skills as us')
        .innerJoin('skills as s', (j) => j.onRef('s.id', '=', 'us.skill_id').onRef('s.tenant_id', '=', 'us.tenant_id'))
        .select(['us.user_id', 's.name', 'us.level'])
        .where('us.tenant_id', '=', tenantId)
        .where('us.user_id', 'in', ids)
        .orderBy('s.name')
        .execute(),
    ]);
    return rows.map(({ passwordHash: _p, failedLogins: _f, lockedUntil: _l, ...u }) => ({
      ...u,
      teams: teams.filter((t) => t.user_id === u.id).map((t) => ({ id: t.id, name: t.name })),
      skills: skills.filter((s) => s.user_id === u.id).map((s) => ({ skill: s.name, level: s.level })),
    }));
  }

  return {
    async insert(u: { id: string; tenantId: string; email: string; name: string; role: Role; language?: string; passwordHash: string | null }) {
      await db
        .insertInto('users')
        .values({
          id: u.id,
          tenant_id: u.tenantId,
          email: u.email.toLowerCase(),
          name: u.name,
          role: u.role,
          language: u.language ?? 'en',
          password_hash: u.passwordHash,
        })
        .execute();
    },
    async byId(tenantId: string, id: string): Promise<UserRow | undefined> {
      const r = await db.selectFrom('users').select(cols).where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
      return r && toRow(r);
    },
    async byEmail(tenantId: string, email: string): Promise<UserRow | undefined> {
      const r = await db
        .selectFrom('users')
        .select(cols)
        .where('tenant_id', '=', tenantId)
        .where('email', '=', email.toLowerCase())
        .executeTakeFirst();
      return r && toRow(r);
    },
    async view(tenantId: string, id: string): Promise<UserView | undefined> {
      const row = await this.byId(tenantId, id);
      return row ? (await decorate(tenantId, [row]))[0] : undefined;
    },
    async list(tenantId: string, args: PageArgs & { q?: string; teamId?: string }): Promise<Page<UserView>> {
      let q = db.selectFrom('users').select(cols).where('users.tenant_id', '=', tenantId);
      if (args.q) {
        const like = `%${args.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
        q = q.where((eb) => eb.or([eb('users.name', 'ilike', like), eb('users.email', 'ilike', like)]));
      }
      if (args.teamId) {
        const teamId = args.teamId;
        q = q.where((eb) =>
          eb.exists(
            eb
              .selectFrom('team_members as m')
              .select(sql`1`.as('one'))
              .whereRef('m.user_id', '=', 'users.id')
              .where('m.tenant_id', '=', tenantId)
              .where('m.team_id', '=', teamId),
          ),
        );
      }
      const page = await keysetPage(q, 'users.id', args);
      return { items: await decorate(tenantId, page.items.map(toRow)), nextCursor: page.nextCursor };
    },
    async update(
      tenantId: string,
      id: string,
      patch: Partial<{ name: string; role: Role; active: boolean; language: string; passwordHash: string }>,
    ): Promise<boolean> {
      const values: Record<string, unknown> = { updated_at: new Date() };
      if (patch.name !== undefined) values.name = patch.name;
      if (patch.role !== undefined) values.role = patch.role;
      if (patch.active !== undefined) values.active = patch.active;
      if (patch.language !== undefined) values.language = patch.language;
      if (patch.passwordHash !== undefined) values.password_hash = patch.passwordHash;
      const r = await db.updateTable('users').set(values).where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
      return Number(r.numUpdatedRows) > 0;
    },
    async countActiveAdmins(tenantId: string): Promise<number> {
      const r = await db
        .selectFrom('users')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('tenant_id', '=', tenantId)
        .where('role', '=', 'admin')
        .where('active', '=', true)
        .executeTakeFirstOrThrow();
      return Number(r.n);
    },
    /** Counts a failed sign-in; locks the account once `max` is reached. Returns the new lock end, if any. */
    async recordFailure(tenantId: string, id: string, max: number, lockUntil: Date): Promise<Date | null> {
      const r = await db
        .updateTable('users')
        .set((eb) => ({
          failed_logins: sql<number>`case when ${eb.ref('failed_logins')} + 1 >= ${max} then 0 else ${eb.ref('failed_logins')} + 1 end`,
          locked_until: sql<Date | null>`case when ${eb.ref('failed_logins')} + 1 >= ${max} then ${lockUntil}::timestamptz else ${eb.ref('locked_until')} end`,
        }))
        .where('tenant_id', '=', tenantId)
        .where('id', '=', id)
        .returning('locked_until')
        .executeTakeFirst();
      return r?.locked_until ?? null;
    },
    async recordLogin(tenantId: string, id: string, at: Date): Promise<void> {
      await db
        .updateTable('users')
        .set({ failed_logins: 0, locked_until: null, last_login_at: at })
        .where('tenant_id', '=', tenantId)
        .where('id', '=', id)
        .execute();
    },
  };
}
export type UsersRepo = ReturnType<typeof usersRepo>;
