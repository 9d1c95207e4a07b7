import type { Page } from '../../contracts/common.ts';
import { segmentDefinition, type SegmentDefinition } from '../../contracts/segments.ts';
import type { Repos } from '../../storage/repos.ts';
import type { MemberRow } from '../../storage/segments.repo.ts';
import type { PageArgs } from '../../storage/paginate.ts';
import { AppError, notFound } from '../errors.ts';
import { compileSegment } from './compile.ts';

type SegmentRepos = Pick<Repos, 'segments'>;

/** A stored definition, checked again (it is data from the database, and the contract may have grown stricter). */
export function storedDefinition(raw: unknown, segmentId: string): SegmentDefinition {
  const r = segmentDefinition.safeParse(raw);
  if (!r.success) throw new AppError('conflict', `Segment ${segmentId} has a definition this version cannot read; open it in the editor and save it again`);
  return r.data;
}

/** How many live customers of the tenant match the definition as of `now`. */
export function countSegment(repos: SegmentRepos, tenantId: string, def: SegmentDefinition, now: Date): Promise<number> {
  return repos.segments.count(tenantId, compileSegment(def, now));
}

/** Members of the definition in id order, cursor pages. */
export function segmentMembers(repos: SegmentRepos, tenantId: string, def: SegmentDefinition, now: Date, page: PageArgs): Promise<Page<MemberRow>> {
  return repos.segments.members(tenantId, compileSegment(def, now), page);
}

/**
 * Is this customer in the saved segment (as of `now`)? For other capabilities (SLA policies,
 * campaigns): 404 when the segment is not in the tenant; false for a customer of another tenant.
 */
export async function customerInSegment(repos: SegmentRepos, tenantId: string, segmentId: string, customerId: string, now: Date = new Date()): Promise<boolean> {
  const s = await repos.segments.byId(tenantId, segmentId);
  if (!s) throw notFound('Segment');
  return repos.segments.hasMember(tenantId, customerId, compileSegment(storedDefinition(s.definition, s.id), now));
}
