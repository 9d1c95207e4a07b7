import { z } from 'zod';

/** The help center's admin settings (what crosses the wire; the web admin page imports it too). */
const language = z.string().regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/, 'a language code like en, cy or zh-Hant');
const domain = z
  .string()
  .trim()
  .toLowerCase()
  .max(253)
  .regex(/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$/, 'a host name like help.example.com (no scheme, port or path)');

export const helpCenterSettingsBody = z.object({
  enabled: z.boolean(),
  titles: z.record(language, z.string().trim().max(120)).default({}),
  themeColor: z.string().regex(/^#[0-9a-fA-F]{6}$/, 'a colour like #1d4ed8'),
  logoUrl: z.url({ protocol: /^https$/, error: 'an https:// address of an image' }).max(2000).nullable(),
  defaultLanguage: language,
  chatInboxId: z.uuid().nullable(),
  contactForm: z.boolean(),
  domains: z.array(domain).max(10).default([]),
});
export type HelpCenterSettingsBody = z.infer<typeof helpCenterSettingsBody>;

export const helpCenterSettings = helpCenterSettingsBody.extend({
  /** The public address of the help center (path form). */
  url: z.string(),
  /** The tenant's languages: what the help center may be offered in. */
  languages: z.array(z.string()),
  updatedAt: z.string().nullable(),
});
export type HelpCenterSettings = z.infer<typeof helpCenterSettings>;
