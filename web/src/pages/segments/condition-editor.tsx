import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { SelectField, TextField } from '../../components/fields.tsx';

/** A condition as edited: loosely typed here, validated by the server (src/contracts/segments.ts). */
export type Cond = Record<string, unknown> & { kind: string };
export interface Group {
  match: 'all' | 'any';
  conditions: Cond[];
}

export const MAX_DEPTH = 3;
const KINDS = ['field', 'tag', 'attribute', 'consent', 'orders', 'surveys', 'activity', 'health'] as const;
const COMPARE = ['eq', 'neq', 'gt', 'gte', 'lt', 'lte'] as const;

/** A new condition of a kind, with sensible starting values. */
export function newCondition(kind: string): Cond {
  switch (kind) {
    case 'field': return { kind, field: 'name', op: 'contains', value: '' };
    case 'tag': return { kind, op: 'has', value: '' };
    case 'attribute': return { kind, key: '', op: 'eq', value: '' };
    case 'consent': return { kind, channel: 'marketingEmail', value: true };
    case 'orders': return { kind, metric: 'total_spent', days: 90, op: 'gt', value: 500 };
    case 'surveys': return { kind, metric: 'avg_csat', days: 30, op: 'lte', value: 2 };
    case 'activity': return { kind, metric: 'last_contact', op: 'within', days: 30 };
    case 'health': return { kind, metric: 'band', value: 'at_risk' };
    default: return { kind: 'group', match: 'all', conditions: [] };
  }
}

/** Issues from a 400, by path ("definition.conditions.1.value" → message). */
export type Issues = Record<string, string>;

interface GroupProps {
  group: Group;
  onChange: (g: Group) => void;
  depth: number;
  path: string;
  issues: Issues;
  readOnly: boolean;
  onRemove?: () => void;
}

/** One group: match all/any, its condition rows and nested groups (at most MAX_DEPTH levels). */
export function GroupEditor({ group, onChange, depth, path, issues, readOnly, onRemove }: GroupProps) {
  const { t } = useTranslation();
  const set = (i: number, c: Cond) => onChange({ ...group, conditions: group.conditions.map((x, j) => (j === i ? c : x)) });
  const remove = (i: number) => onChange({ ...group, conditions: group.conditions.filter((_, j) => j !== i) });
  return (
    <fieldset className={depth > 1 ? 'segment-group nested' : 'segment-group'} disabled={readOnly}>
      <legend>{depth > 1 ? t('segments.group') : t('segments.definition')}</legend>
      <SelectField
        label={t('segments.match')}
        value={group.match}
        onChange={(e) => onChange({ ...group, match: e.target.value as 'all' | 'any' })}
        options={[['all', t('segments.matchAll')], ['any', t('segments.matchAny')]]}
        error={issues[`${path}.match`]}
      />
      <ol className="plain-list segment-conditions">
        {group.conditions.map((c, i) => (
          <li key={i} className="segment-condition">
            {c.kind === 'group' ? (
              <GroupEditor
                group={c as unknown as Group}
                onChange={(g) => set(i, { kind: 'group', ...g })}
                depth={depth + 1}
                path={`${path}.conditions.${i}`}
                issues={issues}
                readOnly={readOnly}
                onRemove={() => remove(i)}
              />
            ) : (
              <ConditionRow cond={c} n={i + 1} onChange={(x) => set(i, x)} onRemove={() => remove(i)} path={`${path}.conditions.${i}`} issues={issues} readOnly={readOnly} />
            )}
            {issues[`${path}.conditions.${i}`] && <p className="field-error">{issues[`${path}.conditions.${i}`]}</p>}
          </li>
        ))}
      </ol>
      {!readOnly && (
        <div className="actions">
          <button type="button" onClick={() => onChange({ ...group, conditions: [...group.conditions, newCondition('tag')] })}>
            {t('segments.addCondition')}
          </button>
          {depth < MAX_DEPTH && (
            <button type="button" onClick={() => onChange({ ...group, conditions: [...group.conditions, newCondition('group')] })}>
              {t('segments.addGroup')}
            </button>
          )}
          {onRemove && (
            <button type="button" className="danger" onClick={onRemove}>
              {t('segments.removeGroup')}
            </button>
          )}
        </div>
      )}
    </fieldset>
  );
}

