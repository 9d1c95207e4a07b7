import { sql } from 'kysely';
import type { Logger } from 'pino';
import type { Clock, IdGen } from './core/context.ts';
import { generateHistory } from './core/analytics-history/generate.ts';
import { localDayStart } from './core/analytics-history/calendar.ts';
import type { HistoryEvent, HistoryInput } from './core/analytics-history/types.ts';
import type { Db } from './storage/db.ts';
import { requestSearchRebuild, writeHistoryDay } from './storage/history-writer.ts';

/**
 * Months of generated history for the demo workspace, so every report is meaningful right after
 * `npm start` (issue 8). Runs in the background once the server listens: one local day per
 * transaction with a short pause between days, logging progress. Each day's transaction ends
 * with a `demo.history_progress` marker event holding the generation's parameters, so a restart
 * resumes after the last written day (the generator is deterministic) and a finished history is
 * never written twice. Only a workspace created by the demo seed gets it.
 */

export const DEMO_HISTORY_DAYS = 120;
export const DEMO_HISTORY_PER_DAY = 80;
const MARKER = 'demo.history_progress';
const DAY = 86_400_000;

export interface DemoHistoryOptions {
  slug: string;
  days?: number;
  perDay?: number;
  seed?: number;
  /** Pause between days (ms) so requests get the database between transactions. */
  pauseMs?: number;
  onProgress?: (p: { day: number; of: number; tenantId: string }) => void;
}

interface Marker {
  seed: number;
  start: number;
  end: number;
  cutoff: number;
  perDay: number;
  index: number;
  of: number;
  done: boolean;
}

async function lastMarker(db: Db, tenantId: string): Promise<Marker | null> {
  const row = await db.selectFrom('events').select('payload').where('tenant_id', '=', tenantId).where('type', '=', MARKER).orderBy('seq', 'desc').limit(1).executeTakeFirst();
  return (row?.payload as Marker | undefined) ?? null;
}

/**
 * The demo tenant's ids the generator needs, read in a stable order (customers: only those from
 * before the history, so a resumed run generates the same days); adds a phone line and a WhatsApp inbox when missing.
 */
async function demoInput(db: Db, tenantId: string, timeZone: string, newId: IdGen, now: Date, end: number): Promise<Omit<HistoryInput, 'seed' | 'start' | 'end' | 'cutoff' | 'perDay'>> {
  for (const [name, channel] of [['Phone line', 'voice'], ['WhatsApp', 'whatsapp']] as const) {
    const has = await db.selectFrom('inboxes').select('id').where('tenant_id', '=', tenantId).where('channel', '=', channel).executeTakeFirst();
    if (!has) await db.insertInto('inboxes').values({ id: newId(), tenant_id: tenantId, name, channel, settings: JSON.stringify({ demoHistory: true }), created_at: now }).onConflict((oc) => oc.doNothing()).execute();
  }
  const inboxes = await db.selectFrom('inboxes').select(['id', 'channel']).where('tenant_id', '=', tenantId).orderBy('id').execute();
  const flows = await db.selectFrom('inbox_flows').select('inbox_id').where('tenant_id', '=', tenantId).execute().catch(() => []);
  const botInboxes = new Set(flows.map((f) => f.inbox_id));
  const queues = await db.selectFrom('routing_queues').select(['id', 'name', 'team_ids', 'wrap_up_ms']).where('tenant_id', '=', tenantId).orderBy('id').execute();
  const agents = await db.selectFrom('agent_routing').innerJoin('users', (j) => j.onRef('users.id', '=', 'agent_routing.user_id').onRef('users.tenant_id', '=', 'agent_routing.tenant_id'))
    .select(['users.id as id']).where('agent_routing.tenant_id', '=', tenantId).where('users.active', '=', true).orderBy('users.id').execute();
  const members = await db.selectFrom('team_members').select(['user_id', 'team_id']).where('tenant_id', '=', tenantId).execute();
  const customers = await db.selectFrom('customers').select('id').where('tenant_id', '=', tenantId).where('merged_into', 'is', null).where('created_at', '>=', new Date(end)).orderBy('id').execute();
  const codes = await db.selectFrom('disposition_codes').select(['code', 'label']).where('tenant_id', '=', tenantId).where('active', '=', true).orderBy('position').orderBy('code').execute();
  const policy = await db.selectFrom('sla_policies').select('id').where('tenant_id', '=', tenantId).where('active', '=', true).orderBy('position').limit(1).executeTakeFirst();
  const queueWeight: Record<string, number> = { Support: 3, Billing: 2, Sales: 1 };
  return {
    tenantId,
    timeZone,
    queues: queues.map((q) => ({ id: q.id, teamIds: q.team_ids, wrapUpMs: Number(q.wrap_up_ms) || 30_000, weight: queueWeight[q.name] ?? 1 })),
    agents: agents.map((a) => ({ id: a.id, teamIds: members.filter((m) => m.user_id === a.id).map((m) => m.team_id) })),
    inboxes: inboxes.map((i) => ({ id: i.id, channel: i.channel, bot: botInboxes.has(i.id) })),
    customers: customers.map((c) => c.id),
    dispositions: codes,
    tags: ['billing', 'delivery', 'returns', 'technical', 'vip'],
    slaPolicyId: policy?.id ?? null,
  };
}

