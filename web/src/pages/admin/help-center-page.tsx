import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Inbox } from '../../../../src/contracts/conversations.ts';
import { helpCenterApi, type HelpCenterSettings, type HelpCenterSettingsBody } from '../../api/help-center.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { SelectField, TextField } from '../../components/fields.tsx';
import { StatusMessage } from '../../components/status-message.tsx';
import { isLanguage, languageNames } from '../../i18n/languages.ts';
import { useDocumentTitle } from '../../lib/use-document-title.ts';
import { useSaveShortcut } from '../../lib/use-save-shortcut.ts';

const FIELDS = ['enabled', 'titles', 'themeColor', 'logoUrl', 'defaultLanguage', 'chatInboxId', 'contactForm', 'domains'];
const nameOf = (l: string) => (isLanguage(l) ? languageNames[l] : l);
const bodyOf = (s: HelpCenterSettings): HelpCenterSettingsBody => ({ enabled: s.enabled, titles: s.titles, themeColor: s.themeColor, logoUrl: s.logoUrl, defaultLanguage: s.defaultLanguage, chatInboxId: s.chatInboxId, contactForm: s.contactForm, domains: s.domains });

/** /admin/help-center: the public help center's title, theme, languages, chat widget, contact form and domains. */
export function HelpCenterPage() {
  const { t } = useTranslation();
  const id = useId();
  const [view, setView] = useState<HelpCenterSettings | null>(null);
  const [form, setForm] = useState<HelpCenterSettingsBody | null>(null);
  const [domains, setDomains] = useState('');
  const [inboxes, setInboxes] = useState<Inbox[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [status, setStatus] = useState('');
  const [busy, setBusy] = useState(false);
  const formEl = useRef<HTMLFormElement>(null);
  useDocumentTitle(t('helpCenter.title'));

  const show = (s: HelpCenterSettings) => {
    setView(s);
    setForm(bodyOf(s));
    setDomains(s.domains.join('\n'));
  };
  useEffect(() => {
    helpCenterApi.get().then(show, setError);
    helpCenterApi.chatInboxes().then(setInboxes, () => setInboxes([]));
  }, []);
  useSaveShortcut(() => formEl.current?.requestSubmit());

  async function save(e: FormEvent) {
    e.preventDefault();
    if (!form) return;
    setBusy(true);
    setError(null);
    setStatus('');
    try {
      show(await helpCenterApi.save({ ...form, domains: domains.split(/\s+/).map((d) => d.trim()).filter(Boolean) }));
      setStatus(t('helpCenter.saved'));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  if (!view || !form) {
    return (
      <section className="panel" aria-labelledby={`${id}-title`}>
        <h1 id={`${id}-title`}>{t('helpCenter.title')}</h1>
        <ErrorAlert error={error} />
        {!error && <p role="status">{t('helpCenter.loading')}</p>}
      </section>
    );
  }
  const set = <K extends keyof HelpCenterSettingsBody>(k: K, v: HelpCenterSettingsBody[K]) => setForm({ ...form, [k]: v });
  return (
    <section className="panel" aria-labelledby={`${id}-title`}>
      <h1 id={`${id}-title`}>{t('helpCenter.title')}</h1>
      <p className="hint">{t('helpCenter.intro')}</p>
      <p>
        <a href={view.url} target="_blank" rel="noreferrer">{t('helpCenter.open')}</a>
      </p>
      <ErrorAlert error={error} fields={FIELDS} />
      <StatusMessage>{status || null}</StatusMessage>
      <form ref={formEl} onSubmit={save} aria-describedby={`${id}-keys`}>
        <div className="field">
          <label>
            <input type="checkbox" checked={form.enabled} onChange={(e) => set('enabled', e.target.checked)} /> {t('helpCenter.enabled')}
          </label>
        </div>
        {view.languages.map((l) => (
          <TextField key={l} lang={l} label={t('helpCenter.siteTitle', { language: nameOf(l) })} value={form.titles[l] ?? ''} maxLength={120} onChange={(e) => set('titles', { ...form.titles, [l]: e.target.value })} />
        ))}
        <SelectField label={t('helpCenter.defaultLanguage')} value={form.defaultLanguage} onChange={(e) => set('defaultLanguage', e.target.value)} options={view.languages.map((l) => [l, nameOf(l), l] as const)} />
        <TextField label={t('helpCenter.color')} hint={t('helpCenter.colorHint')} value={form.themeColor} pattern="#[0-9a-fA-F]{6}" onChange={(e) => set('themeColor', e.target.value)} />
        <TextField label={t('helpCenter.logoUrl')} hint={t('helpCenter.logoHint')} type="url" value={form.logoUrl ?? ''} onChange={(e) => set('logoUrl', e.target.value.trim() ? e.target.value.trim() : null)} />
        <SelectField label={t('helpCenter.chatInbox')} value={form.chatInboxId ?? ''} onChange={(e) => set('chatInboxId', e.target.value || null)} options={[['', t('helpCenter.noChat')] as const, ...inboxes.map((i) => [i.id, i.name] as const)]} />
        <div className="field">
          <label>
            <input type="checkbox" checked={form.contactForm} onChange={(e) => set('contactForm', e.target.checked)} /> {t('helpCenter.contactForm')}
          </label>
        </div>
        <div className="field">
          <label htmlFor={`${id}-domains`}>{t('helpCenter.domains')}</label>
          <textarea id={`${id}-domains`} rows={3} value={domains} onChange={(e) => setDomains(e.target.value)} aria-describedby={`${id}-domains-hint`} />
          <p id={`${id}-domains-hint`} className="hint">{t('helpCenter.domainsHint')}</p>
        </div>
        <p id={`${id}-keys`} className="hint">{t('helpCenter.saveHint')}</p>
        <button type="submit" className="primary" disabled={busy} aria-keyshortcuts="Control+S">{t('helpCenter.save')}</button>
      </form>
    </section>
  );
}
