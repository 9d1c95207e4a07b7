import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { segmentsApi, type Segment } from '../../api/segments.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { SelectField, TextField } from '../../components/fields.tsx';
import { StatusMessage } from '../../components/status-message.tsx';
import { useDebounced } from '../../lib/use-debounced.ts';
import { useDocumentTitle } from '../../lib/use-document-title.ts';
import { KIND_COLOURS } from './journey-chart.tsx';
import { JourneysResults } from './journeys-results.tsx';
import { journeysApi, touchpointKinds, type JourneysReport } from './journeys-api.ts';
import './journeys.css';

const DAY = 86_400_000;
/** yyyy-mm-dd of a local date. */
const ymd = (d: Date) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
/** Local midnight of a yyyy-mm-dd as an ISO instant; `nextDay` for an inclusive end date. */
const isoOf = (day: string, nextDay = false) => {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(y!, m! - 1, d! + (nextDay ? 1 : 0)).toISOString();
};

/** /analytics/journeys: paths, contact rates per channel and "used X, then Z" over a segment. */
export function JourneysPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('journeys.page.title'));
  const [params, setParams] = useSearchParams();
  const today = ymd(new Date());
  const [form, setForm] = useState({
    segmentId: params.get('segmentId') ?? '',
    from: params.get('from') ?? ymd(new Date(Date.now() - 30 * DAY)),
    to: params.get('to') ?? today,
    after: params.get('after') ?? 'help_center',
    then: params.get('then') ?? 'call',
  });
  const [segmentQuery, setSegmentQuery] = useState('');
  const q = useDebounced(segmentQuery.trim(), 300);
  const [segments, setSegments] = useState<Segment[]>([]);
  const [report, setReport] = useState<JourneysReport | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(false);
  const [status, setStatus] = useState('');

  useEffect(() => {
    let active = true;
    segmentsApi.list({ q }).then((p) => active && setSegments(p.items), () => active && setSegments([]));
    return () => {
      active = false;
    };
  }, [q]);

  const applied = useMemo(() => params.toString(), [params]);
  useEffect(() => {
    let active = true;
    const p = Object.fromEntries(params);
    const from = p.from ?? ymd(new Date(Date.now() - 30 * DAY));
    const to = p.to ?? today;
    setLoading(true);
    setError(null);
    setStatus(t('journeys.page.computing'));
    journeysApi.report({ segmentId: p.segmentId, from: isoOf(from), to: isoOf(to, true), after: p.after ?? 'help_center', then: p.then ?? 'call' }).then(
      (r) => {
        if (!active) return;
        setReport(r);
        setLoading(false);
        setStatus(t('journeys.page.computed', { count: r.customers, ms: r.tookMs }));
      },
      (e: unknown) => {
        if (!active) return;
        setError(e);
        setLoading(false);
        setStatus('');
      },
    );
    return () => {
      active = false;
    };
    // `applied` stands for the search params; `today` and `t` do not change the question.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [applied]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const next = new URLSearchParams();
    for (const [k, v] of Object.entries(form)) if (v) next.set(k, v);
    setParams(next);
  };
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) => setForm((f) => ({ ...f, [k]: e.target.value }));
  const kindOptions = touchpointKinds.map((k) => [k, t(`journeys.kind.${k}`)] as const);
  const chosen = segments.some((s) => s.id === form.segmentId) || !form.segmentId ? [] : [[form.segmentId, form.segmentId] as const];

  return (
    <section className="panel jny" aria-labelledby="journeys-title">
      <h1 id="journeys-title">{t('journeys.page.title')}</h1>
      <p className="muted">{t('journeys.page.intro')}</p>
      <form className="jny-filters" onSubmit={submit} role="search" aria-labelledby="journeys-title">
        <TextField label={t('journeys.page.segmentSearch')} type="search" name="segment-q" autoComplete="off" value={segmentQuery} onChange={(e) => setSegmentQuery(e.target.value)} />
        <SelectField
          label={t('journeys.page.segment')}
          name="segmentId"
          value={form.segmentId}
          onChange={set('segmentId')}
          options={[['', t('journeys.page.allCustomers')] as const, ...chosen, ...segments.map((s) => [s.id, s.name] as const)]}
        />
        <TextField label={t('journeys.page.from')} type="date" name="from" value={form.from} max={form.to} onChange={set('from')} required />
        <TextField label={t('journeys.page.to')} type="date" name="to" value={form.to} min={form.from} onChange={set('to')} required />
        <SelectField label={t('journeys.page.after')} name="after" value={form.after} onChange={set('after')} options={kindOptions} />
        <SelectField label={t('journeys.page.then')} name="then" value={form.then} onChange={set('then')} options={kindOptions} />
        <button type="submit" className="primary" aria-keyshortcuts="Enter">
          {t('journeys.page.show')}
        </button>
      </form>
      <StatusMessage>{status}</StatusMessage>
      <ErrorAlert error={error} />
      <div aria-busy={loading}>{report && <JourneysResults report={report} colours={KIND_COLOURS} />}</div>
    </section>
  );
}
