import type { CustomerJourney, JourneyQuery, JourneysQuery, JourneysReport } from '../../contracts/journeys.ts';
import type { Principal } from '../auth/principal.ts';
import type { CoreDeps } from '../deps.ts';
import { invalid, notFound } from '../errors.ts';
import { compileSegment } from '../segments/compile.ts';
import { storedDefinition } from '../segments/evaluate.ts';
import { recordArticleView, type KnownVisitor } from './article-views.ts';
import { analyseJourney, DEFAULT_JOURNEY_OPTIONS, type JourneyOptions } from './journey.ts';
import { analysePaths } from './paths.ts';
import { buildTouchpoints } from './touchpoints.ts';

const DAY = 86_400_000;
export const DEFAULT_RANGE_DAYS = 30;
/** The longest range a journey query may span (a leap year). */
export const MAX_RANGE_DAYS = 366;
/** Most signals one customer's journey reads; more means the range is too wide to draw. */
export const CUSTOMER_SIGNAL_LIMIT = 10_000;
/** Most signals a segment analysis reads (about 60 MB in memory). */
export const SEGMENT_SIGNAL_LIMIT = 300_000;

/**
 * The range of a journey query: [from, to), `to` defaulting to now and `from` to 30 days before
 * `to`. Refused (400) when `to` is not after `from` or the range is longer than a year.
 */
export function resolveRange(q: { from?: string; to?: string }, now: Date): { from: Date; to: Date } {
  const to = q.to ? new Date(q.to) : now;
  const from = q.from ? new Date(q.from) : new Date(to.getTime() - DEFAULT_RANGE_DAYS * DAY);
  if (to.getTime() <= from.getTime()) {
    throw invalid('The range ends before it starts: `to` must be after `from`', [{ path: 'to', message: 'must be after from' }]);
  }
  if (to.getTime() - from.getTime() > MAX_RANGE_DAYS * DAY) {
    throw invalid(`The range is longer than one year (${MAX_RANGE_DAYS} days); pick a shorter range`, [{ path: 'from', message: 'range longer than a year' }]);
  }
  return { from, to };
}

const optionsOf = (repeatDays: number): JourneyOptions => ({ ...DEFAULT_JOURNEY_OPTIONS, repeatWindowMs: repeatDays * DAY });

/** Journeys of a customer (the customer page) and paths of a segment (analytics). */
export function createJourneysService(d: Pick<CoreDeps, 'repos' | 'clock' | 'uow' | 'newId'>) {
  return {
    now: () => d.clock.now(),

    /** A known chat visitor read a help center article (see article-views.ts). */
    recordArticleView: (v: KnownVisitor, article: { articleId: string; language: string }) => recordArticleView(d, v, article),

    async customerJourney(p: Principal, customerId: string, q: JourneyQuery): Promise<CustomerJourney> {
      let c = await d.repos.customers.byId(p.tenantId, customerId);
      if (!c) throw notFound('Customer');
      // A merged-away customer's history lives on its survivor (as on the customer page).
      for (let hops = 0; c.mergedInto && hops < 20; hops++) {
        const next = await d.repos.customers.byId(p.tenantId, c.mergedInto);
        if (!next) break;
        c = next;
      }
      const now = d.clock.now();
      const { from, to } = resolveRange(q, now);
      const r = await d.repos.journeys.signals(p.tenantId, { customerId: c.id }, from, to, CUSTOMER_SIGNAL_LIMIT);
      if (r.more) throw invalid(`This customer has more than ${CUSTOMER_SIGNAL_LIMIT} touchpoints in the range; pick a shorter range`, [{ path: 'from', message: 'too many touchpoints' }]);
      const { touchpoints, outcomes } = buildTouchpoints(r.signals);
      const asOf = new Date(Math.min(to.getTime(), now.getTime()));
      const j = analyseJourney(touchpoints, outcomes, asOf, optionsOf(q.repeatDays));
      return {
        customerId: c.id,
        from: from.toISOString(),
        to: to.toISOString(),
        touchpoints: j.touchpoints.map((t) => ({ at: t.at.toISOString(), kind: t.kind, channel: t.channel, conversationId: t.conversationId, ref: t.ref, label: t.label, contact: t.contact })),
        repeats: j.repeats,
        drops: j.drops,
      };
    },

    async segmentJourneys(p: Principal, q: JourneysQuery): Promise<Omit<JourneysReport, 'tookMs'>> {
      const now = d.clock.now();
      const { from, to } = resolveRange(q, now);
      if ((q.after && !q.then) || (!q.after && q.then)) {
        throw invalid('Pass both `after` and `then` to ask "of customers who used X, how many then used Z"', [{ path: q.after ? 'then' : 'after', message: 'required with the other' }]);
      }
      let where = null;
      if (q.segmentId) {
        const s = await d.repos.segments.byId(p.tenantId, q.segmentId);
        if (!s) throw notFound('Segment');
        where = compileSegment(storedDefinition(s.definition, s.id), now);
      }
      const customers = await d.repos.journeys.countCustomers(p.tenantId, where);
      const r = await d.repos.journeys.signals(p.tenantId, { where }, from, to, SEGMENT_SIGNAL_LIMIT, { lean: true });
      if (r.more) throw invalid(`The range holds more than ${SEGMENT_SIGNAL_LIMIT} touchpoints of these customers; pick a shorter range or a smaller segment`, [{ path: 'from', message: 'too many touchpoints' }]);
      const { touchpoints, outcomes } = buildTouchpoints(r.signals, { sorted: false });
      const asOf = new Date(Math.min(to.getTime(), now.getTime()));
      const a = analysePaths(customers, touchpoints, outcomes, { asOf, topN: q.top, after: q.after, then: q.then, options: optionsOf(q.repeatDays) });
      return { from: from.toISOString(), to: to.toISOString(), segmentId: q.segmentId ?? null, ...a };
    },
  };
}
export type JourneysService = ReturnType<typeof createJourneysService>;
