import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { flowsApi, type Assignment, type Flow } from '../../api/flows.ts';
import { useAuth } from '../../auth/auth-context.tsx';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { StatusMessage } from '../../components/status-message.tsx';
import { useDocumentTitle } from '../../lib/use-document-title.ts';
import { FlowsTabs } from './flows-page.tsx';

/** /flows/assignments: which published flow answers first on each inbox. */
export function FlowAssignmentsPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const [rows, setRows] = useState<Assignment[] | null>(null);
  const [flows, setFlows] = useState<Flow[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [status, setStatus] = useState('');
  useDocumentTitle(t('flows.assign.title'));
  const load = useCallback(async () => {
    try {
      const [a, f] = await Promise.all([flowsApi.assignments(), flowsApi.list('', null)]);
      setRows(a);
      setFlows(f.items.filter((x) => x.publishedVersion !== null));
    } catch (e) {
      setError(e);
    }
  }, []);
  useEffect(() => {
    void load();
  }, [load]);

  async function assign(a: Assignment, flowId: string) {
    setError(null);
    try {
      const r = await flowsApi.assign(a.inboxId, flowId || null);
      setStatus(r.flowName ? t('flows.assign.done', { inbox: a.inboxName, flow: r.flowName }) : t('flows.assign.cleared', { inbox: a.inboxName }));
      await load();
    } catch (e) {
      setError(e);
    }
  }

  return (
    <section className="panel" aria-labelledby="flow-assign-title">
      <h1 id="flow-assign-title">{t('flows.assign.title')}</h1>
      <FlowsTabs />
      <p className="hint">{t('flows.assign.intro')}</p>
      <ErrorAlert error={error} />
      <StatusMessage>{status || null}</StatusMessage>
      <table className="data-table">
        <caption className="visually-hidden">{t('flows.assign.title')}</caption>
        <thead>
          <tr><th scope="col">{t('flows.assign.inbox')}</th><th scope="col">{t('flows.assign.channel')}</th><th scope="col">{t('flows.assign.flow')}</th></tr>
        </thead>
        <tbody>
          {(rows ?? []).map((a) => (
            <tr key={a.inboxId}>
              <th scope="row">{a.inboxName}</th>
              <td>{a.channel}</td>
              <td>
                <label className="visually-hidden" htmlFor={`assign-${a.inboxId}`}>{t('flows.assign.flowFor', { inbox: a.inboxName })}</label>
                <select id={`assign-${a.inboxId}`} value={a.flowId ?? ''} disabled={!can('flows.manage')} onChange={(e) => void assign(a, e.target.value)}>
                  <option value="">{t('flows.assign.none')}</option>
                  {a.flowId && !flows.some((f) => f.id === a.flowId) && <option value={a.flowId}>{a.flowName ?? a.flowId}</option>}
                  {flows.map((f) => <option key={f.id} value={f.id}>{f.name}</option>)}
                </select>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
