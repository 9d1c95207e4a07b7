import type { Page } from '../../../src/contracts/common.ts';
import type { Inbox } from '../../../src/contracts/conversations.ts';
import type { HelpCenterSettings, HelpCenterSettingsBody } from '../../../src/channels/help-center/contract.ts';
import { api } from './client.ts';

export type { HelpCenterSettings, HelpCenterSettingsBody };

/** Admins: the public help center's settings and the chat inboxes it may embed. */
export const helpCenterApi = {
  get: () => api.get<HelpCenterSettings>('/api/v1/help-center/settings'),
  save: (body: HelpCenterSettingsBody) => api.put<HelpCenterSettings>('/api/v1/help-center/settings', body),
  chatInboxes: async (): Promise<Inbox[]> => {
    const out: Inbox[] = [];
    let cursor: string | undefined;
    do {
      const p = await api.get<Page<Inbox>>('/api/v1/inboxes', { limit: 200, cursor });
      out.push(...p.items.filter((i) => i.channel === 'chat'));
      cursor = p.nextCursor ?? undefined;
    } while (cursor && out.length < 1000);
    return out;
  },
};
