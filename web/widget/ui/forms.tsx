/** Pre-chat form (fields from the inbox), the closed-hours email form, and the CSAT question. */
import { useState } from 'preact/hooks';
import type { PrechatField } from '../../../src/contracts/widget.ts';
import { localized, type Translate } from '../i18n/index.ts';
import type { Lang } from '../lib/language.ts';
import { fieldError } from '../lib/validate.ts';

function Field(props: { id: string; label: string; type: 'text' | 'email' | 'tel' | 'select'; value: string; error: string | null; required: boolean; multiline?: boolean; options?: { value: string; label: string }[]; placeholder?: string; onInput(v: string): void }) {
  const errId = `${props.id}-err`;
  const common = {
    id: props.id,
    value: props.value,
    'aria-invalid': props.error ? ('true' as const) : undefined,
    'aria-describedby': props.error ? errId : undefined,
    'aria-required': props.required ? ('true' as const) : undefined,
    onInput: (e: Event) => props.onInput((e.currentTarget as HTMLInputElement).value),
  };
  return (
    <div class="field">
      <label for={props.id}>{props.label}</label>
      {props.type === 'select' ? (
        <select {...common} onChange={common.onInput}>
          <option value="">{props.placeholder}</option>
          {props.options?.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      ) : props.multiline ? (
        <textarea rows={4} {...common} />
      ) : (
        <input type={props.type as 'text'} autoComplete={props.type === 'email' ? 'email' : props.type === 'tel' ? 'tel' : 'on'} {...common} />
      )}
      {props.error ? (
        <p class="error" id={errId}>
          {props.error}
        </p>
      ) : null}
    </div>
  );
}

export function PrechatForm(props: { fields: PrechatField[]; lang: Lang; t: Translate; busy: boolean; onSubmit(values: Record<string, string>): void }) {
  const { t } = props;
  const [values, setValues] = useState<Record<string, string>>({});
  const [errors, setErrors] = useState<Record<string, string | null>>({});
  const label = (f: PrechatField): string => localized(f.label, props.lang) ?? f.key;
  const submit = (e: Event): void => {
    e.preventDefault();
    const next: Record<string, string | null> = {};
    for (const f of props.fields) next[f.key] = fieldError(f.type === 'select' ? 'text' : f.type, values[f.key] ?? '', f.required, label(f), t);
    setErrors(next);
    const firstBad = props.fields.find((f) => next[f.key]);
    if (firstBad) {
      ((e.currentTarget as HTMLFormElement).querySelector(`#sb-f-${firstBad.key}`) as HTMLElement | null)?.focus();
      return;
    }
    const out: Record<string, string> = {};
    for (const f of props.fields) if (values[f.key]?.trim()) out[f.key] = values[f.key]!.trim();
    props.onSubmit(out);
  };
  return (
    <form class="form" onSubmit={submit} noValidate>
      <p>{t('prechatIntro')}</p>
      {props.fields.map((f) => (
        <Field
          key={f.key}
          id={`sb-f-${f.key}`}
          label={label(f)}
          type={f.type}
          required={f.required}
          options={f.options?.map((o) => ({ value: o.value, label: localized(o.label, props.lang) ?? o.value }))}
          placeholder={t('choose')}
          value={values[f.key] ?? ''}
          error={errors[f.key] ?? null}
          onInput={(v) => setValues({ ...values, [f.key]: v })}
        />
      ))}
      <button type="submit" class="primary" disabled={props.busy}>
        {t('startChat')}
      </button>
    </form>
  );
}

export function OfflineForm(props: { t: Translate; intro: string; opensAt: string | null; onSubmit(v: { email: string; name?: string; text: string }): Promise<void> }) {
  const { t } = props;
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [text, setText] = useState('');
  const [errors, setErrors] = useState<Record<string, string | null>>({});
  const [state, setState] = useState<'idle' | 'busy' | 'done' | 'failed'>('idle');
  if (state === 'done') return <p class="notice" role="status">{t('offlineThanks')}</p>;
  const submit = async (e: Event): Promise<void> => {
    e.preventDefault();
    const next = {
      email: fieldError('email', email, true, t('yourEmail'), t, 320),
      text: fieldError('text', text, true, t('yourMessage'), t, 10_000),
    };
    setErrors(next);
    if (next.email || next.text) return;
    setState('busy');
    try {
      await props.onSubmit({ email: email.trim(), text: text.trim(), ...(name.trim() ? { name: name.trim() } : {}) });
      setState('done');
    } catch {
      setState('failed');
    }
  };
  return (
    <form class="form" onSubmit={submit} noValidate>
      <h3>{t('closedTitle')}</h3>
      <p>{props.intro}</p>
      {props.opensAt ? <p>{t('opensAt', { time: props.opensAt })}</p> : null}
      <Field id="sb-o-email" label={t('yourEmail')} type="email" required value={email} error={errors.email ?? null} onInput={setEmail} />
      <Field id="sb-o-name" label={t('yourName')} type="text" required={false} value={name} error={null} onInput={setName} />
      <Field id="sb-o-text" label={t('yourMessage')} type="text" multiline required value={text} error={errors.text ?? null} onInput={setText} />
      {state === 'failed' ? (
        <p class="error" role="alert">
          {t('errorGeneric')}
        </p>
      ) : null}
      <button type="submit" class="primary" disabled={state === 'busy'}>
        {t('sendOffline')}
      </button>
    </form>
  );
}

export function Csat(props: { t: Translate; kind?: 'csat' | 'nps'; onSubmit(score: number, comment?: string): Promise<void> }) {
  const { t } = props;
  const nps = props.kind === 'nps';
  // -1: nothing chosen yet (0 is a valid NPS score).
  const [score, setScore] = useState(-1);
  const [comment, setComment] = useState('');
  const [state, setState] = useState<'idle' | 'busy' | 'done' | 'failed'>('idle');
  if (state === 'done') return <p class="notice" role="status">{t('csatThanks')}</p>;
  return (
    <form
      class="csat"
      onSubmit={async (e) => {
        e.preventDefault();
        if (score < 0) return;
        setState('busy');
        try {
          await props.onSubmit(score, comment.trim() || undefined);
          setState('done');
        } catch {
          setState('failed');
        }
      }}
    >
      <fieldset>
        <legend>{t(nps ? 'npsQuestion' : 'csatQuestion')}</legend>
        {nps ? (
          <div class="nps">
            {[0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((n) => (
              <button type="button" key={n} class={n === score ? 'on' : ''} aria-pressed={n === score} aria-label={t('npsScore', { n })} onClick={() => setScore(n)}>
                {n}
              </button>
            ))}
          </div>
        ) : (
          <div class="stars">
            {[1, 2, 3, 4, 5].map((n) => (
              <button type="button" key={n} class={n <= score ? 'on' : ''} aria-pressed={n === score} aria-label={t('csatStars', { n })} onClick={() => setScore(n)}>
                ★
              </button>
            ))}
          </div>
        )}
      </fieldset>
      <label for="sb-csat-comment">{t('csatComment')}</label>
      <textarea id="sb-csat-comment" rows={2} maxLength={2000} value={comment} onInput={(e) => setComment((e.currentTarget as HTMLTextAreaElement).value)} />
      {state === 'failed' ? <p class="error">{t('errorGeneric')}</p> : null}
      <button type="submit" class="primary" disabled={score < 0 || state === 'busy'}>
        {t('csatSend')}
      </button>
    </form>
  );
}
