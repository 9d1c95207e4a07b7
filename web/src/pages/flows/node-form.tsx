import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { languages } from '../../../../src/contracts/common.ts';
import type { AreaStrings } from '../../i18n/areas/index.ts';
import type { CanvasNode } from './graph.ts';

type Data = Record<string, unknown>;
type Localized = Record<string, string>;
type Field = keyof AreaStrings['flows']['fields'];

/** The localized text fields each node type has (edited per language). */
const TEXT_FIELDS: Record<string, Field[]> = {
  message: ['text'], ask: ['prompt', 'invalidText'], menu: ['prompt', 'invalidText'], kb_answer: ['confirmText', 'rephraseText'],
  language: ['prompt'], handover: ['text'], csat: ['prompt'], end: ['text'],
};
/** Plain fields per node type: [name, input kind]. */
const PLAIN_FIELDS: Record<string, [Field, 'text' | 'number' | 'select' | 'checkbox'][]> = {
  ask: [['kind', 'select'], ['variable', 'text'], ['pattern', 'text'], ['retries', 'number']],
  menu: [['retries', 'number']],
  http: [['method', 'select'], ['url', 'text'], ['timeoutMs', 'number']],
  kb_answer: [['threshold', 'number'], ['maxAttempts', 'number'], ['handoverOnNegative', 'checkbox']],
  business_hours: [['calendarId', 'text']],
  language: [['ask', 'checkbox']],
  intent: [['threshold', 'number'], ['text', 'text']],
  handover: [['queueId', 'text'], ['priority', 'number'], ['note', 'text']],
  create_ticket: [['subject', 'text'], ['body', 'text'], ['priority', 'select'], ['variable', 'text']],
  csat: [['variable', 'text']],
};
const CHOICES: Record<string, string[]> = {
  kind: ['text', 'email', 'phone', 'number', 'date', 'regex'],
  method: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
  priority: ['low', 'normal', 'high', 'urgent'],
};

/** Names to choose from for id fields (queues, calendars); a plain text field when empty. */
export type Lookups = Partial<Record<'queueId' | 'calendarId', { id: string; name: string }[]>>;

interface Props {
  node: CanvasNode;
  lookups?: Lookups;
  isStart: boolean;
  onChange: (data: Data) => void;
  onMakeStart: () => void;
  onDelete: () => void;
}

