import { analyseJourney, DEFAULT_JOURNEY_OPTIONS, type DropReason, type JourneyOptions } from './journey.ts';
import { byCustomer, TOUCHPOINT_KINDS, type JourneyOutcomes, type Touchpoint, type TouchpointKind } from './touchpoints.ts';

/** Longer paths are cut after this many steps (and marked `truncated`). */
export const MAX_PATH_STEPS = 8;

export interface PathCount {
  kinds: TouchpointKind[];
  truncated: boolean;
  customers: number;
  /** customers / customers with at least one touchpoint. */
  share: number;
}

export interface ChannelRate {
  kind: TouchpointKind;
  /** Customers with at least one touchpoint of the kind. */
  customers: number;
  /** customers / all customers of the set (the contact rate). */
  rate: number;
  touchpoints: number;
  /** touchpoints / all customers of the set. */
  perCustomer: number;
}

/** "Of the customers who used `after`, `share` then used `then`." */
export interface Conditional {
  after: TouchpointKind;
  then: TouchpointKind;
  /** Customers who used `after` in the range. */
  customersAfter: number;
  /** Of those, customers who also used `then` at any time in the range. */
  thenAnyTime: number;
  /** Of those, customers who used `then` after their first `after`. */
  thenAfter: number;
  /** thenAfter / customersAfter. */
  share: number;
  /** Customers of the whole set who used `then` / all customers of the set. */
  baseRate: number;
  /** customersAfter × |share − baseRate|: how many customers behave differently from the set's norm. */
  interest: number;
}

export interface PathAnalysis {
  customers: number;
  withJourney: number;
  paths: PathCount[];
  channels: ChannelRate[];
  conditionals: Conditional[];
  /** The pair the caller asked for (after/then), null when not asked. */
  finding: Conditional | null;
  contacts: number;
  repeats: number;
  drops: Record<DropReason, number>;
}

/** A customer's path: the kinds of their touchpoints in order, consecutive repeats collapsed. */
export function pathOf(touchpoints: readonly Touchpoint[]): TouchpointKind[] {
  const out: TouchpointKind[] = [];
  for (const t of touchpoints) if (out[out.length - 1] !== t.kind) out.push(t.kind);
  return out;
}

const round = (x: number) => Math.round(x * 10_000) / 10_000;

/**
 * Paths, contact rates and "X then Z" findings over a set of `total` customers (a segment's
 * members). `touchpoints` in any order, each of a customer of the set; customers without any
 * count in the rates' denominators (they are part of the set) but have no path.
 */
export function analysePaths(
  total: number,
  touchpoints: readonly Touchpoint[],
  outcomes: JourneyOutcomes,
  args: { asOf: Date; topN: number; after?: TouchpointKind; then?: TouchpointKind; options?: JourneyOptions },
): PathAnalysis {
  const grouped = byCustomer(touchpoints);
  const pathCounts = new Map<string, PathCount>();
  const kindCustomers = new Map<TouchpointKind, number>();
  const kindTouchpoints = new Map<TouchpointKind, number>();
  const K = TOUCHPOINT_KINDS.length;
  const rank = new Map<TouchpointKind, number>(TOUCHPOINT_KINDS.map((k, i) => [k, i]));
  // Per customer: the first and last time of each kind (by rank), NaN when never used.
  const firstAt: Float64Array[] = [];
  const lastAt: Float64Array[] = [];
  let contacts = 0;
  let repeats = 0;
  const drops: Record<DropReason, number> = { bot_abandoned: 0, queue_abandoned: 0, self_service_failed: 0 };

  for (const list of grouped.values()) {
    const full = pathOf(list);
    const kinds = full.slice(0, MAX_PATH_STEPS);
    const key = kinds.join('>') + (full.length > MAX_PATH_STEPS ? '>…' : '');
    const pc = pathCounts.get(key);
    if (pc) pc.customers++;
    else pathCounts.set(key, { kinds, truncated: full.length > MAX_PATH_STEPS, customers: 1, share: 0 });

    const first = new Float64Array(K).fill(NaN);
    const last = new Float64Array(K).fill(NaN);
    for (const t of list) {
      const ms = t.at.getTime();
      const r = rank.get(t.kind)!;
      if (Number.isNaN(first[r]!)) {
        first[r] = ms;
        kindCustomers.set(t.kind, (kindCustomers.get(t.kind) ?? 0) + 1);
      }
      last[r] = ms;
      kindTouchpoints.set(t.kind, (kindTouchpoints.get(t.kind) ?? 0) + 1);
      if (t.contact) contacts++;
    }
    firstAt.push(first);
    lastAt.push(last);

    const j = analyseJourney(list, outcomes, args.asOf, args.options ?? DEFAULT_JOURNEY_OPTIONS);
    repeats += j.repeats.length;
    for (const d of j.drops) drops[d.reason]++;
  }
  const withJourney = grouped.size;

  const paths = [...pathCounts.values()]
    .map((p) => ({ ...p, share: withJourney ? round(p.customers / withJourney) : 0 }))
    .sort((a, b) => b.customers - a.customers || a.kinds.length - b.kinds.length || a.kinds.join('>').localeCompare(b.kinds.join('>')))
    .slice(0, args.topN);

  const used = TOUCHPOINT_KINDS.filter((k) => kindCustomers.has(k));
  const channels: ChannelRate[] = used.map((kind) => ({
    kind,
    customers: kindCustomers.get(kind)!,
    rate: total ? round(kindCustomers.get(kind)! / total) : 0,
    touchpoints: kindTouchpoints.get(kind)!,
    perCustomer: total ? round(kindTouchpoints.get(kind)! / total) : 0,
  }));

  const pair = (x: TouchpointKind, z: TouchpointKind): Conditional => {
    let nX = 0;
    let any = 0;
    let afterN = 0;
    const rx = rank.get(x)!;
    const rz = rank.get(z)!;
    for (let i = 0; i < firstAt.length; i++) {
      const fx = firstAt[i]![rx]!;
      if (Number.isNaN(fx)) continue;
      nX++;
      const lz = lastAt[i]![rz]!;
      if (Number.isNaN(lz)) continue;
      any++;
      if (lz > fx) afterN++;
    }
    const share = nX ? afterN / nX : 0;
    const baseRate = total ? (kindCustomers.get(z) ?? 0) / total : 0;
    return { after: x, then: z, customersAfter: nX, thenAnyTime: any, thenAfter: afterN, share: round(share), baseRate: round(baseRate), interest: round(nX * Math.abs(share - baseRate)) };
  };
  const conditionals: Conditional[] = [];
  for (const x of used) for (const z of used) if (x !== z) conditionals.push(pair(x, z));
  conditionals.sort((a, b) => b.interest - a.interest || b.customersAfter - a.customersAfter || TOUCHPOINT_KINDS.indexOf(a.after) - TOUCHPOINT_KINDS.indexOf(b.after) || TOUCHPOINT_KINDS.indexOf(a.then) - TOUCHPOINT_KINDS.indexOf(b.then));

  const finding = args.after && args.then ? pair(args.after, args.then) : null;
  return { customers: total, withJourney, paths, channels, conditionals, finding, contacts, repeats, drops };
}
