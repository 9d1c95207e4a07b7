import type { AtRiskItem, CustomerHealth, HealthFactorDto } from '../../contracts/health.ts';
import type { AtRiskRow, HealthRow } from '../../storage/health.repo.ts';
import type { Segment, SegmentMember } from '../../contracts/segments.ts';
import type { MemberRow, SegmentRow } from '../../storage/segments.repo.ts';

export const healthDto = (h: HealthRow): CustomerHealth => ({
  customerId: h.customerId,
  score: h.score,
  band: h.band,
  factors: h.factors as HealthFactorDto[],
  computedAt: h.computedAt.toISOString(),
});

export const atRiskDto = (r: AtRiskRow): AtRiskItem => ({
  ...healthDto(r),
  customer: { id: r.customerId, name: r.name, company: r.company, tags: r.tags },
});

export const segmentDto = (s: SegmentRow): Segment => ({
  id: s.id,
  name: s.name,
  description: s.description,
  definition: s.definition,
  createdBy: s.createdBy,
  memberCount: s.memberCount,
  countComputedAt: s.countComputedAt?.toISOString() ?? null,
  createdAt: s.createdAt.toISOString(),
  updatedAt: s.updatedAt.toISOString(),
});

export const memberDto = (m: MemberRow): SegmentMember => ({
  id: m.id,
  name: m.name,
  company: m.company,
  language: m.language,
  tags: m.tags,
  healthScore: m.healthScore,
  healthBand: m.healthBand,
});
