import type { Repos } from '../../storage/repos.ts';
import type { IdGen } from '../../core/context.ts';
import { draftEvent } from '../../core/events/draft.ts';
import { newFormSecret } from './settings.ts';

/** The demo tenant's help center: on, titled in six languages, with the demo chat widget (after seedDemoWidget). */
export async function seedDemoHelpCenter(r: Repos, tenantId: string, newId: IdGen, now: Date): Promise<void> {
  const chat = (await r.inboxes.list(tenantId, { limit: 100 })).items.find((i) => i.channel === 'chat' && (i.settings as { demo?: unknown }).demo === true);
  const titles = { en: 'Bennett & Hale Help', cy: 'Cymorth Bennett & Hale', pl: 'Pomoc Bennett & Hale', hi: 'Bennett & Hale सहायता', 'zh-Hans': 'Bennett & Hale 帮助中心', 'zh-Hant': 'Bennett & Hale 說明中心' };
  await r.helpCenter.saveSettings(tenantId, { enabled: true, titles, themeColor: '#7a4b22', logoUrl: null, defaultLanguage: 'en', chatInboxId: chat?.id ?? null, contactForm: true }, newFormSecret(), now);
  await r.events.append(tenantId, [draftEvent(newId, { type: 'help_center.settings_updated', aggregateType: 'help_center', aggregateId: tenantId, actorId: null, payload: { enabled: true, domains: [], chatInboxId: chat?.id ?? null, contactForm: true, source: 'seed' } })], now);
}
