import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { languages } from '../../../../src/contracts/common.ts';
import { flowsApi, type SimInput, type SimulateResult } from '../../api/flows.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';

interface Line { from: 'bot' | 'you' | 'system'; text: string }
interface Choice { key: string; label: string }

/** Chat with the draft on the canvas: real HTTP, knowledge base, hours and intents; hand-overs are only reported. */
export function Simulator({ definition }: { definition: () => unknown }) {
  const { t } = useTranslation();
  const id = useId();
  const [lines, setLines] = useState<Line[]>([]);
  const [state, setState] = useState<unknown>(null);
  const [status, setStatus] = useState<SimulateResult['status'] | null>(null);
  const [choices, setChoices] = useState<Choice[]>([]);
  const [variables, setVariables] = useState<Record<string, unknown>>({});
  const [text, setText] = useState('');
  const [lang, setLang] = useState('en');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function send(input: SimInput, shown: string | null) {
    setBusy(true);
    setError(null);
    try {
      const r = await flowsApi.simulate(definition(), input.kind === 'start' ? null : state, input);
      const out: Line[] = shown ? [{ from: 'you', text: shown }] : [];
      let offered: Choice[] = [];
      for (const o of r.outputs as { kind: string; text?: string; prompt?: string; title?: string; options?: Choice[] }[]) {
        if (o.kind === 'choices') {
          out.push({ from: 'bot', text: o.prompt ?? '' });
          offered = o.options ?? [];
        } else if (o.kind === 'article') out.push({ from: 'bot', text: `${o.title ?? ''}\n${o.text ?? ''}` });
        else out.push({ from: 'bot', text: o.text ?? o.prompt ?? '' });
      }
      for (const x of r.notExecuted as { kind: string; reason?: string }[]) out.push({ from: 'system', text: t('flows.sim.notExecuted', { what: x.kind, reason: x.reason ?? '' }) });
      setLines((prev) => (input.kind === 'start' ? out : [...prev, ...out]));
      setState(r.state);
      setStatus(r.status);
      setChoices(offered);
      setVariables(r.variables);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }
  function submit(e: FormEvent) {
    e.preventDefault();
    if (!text.trim() || !state) return;
    const v = text;
    setText('');
    void send({ kind: 'text', text: v }, v);
  }

  return (
    <aside className="flow-simulator" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{t('flows.sim.title')}</h2>
      <div className="form-row">
        <label htmlFor={`${id}-lang`}>{t('flows.sim.language')}</label>
        <select id={`${id}-lang`} value={lang} onChange={(e) => setLang(e.target.value)}>
          {languages.map((l) => <option key={l} value={l}>{t(`flows.languages.${l}`)}</option>)}
        </select>
        <button type="button" onClick={() => void send({ kind: 'start', language: lang }, null)} disabled={busy}>{state ? t('flows.sim.restart') : t('flows.sim.start')}</button>
      </div>
      <ErrorAlert error={error} />
      <ol className="flow-sim-lines" aria-live="polite" aria-label={t('flows.sim.transcript')}>
        {lines.map((l, i) => (
          <li key={i} className={`sim-${l.from}`}>
            <span className="visually-hidden">{t(`flows.sim.from.${l.from}`)}: </span>
            {l.text}
          </li>
        ))}
      </ol>
      {status && status !== 'waiting' && <p className="hint">{t(`flows.sim.status.${status}`)}</p>}
      {choices.length > 0 && status === 'waiting' && (
        <div className="actions" role="group" aria-label={t('flows.sim.choices')}>
          {choices.map((c) => (
            <button key={c.key} type="button" disabled={busy} onClick={() => void send({ kind: 'choice', key: c.key }, c.label)}>{c.label}</button>
          ))}
        </div>
      )}
      <form onSubmit={submit} className="form-row">
        <label htmlFor={`${id}-text`} className="visually-hidden">{t('flows.sim.message')}</label>
        <input id={`${id}-text`} value={text} onChange={(e) => setText(e.target.value)} placeholder={t('flows.sim.message')} disabled={!state || status !== 'waiting'} />
        <button type="submit" disabled={busy || !state || status !== 'waiting'}>{t('flows.sim.send')}</button>
      </form>
      <h3>{t('flows.sim.variables')}</h3>
      <dl className="flow-sim-vars">
        {Object.entries(variables).map(([k, v]) => (
          <div key={k}>
            <dt>{k}</dt>
            <dd>{v === null || v === undefined ? '—' : String(v)}</dd>
          </div>
        ))}
      </dl>
    </aside>
  );
}
