import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { languages } from '../../../../src/contracts/common.ts';
import type { SurveyKind } from '../../../../src/contracts/surveys.ts';
import { surveysApi, type SurveySettings, type SurveySettingsView } from '../../api/surveys.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { SelectField, TextField } from '../../components/fields.tsx';
import { StatusMessage } from '../../components/status-message.tsx';
import { languageNames } from '../../i18n/languages.ts';
import { useDocumentTitle } from '../../lib/use-document-title.ts';
import { useSaveShortcut } from '../../lib/use-save-shortcut.ts';

const FIELDS = ['enabled', 'kinds', 'atResolution', 'throttleDays', 'linkValidityDays', 'questions'];
const KINDS: SurveyKind[] = ['csat', 'nps'];

/** /admin/surveys: switch surveys on, pick CSAT/NPS, the throttle, link validity and question texts in six languages. */
export function SurveySettingsPage() {
  const { t } = useTranslation();
  const id = useId();
  const [view, setView] = useState<SurveySettingsView | null>(null);
  const [form, setForm] = useState<SurveySettings | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [status, setStatus] = useState('');
  const [busy, setBusy] = useState(false);
  const formEl = useRef<HTMLFormElement>(null);
  useDocumentTitle(t('surveys.settingsTitle'));

  const show = (v: SurveySettingsView) => {
    setView(v);
    setForm(v.settings);
  };
  useEffect(() => {
    surveysApi.settings().then(show, setError);
  }, []);
  useSaveShortcut(() => formEl.current?.requestSubmit());

  async function save(e: FormEvent) {
    e.preventDefault();
    if (!form) return;
    setBusy(true);
    setError(null);
    setStatus('');
    try {
      show(await surveysApi.saveSettings(form));
      setStatus(t('surveys.saved'));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  if (!view || !form) {
    return (
      <section className="panel" aria-labelledby={`${id}-title`}>
        <h1 id={`${id}-title`}>{t('surveys.settingsTitle')}</h1>
        <ErrorAlert error={error} />
        {!error && <p role="status">{t('surveys.loading')}</p>}
      </section>
    );
  }
  const set = <K extends keyof SurveySettings>(k: K, v: SurveySettings[K]) => setForm({ ...form, [k]: v });
  const toggleKind = (k: SurveyKind, on: boolean) => {
    const kinds = on ? KINDS.filter((x) => x === k || form.kinds.includes(x)) : form.kinds.filter((x) => x !== k);
    setForm({ ...form, kinds, atResolution: kinds.includes(form.atResolution) ? form.atResolution : (kinds[0] ?? form.atResolution) });
  };
  const setQuestion = (k: SurveyKind, lang: string, text: string) => {
    const next = { ...form.questions[k] };
    if (text.trim()) next[lang] = text;
    else delete next[lang];
    set('questions', { ...form.questions, [k]: next });
  };
  const kindName = (k: SurveyKind) => (k === 'csat' ? t('surveys.kindCsat') : t('surveys.kindNps'));
  return (
    <section className="panel" aria-labelledby={`${id}-title`}>
      <h1 id={`${id}-title`}>{t('surveys.settingsTitle')}</h1>
      <p className="hint">{t('surveys.settingsIntro')}</p>
      <p className="hint">{t('surveys.channels', { channels: view.channels.join(', ') })}</p>
      <ErrorAlert error={error} fields={FIELDS} />
      <StatusMessage>{status || null}</StatusMessage>
      <form ref={formEl} onSubmit={save} aria-describedby={`${id}-keys`}>
        <div className="field">
          <label>
            <input type="checkbox" checked={form.enabled} onChange={(e) => set('enabled', e.target.checked)} /> {t('surveys.enabled')}
          </label>
        </div>
        <fieldset className="field">
          <legend>{t('surveys.kinds')}</legend>
          {KINDS.map((k) => (
            <label key={k} className="inline">
              <input type="checkbox" checked={form.kinds.includes(k)} onChange={(e) => toggleKind(k, e.target.checked)} /> {kindName(k)}
            </label>
          ))}
        </fieldset>
        <SelectField label={t('surveys.atResolution')} value={form.atResolution} onChange={(e) => set('atResolution', e.target.value as SurveyKind)} options={form.kinds.map((k) => [k, kindName(k)] as const)} />
        <TextField label={t('surveys.throttleDays')} hint={t('surveys.throttleHint')} type="number" min={0} max={365} required value={String(form.throttleDays)} onChange={(e) => set('throttleDays', Number(e.target.value))} />
        <TextField label={t('surveys.linkValidityDays')} type="number" min={1} max={90} required value={String(form.linkValidityDays)} onChange={(e) => set('linkValidityDays', Number(e.target.value))} />
        {form.kinds.map((k) => (
          <fieldset key={k} className="field">
            <legend>{t('surveys.questionsTitle')}: {kindName(k)}</legend>
            <p className="hint">{t('surveys.questionsHint')}</p>
            {languages.map((l) => (
              <TextField
                key={l}
                lang={l}
                label={t('surveys.question', { kind: k.toUpperCase(), language: languageNames[l] })}
                value={form.questions[k][l] ?? ''}
                placeholder={view.defaults[k][l] ?? ''}
                maxLength={300}
                onChange={(e) => setQuestion(k, l, e.target.value)}
              />
            ))}
          </fieldset>
        ))}
        <p id={`${id}-keys`} className="hint">{t('surveys.saveHint')}</p>
        <button type="submit" className="primary" disabled={busy} aria-keyshortcuts="Control+S">{t('surveys.save')}</button>
      </form>
    </section>
  );
}
