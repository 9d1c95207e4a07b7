import type { Page } from '../../../src/contracts/common.ts';
import type { Inbox } from '../../../src/contracts/conversations.ts';
import type { BusinessCalendar } from '../../../src/contracts/sla.ts';
import type { WidgetSettings, WidgetSettingsView } from '../../../src/contracts/widget.ts';
import { api } from './client.ts';

const enc = encodeURIComponent;
export type { WidgetSettings, WidgetSettingsView };

/** Admins: a chat inbox's widget settings, the chat inboxes to pick from, the calendars for business hours, the identity secret. */
export const widgetSettingsApi = {
  chatInboxes: async (): Promise<Inbox[]> => {
    const out: Inbox[] = [];
    let cursor: string | undefined;
    do {
      const p = await api.get<Page<Inbox>>('/api/v1/inboxes', { limit: 200, cursor });
      out.push(...p.items.filter((i) => i.channel === 'chat'));
      cursor = p.nextCursor ?? undefined;
    } while (cursor);
    return out;
  },
  calendars: async (): Promise<BusinessCalendar[]> => {
    const out: BusinessCalendar[] = [];
    let cursor: string | undefined;
    do {
      const p = await api.get<Page<BusinessCalendar>>('/api/v1/business-calendars', { limit: 200, cursor });
      out.push(...p.items);
      cursor = p.nextCursor ?? undefined;
    } while (cursor && out.length < 1000);
    return out;
  },
  get: (inboxId: string) => api.get<WidgetSettingsView>(`/api/v1/inboxes/${enc(inboxId)}/widget-settings`),
  save: (inboxId: string, settings: WidgetSettings) => api.put<WidgetSettingsView>(`/api/v1/inboxes/${enc(inboxId)}/widget-settings`, settings),
  rotateSecret: (inboxId: string) => api.post<{ inboxId: string; identitySecret: string }>(`/api/v1/inboxes/${enc(inboxId)}/identity-secret`),
};
