import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client.ts';
import { routingApi, type Workflow } from '../../api/routing.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { StatusMessage } from '../../components/status-message.tsx';
import { SubmitRow } from '../../components/submit-row.tsx';
import { useFormatDate } from '../../lib/format.ts';
import { useDocumentTitle } from '../../lib/use-document-title.ts';
import { pathIssues, useLiveReload, useQueues } from './shared.ts';
import { moved, newRule, toDrafts, toRules, type RuleDraft } from './workflow-draft.ts';
import { WorkflowRuleEditor } from './workflow-rule.tsx';
import { WorkflowTestBox } from './workflow-test-box.tsx';
import { WorkflowVersions } from './workflow-versions.tsx';

/** /admin/routing-workflow: the ordered rules, saved as a new version; and a test box. */
export function WorkflowPage() {
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  const { queues } = useQueues();
  const [current, setCurrent] = useState<Workflow | null>(null);
  const [rules, setRules] = useState<RuleDraft[]>([]);
  const [dirty, setDirty] = useState(false);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [saveError, setSaveError] = useState<unknown>(null);
  const [pending, setPending] = useState(false);
  const [status, setStatus] = useState('');
  useDocumentTitle(`${t('routing.workflowTitle')} – ${t('admin.title')}`);

  const load = useCallback(async () => {
    try {
      const w = await routingApi.workflow();
      setCurrent(w);
      setRules(toDrafts(w.rules));
      setDirty(false);
      setLoadError(null);
    } catch (err) {
      // No workflow saved yet: start from an empty one.
      if (err instanceof ApiError && err.status === 404) setCurrent({ version: 0, rules: [], createdAt: null, createdBy: null });
      else setLoadError(err);
    }
  }, []);
  useEffect(() => {
    void load();
  }, [load]);

  // Saved elsewhere (another admin, another tab): show it, unless there are edits here to keep.
  useLiveReload(['tenant'], () => {
    if (!dirty) void load();
  }, (type) => type === 'routing.config_changed');

  const update = (next: RuleDraft[]) => {
    setRules(next);
    setDirty(true);
  };

  async function save(e: FormEvent) {
    e.preventDefault();
    setPending(true);
    setSaveError(null);
    try {
      const w = await routingApi.saveWorkflow(toRules(rules));
      setCurrent(w);
      setRules(toDrafts(w.rules));
      setDirty(false);
      setStatus(t('routing.workflowSaved', { version: w.version }));
    } catch (err) {
      setSaveError(err);
    } finally {
      setPending(false);
    }
  }

  const issues = pathIssues(saveError);
  return (
    <section aria-labelledby="routing-workflow-title">
      <h2 id="routing-workflow-title">{t('routing.workflowTitle')}</h2>
      <p>{t('routing.workflowIntro')}</p>
      {current && (
        <p className="hint" data-testid="workflow-version">
          {current.version > 0 ? t('routing.runningVersion', { version: current.version, at: formatDate(current.createdAt) }) : t('routing.noWorkflowYet')}
        </p>
      )}
      <StatusMessage>{status || null}</StatusMessage>
      <ErrorAlert error={loadError} />
      <form onSubmit={(e) => void save(e)} aria-labelledby="routing-workflow-title" noValidate>
        <ErrorAlert error={saveError} fields={['rules']} />
        {issues.length > 0 && (
          <p className="hint">{t('routing.workflowErrorsBelow', { n: issues.length })}</p>
        )}
        {rules.map((r, i) => (
          <WorkflowRuleEditor
            key={r.key}
            rule={r}
            index={i}
            count={rules.length}
            queues={queues}
            issues={issues}
            onChange={(next) => update(rules.map((x) => (x.key === r.key ? next : x)))}
            onMove={(by) => update(moved(rules, i, by))}
            onRemove={() => update(rules.filter((x) => x.key !== r.key))}
          />
        ))}
        {rules.length === 0 && <p className="empty">{t('routing.noRules')}</p>}
        <div className="actions">
          <button type="button" disabled={rules.length >= 200} onClick={() => update([...rules, newRule(queues[0]?.id ?? '')])}>
            {t('routing.addRule')}
          </button>
        </div>
        <p className="hint" role="status">
          {dirty ? t('routing.workflowUnsaved') : ''}
        </p>
        <div className="actions">
          <SubmitRow label={t('routing.saveWorkflow')} pendingLabel={t('routing.saving')} pending={pending} />
          <button type="button" disabled={!dirty || pending} onClick={() => void load().then(() => setSaveError(null))}>
            {t('routing.discard')}
          </button>
        </div>
      </form>
      <WorkflowTestBox rules={dirty ? toRules(rules) : undefined} queues={queues} />
      <WorkflowVersions latest={current?.version ?? 0} />
    </section>
  );
}
