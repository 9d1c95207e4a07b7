import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { finalActions, skipConditions } from '../../../../src/core/routing/types.ts';
import type { Queue } from '../../api/routing.ts';
import { SelectField, TextField } from '../../components/fields.tsx';
import { issuesAt, type PathIssue } from './shared.ts';
import { newTarget, type RuleDraft, type TargetDraft } from './workflow-draft.ts';

interface Props {
  rule: RuleDraft;
  index: number;
  count: number;
  queues: readonly Queue[];
  issues: readonly PathIssue[];
  onChange: (rule: RuleDraft) => void;
  onMove: (by: -1 | 1) => void;
  onRemove: () => void;
}

const RULE_FIELDS = ['id', 'name', 'filter', 'priority', 'finally', 'targets'];
const TARGET_FIELDS = ['queueId', 'agents', 'priorityBoost', 'timeoutSeconds', 'skipWhen'];

/** One rule of the workflow: name, filter, priority, its targets in order and what happens at the end. */
export function WorkflowRuleEditor({ rule, index, count, queues, issues, onChange, onMove, onRemove }: Props) {
  const { t } = useTranslation();
  const legendId = useId();
  const base = `rules.${index}`;
  const at = (path: string) => issuesAt(issues, path, t);
  const set = (patch: Partial<RuleDraft>) => onChange({ ...rule, ...patch });
  const setTarget = (j: number, patch: Partial<TargetDraft>) => set({ targets: rule.targets.map((x, i) => (i === j ? { ...x, ...patch } : x)) });
  const label = rule.name.trim() || t('routing.untitledRule');
  // Issues under this rule that no field below shows (e.g. an overflow loop on the rule or a target).
  const shownPaths = new Set([base, ...RULE_FIELDS.map((f) => `${base}.${f}`), ...rule.targets.flatMap((_, j) => [`${base}.targets.${j}`, ...TARGET_FIELDS.map((f) => `${base}.targets.${j}.${f}`)])]);
  const stray = issues.filter((i) => i.path.startsWith(`${base}.`) && !shownPaths.has(i.path));

  return (
    <fieldset className="subpanel workflow-rule" aria-labelledby={legendId} data-rule-index={index}>
      <legend id={legendId}>{t('routing.ruleLegend', { n: index + 1, name: label })}</legend>
      {(at(base) || stray.length > 0) && (
        <ul className="field-error">
          {at(base) && <li>{at(base)}</li>}
          {stray.map((i) => (
            <li key={`${i.path}:${i.message}`}>{`${i.path}: ${i.message}`}</li>
          ))}
        </ul>
      )}
      <div className="actions">
        <button type="button" disabled={index === 0} aria-label={t('routing.moveRuleUp', { name: label })} onClick={() => onMove(-1)}>
          {t('routing.moveUp')}
        </button>
        <button type="button" disabled={index === count - 1} aria-label={t('routing.moveRuleDown', { name: label })} onClick={() => onMove(1)}>
          {t('routing.moveDown')}
        </button>
        <button type="button" className="danger" aria-label={t('routing.removeRule', { name: label })} onClick={onRemove}>
          {t('routing.remove')}
        </button>
      </div>
      <TextField label={t('routing.ruleName')} value={rule.name} maxLength={120} onChange={(e) => set({ name: e.target.value })} error={at(`${base}.name`) ?? at(`${base}.id`)} />
      <TextField
        label={t('routing.ruleFilter')}
        hint={t('routing.ruleFilterHint')}
        className="mono"
        spellCheck={false}
        autoComplete="off"
        value={rule.filter}
        onChange={(e) => set({ filter: e.target.value })}
        error={at(`${base}.filter`)}
      />
      <TextField label={t('routing.rulePriority')} type="number" min={0} max={100} step={1} inputMode="numeric" value={rule.priority} onChange={(e) => set({ priority: e.target.value })} error={at(`${base}.priority`)} />
      <ol className="plain-list">
        {rule.targets.map((x, j) => (
          <li key={x.key}>
            <fieldset data-target-index={j}>
              <legend>{t('routing.targetLegend', { n: j + 1 })}</legend>
              {at(`${base}.targets.${j}`) && <p className="field-error">{at(`${base}.targets.${j}`)}</p>}
              <SelectField
                label={t('routing.targetQueue')}
                value={x.queueId}
                onChange={(e) => setTarget(j, { queueId: e.target.value })}
                options={[['', t('routing.chooseQueue')] as const, ...queues.map((q) => [q.id, q.name] as const)]}
                error={at(`${base}.targets.${j}.queueId`)}
              />
              <TextField
                label={t('routing.targetAgents')}
                hint={t('routing.targetAgentsHint')}
                spellCheck={false}
                autoComplete="off"
                value={x.agents}
                onChange={(e) => setTarget(j, { agents: e.target.value })}
                error={at(`${base}.targets.${j}.agents`)}
              />
              <TextField label={t('routing.priorityBoost')} type="number" min={-100} max={100} step={1} value={x.priorityBoost} onChange={(e) => setTarget(j, { priorityBoost: e.target.value })} error={at(`${base}.targets.${j}.priorityBoost`)} />
              <TextField
                label={t('routing.targetTimeout')}
                hint={t('routing.targetTimeoutHint')}
                type="number"
                min={5}
                step={1}
                inputMode="numeric"
                value={x.timeoutSeconds}
                onChange={(e) => setTarget(j, { timeoutSeconds: e.target.value })}
                error={at(`${base}.targets.${j}.timeoutSeconds`)}
              />
              <fieldset>
                <legend>{t('routing.skipWhen')}</legend>
                {skipConditions.map((s) => (
                  <label key={s} className="check" style={{ marginInlineEnd: '1rem' }}>
                    <input
                      type="checkbox"
                      checked={x.skipWhen.includes(s)}
                      onChange={(e) => setTarget(j, { skipWhen: e.target.checked ? [...x.skipWhen, s] : x.skipWhen.filter((v) => v !== s) })}
                    />{' '}
                    {t(`routing.skip.${s}`)}
                  </label>
                ))}
                {at(`${base}.targets.${j}.skipWhen`) && <p className="field-error">{at(`${base}.targets.${j}.skipWhen`)}</p>}
              </fieldset>
              <button
                type="button"
                className="danger"
                disabled={rule.targets.length <= 1}
                aria-label={t('routing.removeTarget', { n: j + 1, name: label })}
                onClick={() => set({ targets: rule.targets.filter((_, i) => i !== j) })}
              >
                {t('routing.remove')}
              </button>
            </fieldset>
          </li>
        ))}
      </ol>
      {at(`${base}.targets`) && <p className="field-error">{at(`${base}.targets`)}</p>}
      <button type="button" aria-label={t('routing.addTargetTo', { name: label })} disabled={rule.targets.length >= 10} onClick={() => set({ targets: [...rule.targets, newTarget()] })}>
        {t('routing.addTarget')}
      </button>
      <SelectField
        label={t('routing.finally')}
        value={rule.finally}
        onChange={(e) => set({ finally: e.target.value })}
        options={finalActions.map((f) => [f, t(`routing.finallyOptions.${f}`)] as const)}
        error={at(`${base}.finally`)}
      />
    </fieldset>
  );
}