/** The selected node's form: texts per language, its settings, and its data as JSON for everything else. */
export function NodeForm({ node, lookups = {}, isStart, onChange, onMakeStart, onDelete }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const [lang, setLang] = useState<string>('en');
  const data = node.data.data;
  const [json, setJson] = useState(() => JSON.stringify(data, null, 2));
  const [jsonError, setJsonError] = useState('');
  useEffect(() => {
    setJson(JSON.stringify(data, null, 2));
    setJsonError('');
  }, [data]);

  const set = (field: string, value: unknown) => {
    const next = { ...data };
    if (value === '' || value === undefined) delete next[field];
    else next[field] = value;
    onChange(next);
  };
  const setText = (field: string, value: string) => {
    const cur = { ...((data[field] as Localized | undefined) ?? {}) };
    if (value) cur[lang] = value;
    else delete cur[lang];
    set(field, Object.keys(cur).length ? cur : undefined);
  };
  const options = node.data.kind === 'menu' ? ((data.options as { key: string; label: Localized }[] | undefined) ?? []) : null;

  return (
    <div className="flow-node-form" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>
        {t(`flows.types.${node.data.kind}`)} <code>{node.id}</code>
      </h2>
      {node.data.issues.length > 0 && (
        <ul className="field-error" aria-label={t('flows.editor.problems')}>
          {node.data.issues.map((m) => <li key={m}>{m}</li>)}
        </ul>
      )}
      <div className="actions">
        <button type="button" onClick={onMakeStart} disabled={isStart}>{isStart ? t('flows.editor.isStart') : t('flows.editor.makeStart')}</button>
        <button type="button" className="danger" onClick={onDelete}>{t('flows.editor.deleteNode', { id: node.id })}</button>
      </div>
      {(TEXT_FIELDS[node.data.kind] ?? []).length > 0 && (
        <div className="field">
          <label htmlFor={`${id}-lang`}>{t('flows.editor.textLanguage')}</label>
          <select id={`${id}-lang`} value={lang} onChange={(e) => setLang(e.target.value)}>
            {languages.map((l) => <option key={l} value={l}>{t(`flows.languages.${l}`)}</option>)}
          </select>
        </div>
      )}
      {(TEXT_FIELDS[node.data.kind] ?? []).map((f) => (
        <div className="field" key={f}>
          <label htmlFor={`${id}-${f}`}>{t(`flows.fields.${f}`)} ({lang})</label>
          <textarea id={`${id}-${f}`} rows={3} value={((data[f] as Localized | undefined) ?? {})[lang] ?? ''} onChange={(e) => setText(f, e.target.value)} />
        </div>
      ))}
      {options && (
        <fieldset>
          <legend>{t('flows.fields.options')}</legend>
          {options.map((o, i) => (
            <div className="form-row" key={i}>
              <label>
                {t('flows.fields.optionKey', { n: i + 1 })}
                <input value={o.key} onChange={(e) => set('options', options.map((x, j) => (j === i ? { ...x, key: e.target.value } : x)))} />
              </label>
              <label>
                {t('flows.fields.optionLabel', { n: i + 1 })} ({lang})
                <input value={o.label[lang] ?? ''} onChange={(e) => set('options', options.map((x, j) => (j === i ? { ...x, label: { ...x.label, [lang]: e.target.value } } : x)))} />
              </label>
              <button type="button" onClick={() => set('options', options.filter((_, j) => j !== i))}>{t('flows.fields.removeOption', { n: i + 1 })}</button>
            </div>
          ))}
          <button type="button" onClick={() => set('options', [...options, { key: `option${options.length + 1}`, label: { en: `Option ${options.length + 1}` } }])}>{t('flows.fields.addOption')}</button>
        </fieldset>
      )}
      {(PLAIN_FIELDS[node.data.kind] ?? []).map(([f, kind]) => (
        <div className="field" key={f}>
          <label htmlFor={`${id}-p-${f}`}>{t(`flows.fields.${f}`)}</label>
          {(f === 'queueId' || f === 'calendarId') && lookups[f]?.length ? (
            <select id={`${id}-p-${f}`} value={String(data[f] ?? '')} onChange={(e) => set(f, e.target.value || (f === 'queueId' ? null : ''))}>
              <option value="">—</option>
              {lookups[f]!.map((o) => <option key={o.id} value={o.id}>{o.name}</option>)}
            </select>
          ) : kind === 'select' ? (
            <select id={`${id}-p-${f}`} value={String(data[f] ?? '')} onChange={(e) => set(f, e.target.value)}>
              <option value="">—</option>
              {(CHOICES[f] ?? []).map((c) => <option key={c} value={c}>{c}</option>)}
            </select>
          ) : kind === 'checkbox' ? (
            <input id={`${id}-p-${f}`} type="checkbox" checked={data[f] === true} onChange={(e) => set(f, e.target.checked)} />
          ) : (
            <input id={`${id}-p-${f}`} type={kind} value={data[f] === undefined || data[f] === null ? '' : String(data[f])} onChange={(e) => set(f, kind === 'number' ? (e.target.value === '' ? undefined : Number(e.target.value)) : e.target.value)} />
          )}
        </div>
      ))}
      <details>
        <summary>{t('flows.editor.json')}</summary>
        <div className="field">
          <label htmlFor={`${id}-json`}>{t('flows.editor.jsonLabel')}</label>
          <textarea id={`${id}-json`} rows={10} className="mono" value={json} onChange={(e) => setJson(e.target.value)} aria-invalid={jsonError ? true : undefined} />
          {jsonError && <p className="field-error">{jsonError}</p>}
          <button
            type="button"
            onClick={() => {
              try {
                const v = JSON.parse(json) as unknown;
                if (!v || typeof v !== 'object' || Array.isArray(v)) throw new Error(t('flows.editor.jsonObject'));
                onChange(v as Data);
              } catch (e) {
                setJsonError((e as Error).message);
              }
            }}
          >
            {t('flows.editor.applyJson')}
          </button>
        </div>
      </details>
    </div>
  );
}
