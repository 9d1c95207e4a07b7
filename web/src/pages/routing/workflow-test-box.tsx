import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { channels, priorities } from '../../../../src/contracts/conversations.ts';
import { languages } from '../../../../src/contracts/common.ts';
import { taskKinds } from '../../../../src/core/routing/types.ts';
import { routingApi, type Queue, type WorkflowRules, type WorkflowTestResult } from '../../api/routing.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { SelectField, TextField } from '../../components/fields.tsx';
import { SubmitRow } from '../../components/submit-row.tsx';
import { useUsers } from '../../lib/lookups.ts';
import { TraceList } from './trace-list.tsx';
import { parseCustom } from './workflow-draft.ts';

interface Props {
  /** The edited, unsaved rules to test (undefined: the running workflow). */
  rules?: WorkflowRules;
  queues: readonly Queue[];
}

/** "Where would this task go?": attributes in, the matching rule, each target and who would be offered out. */
export function WorkflowTestBox({ rules, queues }: Props) {
  const { t } = useTranslation();
  const [kind, setKind] = useState('chat');
  const [channel, setChannel] = useState('chat');
  const [language, setLanguage] = useState('en');
  const [tags, setTags] = useState('');
  const [priority, setPriority] = useState('normal');
  const [custom, setCustom] = useState('');
  const [result, setResult] = useState<WorkflowTestResult | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [pending, setPending] = useState(false);
  const users = useUsers();

  async function run(e: FormEvent) {
    e.preventDefault();
    setPending(true);
    setError(null);
    try {
      const attributes = {
        channel,
        language,
        priority,
        tags: tags.split(',').map((s) => s.trim()).filter(Boolean),
        ...parseCustom(custom),
      };
      setResult(await routingApi.testWorkflow({ kind: kind as (typeof taskKinds)[number], attributes, ...(rules ? { rules } : {}) }));
    } catch (err) {
      setResult(null);
      setError(err);
    } finally {
      setPending(false);
    }
  }

  const queueName = (id: string) => queues.find((q) => q.id === id)?.name ?? id;
  const named = new Map(result?.targets.flatMap((x) => [...x.eligibleAgents, ...(x.wouldOffer ? [x.wouldOffer] : [])]).map((a) => [a.userId, a.name]));
  const userName = (id: string) => named.get(id) ?? users.find((u) => u.id === id)?.name ?? t('routing.someAgent');
  return (
    <section className="subpanel" aria-labelledby="routing-test-title">
      <h3 id="routing-test-title">{t('routing.testTitle')}</h3>
      <p className="hint">{rules ? t('routing.testUsesDraft') : t('routing.testUsesRunning')}</p>
      <form onSubmit={(e) => void run(e)} aria-labelledby="routing-test-title" noValidate>
        <ErrorAlert error={error} />
        <div className="form-row">
          <SelectField label={t('routing.testKind')} value={kind} onChange={(e) => setKind(e.target.value)} options={taskKinds.map((k) => [k, t(`routing.kinds.${k}`)] as const)} />
          <SelectField label={t('routing.testChannel')} value={channel} onChange={(e) => setChannel(e.target.value)} options={channels.map((c) => [c, t(`routing.channels.${c}`)] as const)} />
          <SelectField label={t('routing.testLanguage')} value={language} onChange={(e) => setLanguage(e.target.value)} options={languages.map((l) => [l, t(`routing.languages.${l}`)] as const)} />
          <SelectField label={t('routing.testPriority')} value={priority} onChange={(e) => setPriority(e.target.value)} options={priorities.map((p) => [p, t(`routing.priorities.${p}`)] as const)} />
        </div>
        <TextField label={t('routing.testTags')} hint={t('routing.testTagsHint')} value={tags} autoComplete="off" onChange={(e) => setTags(e.target.value)} />
        <div className="field">
          <label htmlFor="routing-test-custom">{t('routing.testCustom')}</label>
          <textarea id="routing-test-custom" rows={3} value={custom} aria-describedby="routing-test-custom-hint" onChange={(e) => setCustom(e.target.value)} />
          <p id="routing-test-custom-hint" className="hint">
            {t('routing.testCustomHint')}
          </p>
        </div>
        <SubmitRow label={t('routing.runTest')} pendingLabel={t('routing.testing')} pending={pending} />
      </form>
      {result && (
        <div className="test-result" role="region" aria-label={t('routing.testResult')} data-testid="workflow-test-result">
          <p>
            {result.ruleId ? t('routing.testMatched', { name: result.ruleName ?? result.ruleId }) : t('routing.testNoRule')}
          </p>
          {result.targets.length > 0 && (
            <ol>
              {result.targets.map((x, i) => (
                <li key={`${x.queueId}-${i}`}>
                  <strong>{t('routing.testTarget', { n: i + 1, queue: x.queueName || queueName(x.queueId) })}</strong>
                  {x.timeoutSeconds != null && <> · {t('routing.testWaits', { n: x.timeoutSeconds })}</>}
                  {x.skipped && <> · {t('routing.testSkipped', { reason: t(`routing.skip.${x.skipped}`, { defaultValue: x.skipped }) })}</>}
                  <div>
                    {t('routing.testEligible')}: {x.eligibleAgents.length ? x.eligibleAgents.map((a) => a.name).join(', ') : t('routing.nobody')}
                  </div>
                  <div>
                    {t('routing.testWouldOffer')}: <strong>{x.wouldOffer ? x.wouldOffer.name : t('routing.nobody')}</strong>
                  </div>
                </li>
              ))}
            </ol>
          )}
          {result.finally && <p>{t('routing.testFinally', { action: t(`routing.finallyOptions.${result.finally}`) })}</p>}
          {result.trace.length > 0 && (
            <details>
              <summary>{t('routing.testTrace')}</summary>
              <TraceList entries={result.trace} queueName={queueName} userName={userName} ruleName={(id) => (id === result.ruleId && result.ruleName ? result.ruleName : id)} />
            </details>
          )}
        </div>
      )}
    </section>
  );
}
