import type { CreateSegmentBody, SegmentDefinition, UpdateSegmentBody } from '../../contracts/segments.ts';
import type { PageArgs } from '../../storage/paginate.ts';
import type { ExportRow, MemberRow, SegmentRow } from '../../storage/segments.repo.ts';
import type { Principal } from '../auth/principal.ts';
import type { CoreDeps, RequestMeta } from '../deps.ts';
import { writeAudit } from '../audit.ts';
import { draftEvent } from '../events/draft.ts';
import { AppError, notFound } from '../errors.ts';
import { compileSegment } from './compile.ts';
import { countSegment, segmentMembers, storedDefinition } from './evaluate.ts';
import { CSV_BOM, csvLine } from './csv.ts';

/** A cached count older than this is counted again when the list shows it. */
export const COUNT_TTL_MS = 10 * 60_000;
export const PREVIEW_SAMPLE = 10;
const EXPORT_BATCH = 500;

export const EXPORT_COLUMNS = ['id', 'name', 'email', 'phone', 'company', 'language', 'time_zone', 'tags', 'health_score', 'health_band', 'created_at'] as const;

const nameTaken = (name: string) =>
  new AppError('conflict', `A segment named "${name}" already exists in this workspace; pick another name`, [{ path: 'name', message: 'already used' }]);

export function createSegmentsService(d: CoreDeps) {
  const event = (p: Principal, type: string, id: string, payload: Record<string, unknown>) =>
    draftEvent(d.newId, { type, aggregateType: 'segment', aggregateId: id, actorId: p.userId, topics: ['tenant'], payload });

  async function mustGet(tenantId: string, id: string): Promise<SegmentRow> {
    const s = await d.repos.segments.byId(tenantId, id);
    if (!s) throw notFound('Segment');
    return s;
  }

  /** The row with a fresh count (stored in the cache). */
  async function withCount(s: SegmentRow, force = false): Promise<SegmentRow> {
    const now = d.clock.now();
    if (!force && s.memberCount !== null && s.countComputedAt && now.getTime() - s.countComputedAt.getTime() < COUNT_TTL_MS) return s;
    const n = await countSegment(d.repos, s.tenantId, storedDefinition(s.definition, s.id), now);
    await d.repos.segments.setCount(s.tenantId, s.id, n, now);
    return { ...s, memberCount: n, countComputedAt: now };
  }

  return {
    async list(p: Principal, args: PageArgs & { q?: string }) {
      const page = await d.repos.segments.list(p.tenantId, args);
      const items: SegmentRow[] = [];
      for (const s of page.items) items.push(await withCount(s));
      return { items, nextCursor: page.nextCursor };
    },

    async get(p: Principal, id: string): Promise<SegmentRow> {
      return withCount(await mustGet(p.tenantId, id), true);
    },

    async create(p: Principal, input: CreateSegmentBody): Promise<SegmentRow> {
      const id = d.newId();
      const now = d.clock.now();
      await d.uow(async (r) => {
        if (await r.segments.byName(p.tenantId, input.name)) throw nameTaken(input.name);
        await r.segments.insert({ id, tenantId: p.tenantId, name: input.name, description: input.description, definition: input.definition as unknown as Record<string, unknown>, createdBy: p.userId, createdAt: now });
        await r.events.append(p.tenantId, [event(p, 'segment.created', id, { name: input.name })], now);
      });
      return withCount(await mustGet(p.tenantId, id), true);
    },

    async update(p: Principal, id: string, change: UpdateSegmentBody): Promise<SegmentRow> {
      const now = d.clock.now();
      await d.uow(async (r) => {
        const before = await r.segments.byId(p.tenantId, id);
        if (!before) throw notFound('Segment');
        if (change.name !== undefined && change.name.toLowerCase() !== before.name.toLowerCase()) {
          if (await r.segments.byName(p.tenantId, change.name)) throw nameTaken(change.name);
        }
        await r.segments.update(p.tenantId, id, { name: change.name, description: change.description, definition: change.definition as unknown as Record<string, unknown> | undefined }, now);
        const changed = Object.keys(change).filter((k) => change[k as keyof UpdateSegmentBody] !== undefined);
        await r.events.append(p.tenantId, [event(p, 'segment.updated', id, { name: change.name ?? before.name, changed })], now);
      });
      return withCount(await mustGet(p.tenantId, id), true);
    },

    async remove(p: Principal, id: string): Promise<void> {
      const now = d.clock.now();
      await d.uow(async (r) => {
        const before = await r.segments.byId(p.tenantId, id);
        if (!before || !(await r.segments.remove(p.tenantId, id))) throw notFound('Segment');
        await r.events.append(p.tenantId, [event(p, 'segment.deleted', id, { name: before.name })], now);
      });
    },

    /** A definition not saved yet: its count and the first members. */
    async preview(p: Principal, def: SegmentDefinition): Promise<{ count: number; sample: MemberRow[] }> {
      const now = d.clock.now();
      const [count, page] = [await countSegment(d.repos, p.tenantId, def, now), await segmentMembers(d.repos, p.tenantId, def, now, { limit: PREVIEW_SAMPLE })];
      return { count, sample: page.items };
    },

    async members(p: Principal, id: string, args: PageArgs) {
      const s = await mustGet(p.tenantId, id);
      return segmentMembers(d.repos, p.tenantId, storedDefinition(s.definition, s.id), d.clock.now(), args);
    },

    /**
     * The members as CSV lines (BOM first), produced batch by batch so a large segment streams.
     * The export is audited (personal data leaves the system) before the first line.
     */
    async exportCsv(p: Principal, id: string, meta: RequestMeta): Promise<{ segment: SegmentRow; lines: AsyncGenerator<string> }> {
      const s = await mustGet(p.tenantId, id);
      const now = d.clock.now();
      const where = compileSegment(storedDefinition(s.definition, s.id), now);
      const count = await d.repos.segments.count(p.tenantId, where);
      await writeAudit(d.repos, d.newId, now, {
        tenantId: p.tenantId, actorId: p.userId, action: 'segment.exported', targetType: 'segment', targetId: id, ip: meta.ip,
        details: { name: s.name, rows: count, columns: [...EXPORT_COLUMNS] },
      });
      const repos = d.repos;
      async function* lines(): AsyncGenerator<string> {
        yield CSV_BOM + csvLine([...EXPORT_COLUMNS]);
        let after: string | null = null;
        for (;;) {
          const rows: ExportRow[] = await repos.segments.exportBatch(p.tenantId, where, after, EXPORT_BATCH);
          let chunk = '';
          for (const r of rows) {
            chunk += csvLine([r.id, r.name, r.email, r.phone, r.company, r.language, r.timeZone, r.tags.join(';'), r.healthScore, r.healthBand, r.createdAt.toISOString()]);
          }
          if (chunk) yield chunk;
          if (rows.length < EXPORT_BATCH) return;
          after = rows[rows.length - 1]!.id;
        }
      }
      return { segment: s, lines: lines() };
    },
  };
}
export type SegmentsService = ReturnType<typeof createSegmentsService>;
