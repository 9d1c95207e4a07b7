import { seedDemoWidget } from './channels/chat/seed-demo.ts';
import { seedDemoHelpCenter } from './channels/help-center/seed-demo.ts';
import { seedTicketWorkflows } from './core/tickets/builtin-views.ts';
import type { Role } from './contracts/auth.ts';
import type { IdGen } from './core/context.ts';
import type { Hasher } from './security/secrets.ts';
import type { Database } from './storage/db.ts';
import type { IdentityKind } from './storage/schema.ts';
import { normalizeIdentity } from './core/customers/identities.ts';
import { seedDemoConversations } from './seed-conversations.ts';
import { seedDemoSla } from './core/sla/seed-demo.ts';
import { seedDemoHealth } from './core/health/seed-demo.ts';
import { createRepos } from './storage/repos.ts';
import { seedDemoOrders } from './core/orders/seed-demo.ts';
import { seedDemoKb } from './core/kb/seed-demo.ts';
import { seedDemoRouting } from './core/routing/seed-demo.ts';
import { seedDemoFlows } from './core/flows-runtime/seed-demo.ts';
import { seedDemoWallboardAlerts } from './core/analytics/alerts-seed-demo.ts';

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
  { email: 'kasia@demo.example', name: 'Kasia Nowak', role: 'agent', language: 'pl', teams: ['Support'], skills: [['billing', 7], ['english', 7], ['polish', 10]] },
];

type DemoIdentity = [kind: IdentityKind, value: string];
const customers: { name: string; language: string; timeZone: string; company?: string; tags: string[]; identities: DemoIdentity[] }[] = [
  { name: 'Olivia Bennett', language: 'en', timeZone: 'Europe/London', company: 'Bennett & Hale', tags: ['vip'], identities: [['email', 'olivia.bennett@example.com'], ['phone', '+442079460958']] },
  { name: 'Rhys Llewellyn', language: 'cy', timeZone: 'Europe/London', tags: ['billing'], identities: [['email', 'rhys@example.cymru'], ['whatsapp', '+447911123456']] },
  { name: 'Zofia Kowalska', language: 'pl', timeZone: 'Europe/Warsaw', company: 'Kowalska Design', tags: [], identities: [['email', 'zofia.kowalska@example.pl'], ['phone', '+48601234567']] },
  { name: 'Arjun Mehta', language: 'hi', timeZone: 'Asia/Kolkata', tags: ['technical'], identities: [['phone', '+919876543210'], ['telegram', '482910375']] },
  { name: 'Li Na', language: 'zh-Hans', timeZone: 'Asia/Shanghai', company: 'Shanghai Trading Co', tags: ['vip', 'sales'], identities: [['email', 'li.na@example.cn'], ['whatsapp', '+8613812345678']] },
  { name: 'Jamie Walker', language: 'en', timeZone: 'America/New_York', tags: [], identities: [['email', 'jamie.walker@example.com'], ['phone', '+12025550143'], ['visitor', 'demo-visitor-1']] },
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
    const userIds = new Map<string, string>();
    const customerIds = new Map<string, string>();
    for (const p of people) {
      const id = newId();
      await r.users.insert({ id, tenantId: tenant.id, email: p.email, name: p.name, role: p.role, language: p.language, passwordHash: hash });
      userIds.set(p.email, id);
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
    const now = new Date();
    for (const c of customers) {
      const id = newId();
      await r.customers.insert({ id, tenantId: tenant.id, name: c.name, language: c.language, timeZone: c.timeZone, company: c.company ?? null, tags: c.tags, at: now });
      customerIds.set(c.name, id);
      for (const [kind, value] of c.identities) {
        await r.customers.addIdentity({ id: newId(), tenantId: tenant.id, customerId: id, kind, value: normalizeIdentity(kind, value), verified: kind !== 'visitor', at: now });
      }
    }
    // Business hours and SLA policies first, so the demo tickets get their targets (src/core/sla/seed-demo.ts).
    await seedDemoSla(r, tenant.id, newId, now);
    await seedDemoConversations(r, tenant.id, newId, now, { customers: customerIds, users: userIds, teams: teamIds });
    await seedDemoWidget(r, tenant.id, newId, now);
    await seedDemoHelpCenter(r, tenant.id, newId, now); // the public help center with the demo chat widget (src/channels/help-center/seed-demo.ts)
    // Built-in ticket views and shared demo macros (src/core/tickets/builtin-views.ts).
    await seedTicketWorkflows(r, tenant.id, newId, now, { macros: true });
    // A few orders of the demo customers (src/core/orders/seed-demo.ts).
    await seedDemoOrders(r, tenant.id, newId, now, customerIds);
    await seedDemoKb(r, tenant.id, newId, now, userIds.get('admin@demo.example') ?? null); // knowledge base in six languages (src/core/kb/seed-demo.ts)
    // Survey answers, message sentiment and the first health scores, after everything they read (src/core/health/seed-demo.ts).
    await seedDemoHealth(r, tenant.id, newId, now, customerIds);
    await r.events.append(
      tenant.id,
      [{ id: newId(), type: 'tenant.created', aggregateType: 'tenant', aggregateId: tenant.id, actorId: null, topics: ['tenant'], payload: { slug, demo: true } }],
      new Date(),
    );
    // Routing last: agents available, queues, workflow v1; its cursor starts after the seeded history (src/core/routing/seed-demo.ts).
    await seedDemoRouting(tx, tenant.id, newId, now, { users: userIds, teams: teamIds });
    await seedDemoFlows(r, tenant.id, newId, now); // the "Shop assistant" bot on the demo chat inbox, after the queues it names (src/core/flows-runtime/seed-demo.ts)
    await seedDemoWallboardAlerts(r, tenant.id, newId, now); // wallboard alerts: longest wait > 2 min, service level < 80 % (src/core/analytics/alerts-seed-demo.ts)
  });
  return people.map(({ email, name, role }) => ({ email, name, role }));
}
