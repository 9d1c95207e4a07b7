import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client.ts';
import { languageNames, supportedLanguages, type Language } from '../../i18n/languages.ts';

export type Localized = Partial<Record<Language, string>>;

/** The API's messages for `path` and anything under it (e.g. "theme.color", "prechatFields.2.options"). */
export function issuesAt(error: unknown, path: string, exact = false): string | undefined {
  if (!(error instanceof ApiError)) return undefined;
  const msgs = error.fieldIssues.filter((i) => i.path === path || (!exact && i.path.startsWith(`${path}.`))).map((i) => i.message);
  return msgs.length ? [...new Set(msgs)].join(' ') : undefined;
}

/** One text per language (greeting, closed message, a field's label): six labelled inputs in a group. */
export function LocalizedFields(props: { legend: string; value: Localized; onChange(v: Localized): void; multiline?: boolean; error?: string; maxLength?: number }) {
  const { t } = useTranslation();
  const id = useId();
  const set = (l: Language, text: string) => {
    const next = { ...props.value };
    if (text) next[l] = text;
    else delete next[l];
    props.onChange(next);
  };
  return (
    <fieldset className="localized-fields" aria-describedby={props.error ? `${id}-error` : undefined}>
      <legend>{props.legend}</legend>
      <div className="form-row">
        {supportedLanguages.map((l) => (
          <div className="field" key={l}>
            <label htmlFor={`${id}-${l}`}>{t('widgetSettings.inLanguage', { what: props.legend, language: languageNames[l] })}</label>
            {props.multiline ? (
              <textarea id={`${id}-${l}`} lang={l} rows={2} maxLength={props.maxLength ?? 2000} value={props.value[l] ?? ''} onChange={(e) => set(l, e.target.value)} />
            ) : (
              <input id={`${id}-${l}`} lang={l} maxLength={props.maxLength ?? 2000} value={props.value[l] ?? ''} onChange={(e) => set(l, e.target.value)} />
            )}
          </div>
        ))}
      </div>
      {props.error && (
        <p id={`${id}-error`} className="field-error">
          {props.error}
        </p>
      )}
    </fieldset>
  );
}