interface RowProps {
  cond: Cond;
  n: number;
  onChange: (c: Cond) => void;
  onRemove: () => void;
  path: string;
  issues: Issues;
  readOnly: boolean;
}

/** One condition: its kind, then the inputs that kind takes, typed (numbers as numbers, yes/no as booleans). */
function ConditionRow({ cond: c, n, onChange, onRemove, path, issues, readOnly }: RowProps) {
  const { t } = useTranslation();
  const err = (f: string) => issues[`${path}.${f}`];
  const put = (patch: Record<string, unknown>) => onChange({ ...c, ...patch });
  const num = (v: string) => (v === '' ? undefined : Number(v));
  const ops = (list: readonly string[]) => list.map((o) => [o, t(`segments.ops.${o}` as 'segments.ops.eq')] as const);
  const metrics = (list: readonly string[]) => list.map((m) => [m, t(`segments.metrics.${m}` as 'segments.metrics.score')] as const);
  const numberField = (field: 'value' | 'days', label: string, step = 'any') => (
    <TextField label={label} type="number" step={step} min={0} value={c[field] === undefined ? '' : String(c[field])} onChange={(e) => put({ [field]: num(e.target.value) })} error={err(field)} />
  );

  let inputs: ReactNode = null;
  switch (c.kind) {
    case 'field':
      inputs = (
        <>
          <SelectField label={t('segments.field')} value={String(c.field)} onChange={(e) => put({ field: e.target.value })} options={(['name', 'company', 'language', 'timezone'] as const).map((f) => [f, t(`segments.fields.${f}`)] as const)} />
          <SelectField label={t('segments.op')} value={String(c.op)} onChange={(e) => put({ op: e.target.value, value: e.target.value === 'empty' ? undefined : (c.value ?? '') })} options={ops(['eq', 'contains', 'empty'])} error={err('op')} />
          {c.op !== 'empty' && <TextField label={t('segments.value')} value={String(c.value ?? '')} onChange={(e) => put({ value: e.target.value })} error={err('value')} />}
        </>
      );
      break;
    case 'tag':
      inputs = (
        <>
          <SelectField label={t('segments.op')} value={String(c.op)} onChange={(e) => put({ op: e.target.value })} options={ops(['has', 'has_not'])} />
          <TextField label={t('segments.value')} value={String(c.value ?? '')} onChange={(e) => put({ value: e.target.value })} error={err('value')} />
        </>
      );
      break;
    case 'attribute': {
      const type = typeof c.value === 'number' ? 'number' : typeof c.value === 'boolean' ? 'boolean' : 'text';
      const numeric = ['gt', 'gte', 'lt', 'lte'].includes(String(c.op));
      inputs = (
        <>
          <TextField label={t('segments.key')} value={String(c.key ?? '')} onChange={(e) => put({ key: e.target.value })} error={err('key')} />
          <SelectField
            label={t('segments.op')}
            value={String(c.op)}
            onChange={(e) => {
              const op = e.target.value;
              if (op === 'exists') put({ op, value: undefined });
              else if (['gt', 'gte', 'lt', 'lte'].includes(op)) put({ op, value: typeof c.value === 'number' ? c.value : 0 });
              else if (op === 'contains') put({ op, value: typeof c.value === 'string' ? c.value : '' });
              else put({ op, value: c.value ?? '' });
            }}
            options={ops([...COMPARE, 'contains', 'exists'])}
          />
          {c.op !== 'exists' && !numeric && c.op !== 'contains' && (
            <SelectField
              label={t('segments.valueType')}
              value={type}
              onChange={(e) => put({ value: e.target.value === 'number' ? 0 : e.target.value === 'boolean' ? true : '' })}
              options={(['text', 'number', 'boolean'] as const).map((x) => [x, t(`segments.types.${x}`)] as const)}
            />
          )}
          {c.op !== 'exists' &&
            (type === 'boolean' && !numeric ? (
              <SelectField label={t('segments.value')} value={String(c.value)} onChange={(e) => put({ value: e.target.value === 'true' })} options={[['true', t('segments.yes')], ['false', t('segments.no')]]} error={err('value')} />
            ) : type === 'number' || numeric ? (
              numberField('value', t('segments.value'))
            ) : (
              <TextField label={t('segments.value')} value={String(c.value ?? '')} onChange={(e) => put({ value: e.target.value })} error={err('value')} />
            ))}
        </>
      );
      break;
    }
    case 'consent':
      inputs = (
        <>
          <SelectField label={t('segments.channel')} value={String(c.channel)} onChange={(e) => put({ channel: e.target.value })} options={(['marketingEmail', 'sms', 'calls'] as const).map((x) => [x, t(`segments.channels.${x}`)] as const)} />
          <SelectField label={t('segments.value')} value={String(c.value)} onChange={(e) => put({ value: e.target.value === 'true' })} options={[['true', t('segments.yes')], ['false', t('segments.no')]]} />
        </>
      );
      break;
    case 'orders':
      inputs = (
        <>
          <SelectField label={t('segments.metric')} value={String(c.metric)} onChange={(e) => put({ metric: e.target.value, days: e.target.value === 'days_since_last_order' ? undefined : (c.days ?? 90) })} options={metrics(['total_spent', 'order_count', 'days_since_last_order'])} />
          {c.metric !== 'days_since_last_order' && numberField('days', t('segments.days'), '1')}
          <SelectField label={t('segments.op')} value={String(c.op)} onChange={(e) => put({ op: e.target.value })} options={ops(COMPARE)} />
          {numberField('value', t('segments.value'))}
        </>
      );
      break;
    case 'surveys':
      inputs = (
        <>
          <SelectField label={t('segments.metric')} value={String(c.metric)} onChange={(e) => put({ metric: e.target.value })} options={metrics(['avg_csat', 'min_csat', 'latest_nps'])} />
          {numberField('days', t('segments.days'), '1')}
          <SelectField label={t('segments.op')} value={String(c.op)} onChange={(e) => put({ op: e.target.value })} options={ops(COMPARE)} />
          {numberField('value', t('segments.value'))}
        </>
      );
      break;
    case 'activity':
      inputs = (
        <>
          <SelectField
            label={t('segments.metric')}
            value={String(c.metric)}
            onChange={(e) => put(e.target.value === 'last_contact' ? { metric: 'last_contact', op: 'within', days: 30, value: undefined } : { metric: 'open_tickets', op: 'gte', value: 1, days: undefined })}
            options={metrics(['last_contact', 'open_tickets'])}
          />
          <SelectField label={t('segments.op')} value={String(c.op)} onChange={(e) => put({ op: e.target.value })} options={ops(c.metric === 'last_contact' ? ['within', 'not_within'] : COMPARE)} error={err('op')} />
          {c.metric === 'last_contact' ? numberField('days', t('segments.days'), '1') : numberField('value', t('segments.value'), '1')}
        </>
      );
      break;
    case 'health':
      inputs = (
        <>
          <SelectField
            label={t('segments.metric')}
            value={String(c.metric)}
            onChange={(e) => put(e.target.value === 'band' ? { metric: 'band', op: undefined, value: 'at_risk' } : { metric: 'score', op: 'lt', value: 40 })}
            options={metrics(['score', 'band'])}
          />
          {c.metric === 'band' ? (
            <SelectField label={t('segments.value')} value={String(c.value)} onChange={(e) => put({ value: e.target.value })} options={(['healthy', 'watch', 'at_risk'] as const).map((b) => [b, t(`health.bands.${b}`)] as const)} error={err('value')} />
          ) : (
            <>
              <SelectField label={t('segments.op')} value={String(c.op)} onChange={(e) => put({ op: e.target.value })} options={ops(COMPARE)} />
              {numberField('value', t('segments.value'), '1')}
            </>
          )}
        </>
      );
      break;
  }

  return (
    <div className="segment-row" role="group" aria-label={t('segments.condition', { n })}>
      <SelectField label={t('segments.kind')} value={c.kind} onChange={(e) => onChange(newCondition(e.target.value))} options={KINDS.map((k) => [k, t(`segments.kinds.${k}`)] as const)} error={err('kind')} />
      {inputs}
      {!readOnly && (
        <button type="button" className="danger" onClick={onRemove} aria-label={t('segments.remove', { n })}>
          ×
        </button>
      )}
    </div>
  );
}
