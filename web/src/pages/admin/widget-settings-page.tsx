import { useCallback, useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import type { Inbox } from '../../../../src/contracts/conversations.ts';
import type { BusinessCalendar } from '../../../../src/contracts/sla.ts';
import { widgetSettingsApi, type WidgetSettings, type WidgetSettingsView } from '../../api/widget-settings.ts';
import { CopyField } from '../../components/copy-field.tsx';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { SelectField, TextField } from '../../components/fields.tsx';
import { StatusMessage } from '../../components/status-message.tsx';
import { languageNames, supportedLanguages } from '../../i18n/languages.ts';
import { useDocumentTitle } from '../../lib/use-document-title.ts';
import { useSaveShortcut } from '../../lib/use-save-shortcut.ts';
import { issuesAt, LocalizedFields } from './widget-localized-fields.tsx';
import { PrechatEditor } from './widget-prechat-editor.tsx';

const TOP_FIELDS = ['enabled', 'languages', 'greeting', 'closedMessage', 'theme', 'prechatFields', 'calendarId', 'attachments', 'csat'];
const MB = 1024 * 1024;
const HEX = /^#[0-9a-fA-F]{6}$/;

/** /admin/chat-widget: a chat inbox's widget settings, its embed code and identity secret. */
export function WidgetSettingsPage() {
  const { t } = useTranslation();
  const id = useId();
  const [params, setParams] = useSearchParams();
  const [inboxes, setInboxes] = useState<Inbox[] | null>(null);
  const [calendars, setCalendars] = useState<BusinessCalendar[]>([]);
  const [view, setView] = useState<WidgetSettingsView | null>(null);
  const [form, setForm] = useState<WidgetSettings | null>(null);
  const [maxMb, setMaxMb] = useState('');
  const [types, setTypes] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [status, setStatus] = useState('');
  const [busy, setBusy] = useState(false);
  const [secret, setSecret] = useState<string | null>(null);
  useDocumentTitle(t('widgetSettings.title'));

  const inboxId = params.get('inbox') ?? inboxes?.[0]?.id ?? '';
  useEffect(() => {
    widgetSettingsApi.chatInboxes().then(setInboxes, setError);
    widgetSettingsApi.calendars().then(setCalendars, () => setCalendars([]));
  }, []);

  const show = useCallback((v: WidgetSettingsView) => {
    setView(v);
    setForm(v.settings);
    setMaxMb(String(+(v.settings.attachments.maxBytes / MB).toFixed(3)));
    setTypes(v.settings.attachments.contentTypes.join('\n'));
  }, []);
  useEffect(() => {
    if (!inboxId) return;
    setView(null);
    setForm(null);
    setSecret(null);
    setError(null);
    setStatus('');
    widgetSettingsApi.get(inboxId).then(show, setError);
  }, [inboxId, show]);

  const formRef = useRef<WidgetSettings | null>(null);
  formRef.current = form;
  const save = useCallback(async () => {
    const f = formRef.current;
    if (!f || !inboxId) return;
    setBusy(true);
    setError(null);
    setStatus('');
    try {
      const v = await widgetSettingsApi.save(inboxId, f);
      show(v);
      setStatus(t('widgetSettings.saved', { name: v.name }));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }, [inboxId, show, t]);

  // Ctrl+S (Cmd+S) saves from anywhere on the page.
  useSaveShortcut(() => void save());

  async function rotate() {
    if (!view || !window.confirm(t('widgetSettings.confirmRotate', { name: view.name }))) return;
    try {
      const r = await widgetSettingsApi.rotateSecret(view.inboxId);
      setSecret(r.identitySecret);
      setView({ ...view, hasIdentitySecret: true });
      setStatus(t('widgetSettings.rotated'));
    } catch (err) {
      setError(err);
    }
  }

  const patch = (p: Partial<WidgetSettings>) => form && setForm({ ...form, ...p });
  const theme = (p: Partial<WidgetSettings['theme']>) => form && setForm({ ...form, theme: { ...form.theme, ...p } });
  const err = (path: string) => issuesAt(error, path);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void save();
  };
  const snippet = view ? `<script src="${window.location.origin}/widget.js" data-inbox="${view.inboxId}" async></script>` : '';

  return (
    <section className="panel widget-settings" aria-labelledby={`${id}-title`}>
      <h1 id={`${id}-title`}>{t('widgetSettings.title')}</h1>
      <p className="hint">{t('widgetSettings.intro')}</p>
      <ErrorAlert error={error} fields={TOP_FIELDS} />
      <StatusMessage>{status || null}</StatusMessage>
      {inboxes && inboxes.length === 0 && <p className="empty">{t('widgetSettings.noInboxes')}</p>}
      {inboxes && inboxes.length > 0 && (
        <SelectField label={t('widgetSettings.inbox')} value={inboxId} options={inboxes.map((i) => [i.id, i.name] as const)} onChange={(e) => setParams({ inbox: e.target.value }, { replace: true })} />
      )}
      {inboxId && !form && !error && <p className="hint" role="status">{t('widgetSettings.loadingSettings')}</p>}
      {form && view && (
        <form onSubmit={submit} noValidate aria-describedby={`${id}-save-hint`}>
          <h2>{t('widgetSettings.general')}</h2>
          <div className="field">
            <label className="check">
              <input type="checkbox" checked={form.enabled} onChange={(e) => patch({ enabled: e.target.checked })} /> {t('widgetSettings.enabled')}
            </label>
          </div>
          <TextField
            label={t('widgetSettings.headerName')}
            value={form.title ?? ''}
            maxLength={80}
            hint={t('widgetSettings.headerNameHint', { example: form.title || view.name, inbox: view.name })}
            error={err('title')}
            onChange={(e) => patch({ title: e.target.value.trim() ? e.target.value : null })}
          />
          <div className="form-row">
            <div className="field">
              <label htmlFor={`${id}-color`}>{t('widgetSettings.color')}</label>
              <input id={`${id}-color`} type="color" value={HEX.test(form.theme.color) ? form.theme.color.toLowerCase() : '#000000'} onChange={(e) => theme({ color: e.target.value })} />
            </div>
            <TextField label={t('widgetSettings.colorHex')} value={form.theme.color} maxLength={7} hint={t('widgetSettings.colorHint')} error={err('theme.color')} onChange={(e) => theme({ color: e.target.value.trim() })} />
            <SelectField
              label={t('widgetSettings.position')}
              value={form.theme.position}
              options={(['right', 'left'] as const).map((p) => [p, t(`widgetSettings.positions.${p}`)] as const)}
              error={err('theme.position')}
              onChange={(e) => theme({ position: e.target.value as 'left' | 'right' })}
            />
          </div>
          <TextField label={t('widgetSettings.logoUrl')} type="url" inputMode="url" value={form.theme.logoUrl ?? ''} hint={t('widgetSettings.logoHint')} error={err('theme.logoUrl')} onChange={(e) => theme({ logoUrl: e.target.value.trim() || null })} />
          <fieldset aria-describedby={err('languages') ? `${id}-lang-error` : undefined}>
            <legend>{t('widgetSettings.languages')}</legend>
            {supportedLanguages.map((l) => (
              <label key={l} className="check" style={{ marginInlineEnd: '1rem' }} lang={l}>
                <input
                  type="checkbox"
                  checked={form.languages.includes(l)}
                  onChange={(e) => patch({ languages: e.target.checked ? supportedLanguages.filter((x) => x === l || form.languages.includes(x)) : form.languages.filter((x) => x !== l) })}
                />{' '}
                {languageNames[l]}
              </label>
            ))}
            {err('languages') && <p id={`${id}-lang-error`} className="field-error">{err('languages')}</p>}
          </fieldset>
          <SelectField
            label={t('widgetSettings.calendar')}
            value={form.calendarId ?? ''}
            options={[['', t('widgetSettings.alwaysOpen')] as const, ...calendars.map((c) => [c.id, c.name] as const)]}
            error={err('calendarId')}
            onChange={(e) => patch({ calendarId: e.target.value || null })}
          />
          <div className="field">
            <label className="check">
              <input type="checkbox" checked={form.csat} onChange={(e) => patch({ csat: e.target.checked })} /> {t('widgetSettings.csat')}
            </label>
          </div>

          <h2>{t('widgetSettings.texts')}</h2>
          <LocalizedFields legend={t('widgetSettings.greeting')} multiline value={form.greeting} error={err('greeting')} onChange={(greeting) => patch({ greeting })} />
          <LocalizedFields legend={t('widgetSettings.closedMessage')} multiline value={form.closedMessage} error={err('closedMessage')} onChange={(closedMessage) => patch({ closedMessage })} />

          <h2>{t('widgetSettings.attachments')}</h2>
          <div className="form-row">
            <TextField
              label={t('widgetSettings.maxSize')}
              type="number"
              min={0.001}
              step="any"
              value={maxMb}
              error={err('attachments.maxBytes')}
              onChange={(e) => {
                setMaxMb(e.target.value);
                const n = Number(e.target.value);
                patch({ attachments: { ...form.attachments, maxBytes: Number.isFinite(n) ? Math.round(n * MB) : 0 } });
              }}
            />
            <div className="field">
              <label htmlFor={`${id}-types`}>{t('widgetSettings.contentTypes')}</label>
              <textarea
                id={`${id}-types`}
                rows={4}
                value={types}
                aria-describedby={`${id}-types-hint${err('attachments.contentTypes') ? ` ${id}-types-error` : ''}`}
                aria-invalid={err('attachments.contentTypes') ? true : undefined}
                onChange={(e) => {
                  setTypes(e.target.value);
                  patch({ attachments: { ...form.attachments, contentTypes: e.target.value.split('\n').map((s) => s.trim()).filter(Boolean) } });
                }}
              />
              <p id={`${id}-types-hint`} className="hint">{t('widgetSettings.contentTypesHint')}</p>
              {err('attachments.contentTypes') && <p id={`${id}-types-error`} className="field-error">{err('attachments.contentTypes')}</p>}
            </div>
          </div>

          <PrechatEditor fields={form.prechatFields} error={error} onChange={(prechatFields) => patch({ prechatFields })} />

          <div className="actions">
            <button type="submit" className="primary" disabled={busy} aria-keyshortcuts="Control+S">
              {t('widgetSettings.save')}
            </button>
            <span id={`${id}-save-hint`} className="hint">{t('widgetSettings.saveHint')}</span>
          </div>
        </form>
      )}
      {view && (
        <>
          <h2>{t('widgetSettings.embed')}</h2>
          <p className="hint">{t('widgetSettings.embedHint')}</p>
          <CopyField label={t('widgetSettings.embedCode')} value={snippet} />
          <h2>{t('widgetSettings.secret')}</h2>
          <p className="hint">{t('widgetSettings.secretIntro')}</p>
          <p>{view.hasIdentitySecret ? t('widgetSettings.hasSecret') : t('widgetSettings.noSecret')}</p>
          {secret && <CopyField label={t('widgetSettings.newSecret', { name: view.name })} value={secret} />}
          <button type="button" className="danger" onClick={() => void rotate()}>
            {t('widgetSettings.rotate')}
          </button>
        </>
      )}
    </section>
  );
}
