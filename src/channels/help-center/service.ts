import type { CoreDeps } from '../../core/deps.ts';
import { submitContact, type ContactInput } from './contact.ts';
import { helpCenterSettingsActions } from './settings.ts';
import { createHelpCenterSite, type HelpCenterSiteOptions } from './site.ts';

/** The help center: admin settings, the public site (pages, cache, votes, views) and the contact form. */
export function createHelpCenterService(d: CoreDeps, o: HelpCenterSiteOptions = {}) {
  const site = createHelpCenterSite(d, o);
  return {
    ...helpCenterSettingsActions(d, { onChange: (tenantId) => site.onEvent({ tenantId, type: 'help_center.settings_updated' }) }),
    site,
    contact: (tenantId: string, lang: string, input: ContactInput, nowMs: number) => submitContact(d, tenantId, lang, input, nowMs),
    /** Follows committed events (main.ts): KB changes drop the tenant's cached pages. */
    onEvent: (e: { tenantId: string; type: string }) => site.onEvent(e),
  };
}
export type HelpCenterService = ReturnType<typeof createHelpCenterService>;