/**
 * Writes (or finishes) the demo history; returns the number of days written now (0 when it was
 * complete already or the workspace is not a demo). `stopped()` is asked between days.
 */
export async function seedDemoHistory(db: Db, clock: Clock, newId: IdGen, log: Logger, o: DemoHistoryOptions, stopped: () => boolean = () => false): Promise<number> {
  const tenant = await db.selectFrom('tenants').select(['id', 'time_zone']).where('slug', '=', o.slug).executeTakeFirst();
  if (!tenant) return 0;
  const demo = await db.selectFrom('events').select('id').where('tenant_id', '=', tenant.id).where('type', '=', 'tenant.created').where(sql<boolean>`payload->>'demo' = 'true'`).executeTakeFirst();
  if (!demo) return 0;
  const previous = await lastMarker(db, tenant.id);
  if (previous?.done) return 0;
  const now = clock.now().getTime();
  const end = previous?.end ?? localDayStart(now, tenant.time_zone);
  const params = previous ?? { seed: o.seed ?? 20260101, start: localDayStart(end - (o.days ?? DEMO_HISTORY_DAYS) * DAY + DAY / 2, tenant.time_zone), end, cutoff: now, perDay: o.perDay ?? DEMO_HISTORY_PER_DAY };
  const input: HistoryInput = { ...(await demoInput(db, tenant.id, tenant.time_zone, newId, new Date(now), params.end)), seed: params.seed, start: params.start, end: params.end, cutoff: params.cutoff, perDay: params.perDay };
  let written = 0;
  const started = Date.now();
  for (const day of generateHistory(input)) {
    if (previous && day.index <= previous.index) continue;
    if (stopped()) break;
    const of = Math.round((input.end - input.start) / DAY);
    const last = day.index >= of - 1;
    const marker: Marker = { seed: params.seed, start: params.start, end: params.end, cutoff: params.cutoff, perDay: params.perDay, index: day.index, of, done: last };
    const at = day.events.length > 0 ? day.events[day.events.length - 1]!.at : day.dayStart;
    const markerEvent: HistoryEvent = { id: newId(), at, type: MARKER, aggregateType: 'tenant', aggregateId: tenant.id, actorId: null, topics: ['tenant'], payload: { ...marker, day: day.day } };
    await writeHistoryDay(db, tenant.id, { ...day, events: [...day.events, markerEvent] });
    written++;
    if (last) await requestSearchRebuild(db, tenant.id);
    const pct = Math.round(((day.index + 1) / of) * 100);
    o.onProgress?.({ day: day.index + 1, of, tenantId: tenant.id });
    if ((day.index + 1) % 12 === 0 || last) log.info(`demo history: ${pct} % (${day.index + 1} of ${of} days)`);
    if (o.pauseMs) await new Promise((r) => setTimeout(r, o.pauseMs));
  }
  if (written > 0) log.info({ days: written, seconds: Math.round((Date.now() - started) / 100) / 10 }, 'demo history written');
  return written;
}

/** Runs seedDemoHistory in the background once started; stop() waits for the day in progress. */
export function demoHistoryRunner(d: { db: Db; clock: Clock; newId: IdGen; log: Logger; slug: string; onDay?: (tenantId: string) => void }) {
  let stopping = false;
  let job: Promise<unknown> | null = null;
  return {
    start(): void {
      if (job) return;
      job = seedDemoHistory(d.db, d.clock, d.newId, d.log, { slug: d.slug, pauseMs: 25, onProgress: (p) => d.onDay?.(p.tenantId) }, () => stopping).catch((e: unknown) => {
        d.log.error({ err: e }, 'demo history could not be written; it resumes on the next start');
      });
    },
    async stop(): Promise<void> {
      stopping = true;
      await job;
    },
  };
}
