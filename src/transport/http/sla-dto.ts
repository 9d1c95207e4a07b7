import type { BusinessCalendar, SlaPolicy } from '../../contracts/sla.ts';
import type { CalendarRow } from '../../storage/business-calendars.repo.ts';
import type { PolicyRow } from '../../storage/sla-policies.repo.ts';

/** Calendar and policy rows to wire shapes. */
export const calendarDto = (c: CalendarRow): BusinessCalendar => ({
  id: c.id,
  name: c.name,
  timeZone: c.timeZone,
  hours: c.hours,
  holidays: c.holidays,
  teamId: c.teamId,
  isDefault: c.isDefault,
  createdAt: c.createdAt.toISOString(),
  updatedAt: c.updatedAt.toISOString(),
});

export const policyDto = (p: PolicyRow): SlaPolicy => ({
  id: p.id,
  name: p.name,
  description: p.description,
  position: p.position,
  active: p.active,
  conditions: { priorities: p.priorities, segmentId: p.segmentId, customerTags: p.customerTags },
  targets: { firstResponse: p.firstResponseMinutes, nextResponse: p.nextResponseMinutes, resolution: p.resolutionMinutes },
  calendar: { mode: p.calendarMode, calendarId: p.calendarId },
  nearBreach: { percent: p.nearBreachPercent, minutes: p.nearBreachMinutes },
  escalation: { reassignToUserId: p.escalateToUserId, reassignToTeamId: p.escalateToTeamId, notifySupervisors: p.notifySupervisors },
  createdAt: p.createdAt.toISOString(),
  updatedAt: p.updatedAt.toISOString(),
});
