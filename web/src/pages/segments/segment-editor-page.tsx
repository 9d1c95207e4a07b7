import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { ApiError } from '../../api/client.ts';
import { segmentsApi, type PreviewResponse, type Segment, type SegmentDefinition } from '../../api/segments.ts';
import { useAuth } from '../../auth/auth-context.tsx';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { fieldError } from '../../components/errors.ts';
import { TextField } from '../../components/fields.tsx';
import { StatusMessage } from '../../components/status-message.tsx';
import { SubmitRow } from '../../components/submit-row.tsx';
import { useDebounced } from '../../lib/use-debounced.ts';
import { useDocumentTitle } from '../../lib/use-document-title.ts';
import { GroupEditor, newCondition, type Group, type Issues } from './condition-editor.tsx';

/** /segments/new and /segments/:id */
export function SegmentEditorPage() {
  const { id = 'new' } = useParams();
  return <SegmentEditor key={id} id={id === 'new' ? null : id} />;
}

/** 400 details → { path: message }, for marking the inputs a definition got wrong. */
function issuesOf(error: unknown, prefix: string): Issues {
  if (!(error instanceof ApiError)) return {};
  return Object.fromEntries(error.fieldIssues.map((i) => [i.path.startsWith(prefix) ? i.path : `${prefix}.${i.path}`, i.message]));
}

function SegmentEditor({ id }: { id: string | null }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const navigate = useNavigate();
  const readOnly = !can('segments.manage');
  const [saved, setSaved] = useState<Segment | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [group, setGroup] = useState<Group>({ match: 'all', conditions: [newCondition('orders')] });
  const [preview, setPreview] = useState<PreviewResponse | null>(null);
  const [previewError, setPreviewError] = useState<unknown>(null);
  const [counting, setCounting] = useState(false);
  const [saveError, setSaveError] = useState<unknown>(null);
  const [pending, setPending] = useState(false);
  const [status, setStatus] = useState('');
  useDocumentTitle(saved ? `${saved.name} – ${t('segments.title')}` : t('segments.newTitle'));

  useEffect(() => {
    if (!id) return;
    let active = true;
    segmentsApi.get(id).then(
      (s) => {
        if (!active) return;
        setSaved(s);
        setName(s.name);
        setDescription(s.description);
        setGroup(s.definition as Group);
      },
      (err: unknown) => active && setLoadError(err),
    );
    return () => {
      active = false;
    };
  }, [id]);

  // Live count: the definition, debounced, previewed without saving.
  const definitionJson = useDebounced(JSON.stringify(group), 400);
  useEffect(() => {
    if (id && !saved) return;
    let active = true;
    setCounting(true);
    segmentsApi.preview(JSON.parse(definitionJson) as SegmentDefinition).then(
      (p) => {
        if (!active) return;
        setPreview(p);
        setPreviewError(null);
        setCounting(false);
      },
      (err: unknown) => {
        if (!active) return;
        setPreview(null);
        setPreviewError(err);
        setCounting(false);
      },
    );
    return () => {
      active = false;
    };
  }, [definitionJson, id, saved]);

  const issues = useMemo(() => ({ ...issuesOf(previewError, 'definition'), ...issuesOf(saveError, 'definition') }), [previewError, saveError]);

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    setPending(true);
    setSaveError(null);
    setStatus('');
    const body = { name, description, definition: group as unknown as SegmentDefinition };
    try {
      const s = saved ? await segmentsApi.update(saved.id, body) : await segmentsApi.create(body);
      setSaved(s);
      setStatus(t('segments.saved'));
      if (!saved) navigate(`/segments/${s.id}`, { replace: true });
    } catch (err) {
      setSaveError(err);
    } finally {
      setPending(false);
    }
  }

  async function onDelete() {
    if (!saved || !window.confirm(t('segments.confirmDelete', { name: saved.name }))) return;
    try {
      await segmentsApi.remove(saved.id);
      navigate('/segments');
    } catch (err) {
      setSaveError(err);
    }
  }

  if (id && !saved) {
    return (
      <section className="panel" aria-labelledby="segment-title">
        <h1 id="segment-title">{t('segments.title')}</h1>
        <ErrorAlert error={loadError} />
        {!loadError && <p className="hint">{t('common.loading')}</p>}
        <Link to="/segments">{t('segments.back')}</Link>
      </section>
    );
  }

  return (
    <div className="segment-editor">
      <p className="back-link">
        <Link to="/segments">{t('segments.back')}</Link>
      </p>
      <section className="panel" aria-labelledby="segment-title">
        <div className="subpanel-head">
          <h1 id="segment-title">{saved ? saved.name : t('segments.newTitle')}</h1>
          {saved && can('segments.manage') && (
            <a className="export-link" href={segmentsApi.exportUrl(saved.id)} download>
              {t('segments.export')}
            </a>
          )}
        </div>
        {saved && can('segments.manage') && <p className="hint">{t('segments.exportHint')}</p>}
        {readOnly && <p className="hint">{t('segments.readOnly')}</p>}
        <StatusMessage>{status || null}</StatusMessage>
        <form onSubmit={onSubmit} noValidate>
          <TextField label={t('segments.name')} name="name" required maxLength={120} value={name} onChange={(e) => setName(e.target.value)} error={fieldError(saveError, 'name')} readOnly={readOnly} />
          <TextField label={t('segments.description')} name="description" maxLength={1000} value={description} onChange={(e) => setDescription(e.target.value)} readOnly={readOnly} />
          <GroupEditor group={group} onChange={setGroup} depth={1} path="definition" issues={issues} readOnly={readOnly} />
          <ErrorAlert error={saveError} fields={['name', 'description', 'definition']} />
          {!readOnly && <SubmitRow label={t('segments.save')} pendingLabel={t('segments.saving')} pending={pending} />}
        </form>
        {saved && !readOnly && (
          <div className="actions">
            <button type="button" className="danger" onClick={() => void onDelete()}>
              {t('segments.delete')}
            </button>
          </div>
        )}
      </section>
      <section className="panel" aria-labelledby="preview-title" aria-busy={counting}>
        <h2 id="preview-title">{t('segments.preview')}</h2>
        <ErrorAlert error={previewError} />
        <p role="status" data-testid="segment-count">
          {counting && !preview ? t('segments.counting') : preview ? t('segments.count', { count: preview.count }) : ''}
        </p>
        {preview && preview.sample.length > 0 && (
          <>
            <h3>{t('segments.sampleLabel')}</h3>
            <ul className="plain-list">
              {preview.sample.map((m) => (
                <li key={m.id}>
                  <Link to={`/customers/${m.id}`}>{m.name || t('customers.unnamed')}</Link>
                  {m.company && <span className="muted"> · {m.company}</span>}
                </li>
              ))}
            </ul>
          </>
        )}
      </section>
    </div>
  );
}
