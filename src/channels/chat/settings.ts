import { z } from 'zod';
import { languages, type Language } from '../../contracts/common.ts';
import {
  PRECHAT_OPTION_VALUE, prechatField, WIDGET_DEFAULT_CONTENT_TYPES, WIDGET_DEFAULT_MAX_BYTES,
  type PrechatField, type WidgetSettings, type WidgetSettingsView,
} from '../../contracts/widget.ts';
import type { CoreDeps } from '../../core/deps.ts';
import type { Principal } from '../../core/auth/principal.ts';
import { AppError, invalid, notFound } from '../../core/errors.ts';
import { draftEvent } from '../../core/events/draft.ts';
import { writeAudit } from '../../core/audit.ts';

const lang = z.enum(languages);
const localized = z.partialRecord(lang, z.string().max(2000));
const isHttps = (s: string) => {
  try {
    return new URL(s).protocol === 'https:';
  } catch {
    return false;
  }
};

/**
 * A chat inbox's `settings` as the widget reads them. Every field has a default, and a malformed
 * field falls back to its default rather than taking the widget down.
 */
export const chatSettings = z.object({
  enabled: z.boolean().catch(false).default(false),
  /** The widget header's name; none = the inbox's name. */
  title: z.string().trim().min(1).max(80).nullable().catch(null).default(null),
  identitySecret: z.string().min(16).optional().catch(undefined),
  languages: z.array(lang).min(1).catch(['en']).default(['en']),
  greeting: localized.catch({}).default({}),
  theme: z
    .object({
      color: z.string().regex(/^#[0-9a-fA-F]{6}$/).catch('#1f6feb').default('#1f6feb'),
      position: z.enum(['left', 'right']).catch('right').default('right'),
      logoUrl: z.string().max(2000).refine(isHttps).nullable().catch(null).default(null),
    })
    .catch({ color: '#1f6feb', position: 'right', logoUrl: null })
    .default({ color: '#1f6feb', position: 'right', logoUrl: null }),
  prechatFields: z.array(prechatField).max(10).catch([]).default([]),
  /** A business calendar id (src/core/sla); none = always open. */
  calendarId: z.uuid().nullable().catch(null).default(null),
  closedMessage: localized.catch({}).default({}),
  attachments: z
    .object({ maxBytes: z.number().int().min(1).catch(WIDGET_DEFAULT_MAX_BYTES), contentTypes: z.array(z.string()).catch([...WIDGET_DEFAULT_CONTENT_TYPES]) })
    .catch({ maxBytes: WIDGET_DEFAULT_MAX_BYTES, contentTypes: [...WIDGET_DEFAULT_CONTENT_TYPES] })
    .default({ maxBytes: WIDGET_DEFAULT_MAX_BYTES, contentTypes: [...WIDGET_DEFAULT_CONTENT_TYPES] }),
  csat: z.boolean().catch(true).default(true),
});
export type ChatSettings = z.infer<typeof chatSettings>;

export const parseChatSettings = (raw: unknown): ChatSettings => chatSettings.parse(raw && typeof raw === 'object' ? raw : {});

export const isLanguage = (s: unknown): s is Language => typeof s === 'string' && (languages as readonly string[]).includes(s);

/**
 * Pre-chat answers checked against the inbox's fields: a select answer must be one of its options
 * (a 400 naming `prechat.<key>` otherwise). Returns the tags the answers add to a new customer:
 * the chosen values of `tag: true` selects, never free text.
 */
export function prechatSelections(fields: readonly PrechatField[], prechat: Record<string, string>): { tags: string[] } {
  const tags: string[] = [];
  const problems: { path: string; message: string }[] = [];
  for (const f of fields) {
    if (f.type !== 'select' || !(f.key in prechat)) continue;
    const v = prechat[f.key]!.trim();
    if (!v && !f.required) continue;
    const allowed = (f.options ?? []).map((o) => o.value);
    if (!PRECHAT_OPTION_VALUE.test(v) || !allowed.includes(v)) {
      problems.push({ path: `prechat.${f.key}`, message: `must be one of: ${allowed.join(', ')}` });
      continue;
    }
    if (f.tag && !tags.includes(v)) tags.push(v);
  }
  if (problems.length) throw invalid(`The pre-chat answer ${problems.map((p) => p.path).join(', ')} is not one of the choices`, problems);
  return { tags };
}

const CONTENT_TYPE = /^[a-z0-9][a-z0-9!#$&^_.+-]{0,126}\/[a-z0-9][a-z0-9!#$&^_.+-]{0,126}$/;
const trimText = (t: Partial<Record<Language, string>>) => Object.fromEntries(Object.entries(t).map(([k, v]) => [k, v.slice(0, 2000)]));

/** Stored settings (read leniently, defaults filled in) in the shape an admin edits. */
export function widgetSettingsOf(raw: unknown): WidgetSettings {
  const s = parseChatSettings(raw);
  const types = s.attachments.contentTypes.map((x) => x.toLowerCase()).filter((x) => CONTENT_TYPE.test(x)).slice(0, 30);
  return {
    enabled: s.enabled,
    title: s.title,
    languages: [...new Set(s.languages)],
    greeting: trimText(s.greeting),
    closedMessage: trimText(s.closedMessage),
    theme: s.theme,
    prechatFields: s.prechatFields,
    calendarId: s.calendarId,
    attachments: { maxBytes: Math.min(Math.max(s.attachments.maxBytes, 1024), 1024 ** 3), contentTypes: types.length ? types : [...WIDGET_DEFAULT_CONTENT_TYPES] },
    csat: s.csat,
  };
}

const WIDGET_KEYS = ['enabled', 'title', 'languages', 'greeting', 'closedMessage', 'theme', 'prechatFields', 'calendarId', 'attachments', 'csat'] as const;

/** Admins' screen for a chat inbox's widget: read and replace its settings (never the identity secret). */
export function createWidgetSettingsService(d: CoreDeps) {
  async function chatInbox(tenantId: string, id: string) {
    const inbox = await d.repos.inboxes.byId(tenantId, id);
    // Another workspace's inbox and a non-chat inbox look the same: not found.
    if (!inbox || inbox.channel !== 'chat') throw notFound('Chat inbox');
    return inbox;
  }
  const view = (inbox: { id: string; name: string; settings: Record<string, unknown> }): WidgetSettingsView => ({
    inboxId: inbox.id,
    name: inbox.name,
    settings: widgetSettingsOf(inbox.settings),
    hasIdentitySecret: typeof inbox.settings.identitySecret === 'string' && inbox.settings.identitySecret.length >= 16,
  });

  return {
    async get(p: Principal, id: string): Promise<WidgetSettingsView> {
      return view(await chatInbox(p.tenantId, id));
    },

    /** Replaces the widget settings; the identity secret and any other keys (e.g. `demo`) are kept. */
    async put(p: Principal, id: string, next: WidgetSettings, meta: { ip: string | null }): Promise<WidgetSettingsView> {
      const at = d.clock.now();
      await d.uow(async (r) => {
        const inbox = await r.inboxes.byId(p.tenantId, id);
        if (!inbox || inbox.channel !== 'chat') throw notFound('Chat inbox');
        if (next.calendarId && !(await r.businessCalendars.byId(p.tenantId, next.calendarId))) {
          throw new AppError('invalid', 'The business-hours calendar was not found; pick one of the workspace’s calendars', [{ path: 'calendarId', message: 'no such business calendar' }]);
        }
        const before = widgetSettingsOf(inbox.settings);
        const changed = WIDGET_KEYS.filter((k) => JSON.stringify(before[k]) !== JSON.stringify(next[k]));
        const settings: Record<string, unknown> = { ...inbox.settings };
        for (const k of WIDGET_KEYS) settings[k] = next[k];
        await r.inboxes.update(p.tenantId, id, { settings });
        await r.events.append(p.tenantId, [draftEvent(d.newId, {
          type: 'inbox.widget_settings_updated', aggregateType: 'inbox', aggregateId: id, actorId: p.userId, payload: { changed, enabled: next.enabled },
        })], at);
        await writeAudit(r, d.newId, at, { tenantId: p.tenantId, actorId: p.userId, action: 'inbox.widget_settings_updated', targetType: 'inbox', targetId: id, ip: meta.ip, details: { changed } });
      });
      return view(await chatInbox(p.tenantId, id));
    },
  };
}
export type WidgetSettingsService = ReturnType<typeof createWidgetSettingsService>;
