import { randomBytes } from 'node:crypto';
import type { Principal } from '../../core/auth/principal.ts';
import type { CoreDeps } from '../../core/deps.ts';
import { AppError, invalid } from '../../core/errors.ts';
import { draftEvent } from '../../core/events/draft.ts';
import type { HelpCenterSettingsRow } from '../../storage/help-center.repo.ts';
import type { HelpCenterSettings, HelpCenterSettingsBody } from './contract.ts';

export const defaultHelpCenterSettings = (defaultLanguage: string): Omit<HelpCenterSettingsRow, 'tenantId' | 'formSecret' | 'updatedAt'> => ({
  enabled: false, titles: {}, themeColor: '#1d4ed8', logoUrl: null, defaultLanguage, chatInboxId: null, contactForm: true,
});
export const newFormSecret = () => randomBytes(32).toString('base64url');

/** Admin side of the help center: one settings row per tenant plus its custom domains. */
export function helpCenterSettingsActions(d: CoreDeps, o: { onChange?: (tenantId: string) => void } = {}) {
  async function get(p: Principal): Promise<HelpCenterSettings> {
    const [tenant, row, domains] = await Promise.all([d.repos.tenants.byId(p.tenantId), d.repos.helpCenter.settings(p.tenantId), d.repos.helpCenter.domains(p.tenantId)]);
    const languages = tenant?.languages?.length ? tenant.languages : ['en'];
    const s = row ?? defaultHelpCenterSettings(languages[0]!);
    return {
      enabled: s.enabled, titles: s.titles, themeColor: s.themeColor, logoUrl: s.logoUrl, defaultLanguage: s.defaultLanguage, chatInboxId: s.chatInboxId, contactForm: s.contactForm,
      domains, languages, url: `/help/${tenant?.slug ?? ''}`, updatedAt: row ? new Date(row.updatedAt).toISOString() : null,
    };
  }

  return {
    getHelpCenterSettings: get,

    async updateHelpCenterSettings(p: Principal, input: HelpCenterSettingsBody): Promise<HelpCenterSettings> {
      const now = d.clock.now();
      const tenant = await d.repos.tenants.byId(p.tenantId);
      const languages = tenant?.languages?.length ? tenant.languages : ['en'];
      const issues: { path: string; message: string }[] = [];
      if (!languages.includes(input.defaultLanguage)) issues.push({ path: 'defaultLanguage', message: `not one of the workspace's languages (${languages.join(', ')})` });
      for (const l of Object.keys(input.titles)) if (!languages.includes(l)) issues.push({ path: `titles.${l}`, message: `not one of the workspace's languages (${languages.join(', ')})` });
      const domains = [...new Set(input.domains)];
      if (input.chatInboxId) {
        const inbox = await d.repos.inboxes.byId(p.tenantId, input.chatInboxId);
        if (!inbox || inbox.channel !== 'chat') issues.push({ path: 'chatInboxId', message: 'no such chat inbox in this workspace' });
      }
      if (issues.length) throw invalid(`The help center settings are not valid: ${issues.map((i) => `${i.path} (${i.message})`).join(', ')}`, issues);
      const titles = Object.fromEntries(Object.entries(input.titles).filter(([, v]) => v.length > 0));
      await d.uow(async (r) => {
        const taken = await r.helpCenter.takenDomains(p.tenantId, domains);
        if (taken.length) throw new AppError('conflict', `The domain ${taken.join(', ')} is already used by another workspace's help center; choose another`, taken.map((t) => ({ path: `domains.${domains.indexOf(t)}`, message: 'already in use' })));
        const before = await r.helpCenter.settings(p.tenantId);
        await r.helpCenter.saveSettings(p.tenantId, { ...input, titles }, before?.formSecret ?? newFormSecret(), now);
        await r.helpCenter.replaceDomains(p.tenantId, domains, now);
        await r.events.append(p.tenantId, [draftEvent(d.newId, {
          type: 'help_center.settings_updated', aggregateType: 'help_center', aggregateId: p.tenantId, actorId: p.userId,
          payload: { enabled: input.enabled, domains, chatInboxId: input.chatInboxId, contactForm: input.contactForm },
        })], now);
      }).catch((e: unknown) => {
        // Two workspaces saving the same new domain at once: the primary key decides.
        if (e instanceof AppError) throw e;
        if (String((e as { code?: unknown })?.code) === '23505') throw new AppError('conflict', 'One of these domains was just taken by another workspace; choose another', [{ path: 'domains', message: 'already in use' }]);
        throw e;
      });
      o.onChange?.(p.tenantId);
      return get(p);
    },
  };
}
