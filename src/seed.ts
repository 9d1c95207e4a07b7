import type { Role } from './contracts/auth.ts';
import type { IdGen } from './core/context.ts';
import type { Hasher } from './security/secrets.ts';
import type { Database } from './storage/db.ts';
import { createRepos } from './storage/repos.ts';

export const DEMO_PASSWORD = 'switchboard-demo';

export interface DemoLogin {
  email: string;
  role: Role;
  name: string;
}

const people: (DemoLogin & { language: string; teams: string[]; skills: [string, number][] })[] = [
  { email: 'admin@demo.example', name: 'Ada Admin', role: 'admin', language: 'en', teams: [], skills: [] },
  { email: 'supervisor@demo.example', name: 'Sam Supervisor', role: 'supervisor', language: 'en', teams: ['Support', 'Sales'], skills: [] },
  { email: 'alex@demo.example', name: 'Alex Morgan', role: 'agent', language: 'cy', teams: ['Support'], skills: [['billing', 8], ['english', 10], ['welsh', 9]] },
  { email: 'priya@demo.example', name: 'Priya Sharma', role: 'agent', language: 'hi', teams: ['Support'], skills: [['technical', 9], ['english', 9], ['hindi', 10]] },
  { email: 'wen@demo.example', name: 'Wen Li', role: 'agent', language: 'zh-Hans', teams: ['Sales'], skills: [['sales', 8], ['english', 8], ['chinese', 10], ['polish', 5]] },
];

/** The demo workspace: first start only (skipped when any tenant exists). Returns the logins. */
export async function seedDemo(database: Database, newId: IdGen, hasher: Hasher, slug = 'demo'): Promise<DemoLogin[] | null> {
  const repos = createRepos(database.db);
  if ((await repos.tenants.count()) > 0) return null;
  const hash = await hasher.hash(DEMO_PASSWORD);
  await database.db.transaction().execute(async (tx) => {
    const r = createRepos(tx);
    const tenant = await r.tenants.insert({
      id: newId(),
      slug,
      name: 'Demo Company',
      timeZone: 'Europe/London',
      languages: ['en', 'cy', 'pl', 'hi', 'zh-Hans', 'zh-Hant'],
    });
    const teamIds = new Map<string, string>();
    for (const [name, description] of [
      ['Support', 'Customer support: billing and technical questions'],
      ['Sales', 'New business and upgrades'],
    ] as const) {
      const id = newId();
      await r.teams.insert({ id, tenantId: tenant.id, name, description });
      teamIds.set(name, id);
    }
    const skillIds = new Map<string, string>();
    for (const p of people) {
      const id = newId();
      await r.users.insert({ id, tenantId: tenant.id, email: p.email, name: p.name, role: p.role, language: p.language, passwordHash: hash });
      for (const t of p.teams) await r.teams.addMember(tenant.id, teamIds.get(t)!, id);
      for (const [skill, level] of p.skills) {
        if (!skillIds.has(skill)) {
          const sid = newId();
          await tx.insertInto('skills').values({ id: sid, tenant_id: tenant.id, name: skill }).execute();
          skillIds.set(skill, sid);
        }
        await tx.insertInto('user_skills').values({ tenant_id: tenant.id, user_id: id, skill_id: skillIds.get(skill)!, level }).execute();
      }
    }
    await r.events.append(
      tenant.id,
      [{ id: newId(), type: 'tenant.created', aggregateType: 'tenant', aggregateId: tenant.id, actorId: null, topics: ['tenant'], payload: { slug, demo: true } }],
      new Date(),
    );
  });
  return people.map(({ email, name, role }) => ({ email, name, role }));
}
