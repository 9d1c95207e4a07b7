import { AppError, notFound } from '../errors.ts';
import type { CoreDeps } from '../deps.ts';
import type { Principal } from '../auth/principal.ts';
import type { CustomerView } from './service.ts';

export type DuplicateReason =
  | { code: 'same_value_other_kind'; message: string; kind: string; otherKind: string; value: string }
  | { code: 'similar_name'; message: string; similarity: number }
  | { code: 'same_company'; message: string };

export interface DuplicateSuggestion {
  customer: CustomerView;
  score: number;
  reasons: DuplicateReason[];
}

/** A name folded for comparison: no accents, lower case, single spaces. */
export function foldName(s: string): string {
  return s.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

function trigrams(s: string): Set<string> {
  const out = new Set<string>();
  for (const word of foldName(s).split(' ').filter(Boolean)) {
    const w = `  ${word} `;
    for (let i = 0; i + 3 <= w.length; i++) out.add(w.slice(i, i + 3));
  }
  return out;
}

/** Trigram similarity as pg_trgm's similarity() computes it (shared / union), 0..1. */
export function nameSimilarity(a: string, b: string): number {
  const x = trigrams(a);
  const y = trigrams(b);
  if (x.size === 0 || y.size === 0) return 0;
  let shared = 0;
  for (const t of x) if (y.has(t)) shared++;
  return shared / (x.size + y.size - shared);
}

const NAME_THRESHOLD = 0.5;
const round = (n: number) => Math.round(n * 100) / 100;

export function createDuplicateActions(d: CoreDeps) {
  return {
    /** Likely duplicates of a customer, best first; the rule is in docs/decisions/003-customer-merge.md. */
    async duplicates(p: Principal, id: string, limit = 20): Promise<DuplicateSuggestion[]> {
      const repos = d.repos;
      const me = await repos.customers.byId(p.tenantId, id);
      if (!me) throw notFound('Customer');
      if (me.mergedInto) throw new AppError('conflict', `Customer ${id} was merged into ${me.mergedInto}; look for duplicates of that customer instead`);
      const mine = await repos.customers.identities(p.tenantId, [id]);
      const found = new Map<string, DuplicateReason[]>();
      const add = (cid: string, r: DuplicateReason) => found.set(cid, [...(found.get(cid) ?? []), r]);

      for (const o of await repos.customerMerges.sameValueOtherKind(p.tenantId, id, mine)) {
        const own = mine.find((i) => i.value === o.value && i.kind !== o.kind)!;
        add(o.customerId, { code: 'same_value_other_kind', message: `${own.kind} ${o.value} is their ${o.kind}`, kind: own.kind, otherKind: o.kind, value: o.value });
      }
      for (const c of await repos.customerMerges.nameCandidates(p.tenantId, me)) {
        const sim = me.name.trim() && c.name.trim() ? nameSimilarity(me.name, c.name) : 0;
        const sameCompany = !!me.company?.trim() && c.company?.trim().toLowerCase() === me.company.trim().toLowerCase();
        // A shared company alone is no evidence (colleagues); it lowers the name threshold.
        if (sim < (sameCompany ? NAME_THRESHOLD * 0.6 : NAME_THRESHOLD)) continue;
        add(c.id, { code: 'similar_name', message: `name "${c.name}" is ${Math.round(sim * 100)}% similar`, similarity: round(sim) });
        if (sameCompany) add(c.id, { code: 'same_company', message: `same company "${c.company}"` });
      }
      if (found.size === 0) return [];

      const score = (reasons: DuplicateReason[]) => {
        let s = 0;
        for (const r of reasons) {
          if (r.code === 'same_value_other_kind') s = Math.max(s, 0.9);
          if (r.code === 'similar_name') s = Math.max(s, 0.8 * r.similarity);
        }
        if (reasons.some((r) => r.code === 'same_company')) s += 0.1;
        if (reasons.some((r) => r.code === 'same_value_other_kind') && reasons.some((r) => r.code === 'similar_name')) s += 0.05;
        return round(Math.min(1, s));
      };
      const ranked = [...found.entries()].map(([cid, reasons]) => ({ cid, reasons, score: score(reasons) })).sort((a, b) => b.score - a.score || (a.cid < b.cid ? 1 : -1)).slice(0, limit);
      const ids = ranked.map((r) => r.cid);
      const rows = await Promise.all(ids.map((cid) => repos.customers.byId(p.tenantId, cid)));
      const idents = await repos.customers.identities(p.tenantId, ids);
      return ranked.flatMap((r, n) => {
        const row = rows[n];
        return row ? [{ customer: { ...row, identities: idents.filter((i) => i.customerId === r.cid) }, score: r.score, reasons: r.reasons }] : [];
      });
    },
  };
}
