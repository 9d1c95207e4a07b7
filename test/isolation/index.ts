import type { IsolationArea } from './area.ts';
import { attachmentsArea } from './attachments.ts';
import { webhooksArea } from './webhooks.ts';
import { customer360Area } from './customer-360.ts';
import { searchArea } from './search.ts';
import { segmentsArea } from './segments.ts';
import { slaArea } from './sla.ts';
import { ordersArea } from './orders.ts';
import { ticketWorkflowsArea } from './tickets-workflows.ts';
import { routingArea } from './routing.ts';
import { deskArea } from './desk.ts';
import { widgetArea } from './widget.ts';
import { widgetSettingsArea } from './widget-settings.ts';
import { wallboardArea } from './wallboard.ts';
import { sentimentArea } from './sentiment.ts';
import { wallboardAlertsArea } from './wallboard-alerts.ts';
import { kbAssistArea } from './kb-assist.ts';
import { kbSearchArea } from './kb-search.ts';
import { kbArea } from './kb.ts';
import { flowsArea } from './flows.ts';
import { helpCenterArea } from './help-center.ts';
import { surveysArea } from './surveys.ts';
import { journeysArea } from './journeys.ts';
import { analyticsSchedulesArea } from './analytics.ts';

/** Every area's part of the tenant-isolation walk. Add an area: one file in test/isolation/, one line here. */
export const isolationAreas: IsolationArea[] = [
  attachmentsArea,
  webhooksArea,
  customer360Area,
  searchArea,
  segmentsArea,
  slaArea,
  ordersArea,
  ticketWorkflowsArea,
  routingArea,
  deskArea,
  wallboardArea,
  sentimentArea,
  wallboardAlertsArea,
  kbAssistArea,
  kbSearchArea,
  kbArea,
  widgetArea,
  widgetSettingsArea,
  flowsArea,
  helpCenterArea,
  surveysArea,
  journeysArea,
  analyticsSchedulesArea,
];
