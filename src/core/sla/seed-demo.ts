import type { IdGen } from '../context.ts';
import type { Repos } from '../../storage/repos.ts';

const weekday = [{ start: '09:00', end: '17:30' }];

/**
 * The demo workspace's business hours (London office, weekdays 09:00–17:30, UK bank holidays of
 * the season) and two SLA policies, so a fresh install shows countdowns on its tickets. Runs
 * before the demo tickets are created, inside the seed's transaction.
 */
export async function seedDemoSla(r: Repos, tenantId: string, newId: IdGen, now: Date): Promise<void> {
  const calendarId = newId();
  await r.businessCalendars.insert({
    id: calendarId, tenantId, name: 'London office hours', timeZone: 'Europe/London',
    hours: { mon: weekday, tue: weekday, wed: weekday, thu: weekday, fri: weekday },
    holidays: ['2026-12-25', '2026-12-28', '2027-01-01'], teamId: null, isDefault: true, at: now,
  });
  const common = {
    description: '', active: true, segmentId: null, customerTags: [], calendarMode: 'calendar' as const, calendarId,
    nearBreachPercent: 80, nearBreachMinutes: null, escalateToUserId: null, escalateToTeamId: null,
  };
  await r.slaPolicies.insert(newId(), tenantId, {
    ...common, name: 'Urgent and high', priorities: ['urgent', 'high'],
    firstResponseMinutes: 60, nextResponseMinutes: 120, resolutionMinutes: 8 * 60, notifySupervisors: true,
  }, now);
  await r.slaPolicies.insert(newId(), tenantId, {
    ...common, name: 'Standard', priorities: [],
    firstResponseMinutes: 4 * 60, nextResponseMinutes: 8 * 60, resolutionMinutes: 3 * 8.5 * 60, notifySupervisors: false,
  }, now);
}
