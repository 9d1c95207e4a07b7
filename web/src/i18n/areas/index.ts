import { search } from './search.ts';
import { segments } from './segments.ts';
import { health } from './health.ts';
import { webhooks } from './webhooks.ts';
import { customer360 } from './customer360.ts';
import { sla } from './sla.ts';
import { orders } from './orders.ts';
import { tickets } from './tickets.ts';
import { attachments } from './attachments.ts';
import { routing } from './routing.ts';
import { agentDesk } from './desk.ts';
import { wallboard } from './wallboard.ts';
import { wallboardAlerts } from './wallboard-alerts.ts';
import { kbAssist } from './kb-assist.ts';
import { flows } from './flows.ts';
import { widgetSettings } from './widget-settings.ts';
import { helpCenter } from './help-center.ts';
import { surveys } from './surveys.ts';
import { kb } from './kb.ts';
import { kbSearch } from './kb-search.ts';
import { analytics } from './analytics.ts';
import { sentiment } from './sentiment.ts';
import { journeys } from './journeys.ts';
/**
 * Every area's strings. Each is reachable as `t('<area>.<key>')`.
 * Add an area: create `areas/<name>.ts` exporting an `AreaText`, then add one line here.
 */
export const areas = {
  attachments,
  tickets,
  sla,
  customer360,
  search,
  segments,
  health,
  webhooks,
  orders,
  routing,
  agentDesk,
  wallboard,
  wallboardAlerts,
  kbAssist,
  flows,
  kb,
  kbSearch,
  analytics,
  widgetSettings,
  helpCenter,
  surveys,
  sentiment,
  journeys,
};

export type AreaStrings = { [K in keyof typeof areas]: (typeof areas)[K]['en'] };
