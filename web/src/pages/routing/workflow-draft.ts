import { finalActions, skipConditions } from '../../../../src/core/routing/types.ts';
import type { WorkflowRule, WorkflowRules, WorkflowTarget } from '../../api/routing.ts';

/** The rule editor's working copy: numbers as typed text, plus a stable key per row for React. */
export interface TargetDraft {
  key: string;
  queueId: string;
  agents: string;
  priorityBoost: string;
  timeoutSeconds: string;
  skipWhen: string[];
}
export interface RuleDraft {
  key: string;
  id: string;
  name: string;
  filter: string;
  priority: string;
  finally: string;
  targets: TargetDraft[];
}

let counter = 0;
export const newKey = (): string => `k${Date.now().toString(36)}${(counter++).toString(36)}`;

export function newTarget(queueId = ''): TargetDraft {
  return { key: newKey(), queueId, agents: '', priorityBoost: '0', timeoutSeconds: '', skipWhen: [] };
}
export function newRule(queueId = ''): RuleDraft {
  return { key: newKey(), id: `rule-${newKey()}`, name: '', filter: '', priority: '50', finally: 'stay', targets: [newTarget(queueId)] };
}

export function toDrafts(rules: readonly WorkflowRule[]): RuleDraft[] {
  return rules.map((r) => ({
    key: newKey(),
    id: r.id,
    name: r.name,
    filter: r.filter ?? '',
    priority: String(r.priority ?? 50),
    finally: r.finally ?? 'stay',
    targets: r.targets.map((x) => ({
      key: newKey(),
      queueId: x.queueId,
      agents: x.agents ?? '',
      priorityBoost: String(x.priorityBoost ?? 0),
      timeoutSeconds: x.timeoutSeconds == null ? '' : String(x.timeoutSeconds),
      skipWhen: [...(x.skipWhen ?? [])],
    })),
  }));
}

const int = (s: string, fallback: number) => {
  const n = Number(s.trim());
  return s.trim() === '' || Number.isNaN(n) ? fallback : n;
};

/** The body PUT /routing/workflow takes; the server validates it (and says where it is wrong). */
export function toRules(drafts: readonly RuleDraft[]): WorkflowRules {
  return drafts.map((r) => ({
    id: r.id,
    name: r.name.trim(),
    filter: r.filter.trim(),
    priority: int(r.priority, 50),
    finally: r.finally as (typeof finalActions)[number],
    targets: r.targets.map(
      (x): WorkflowTarget => ({
        queueId: x.queueId,
        agents: x.agents.trim(),
        priorityBoost: int(x.priorityBoost, 0),
        timeoutSeconds: x.timeoutSeconds.trim() === '' ? null : int(x.timeoutSeconds, 30),
        skipWhen: x.skipWhen.filter((s): s is (typeof skipConditions)[number] => (skipConditions as readonly string[]).includes(s)),
      }),
    ),
  }));
}

/** Swap two entries (move up/down); out of range leaves the list as it is. */
export function moved<T>(items: readonly T[], index: number, by: -1 | 1): T[] {
  const j = index + by;
  if (j < 0 || j >= items.length) return [...items];
  const next = [...items];
  [next[index], next[j]] = [next[j]!, next[index]!];
  return next;
}

type Attr = string | number | boolean | null | string[];

/** "custom.plan=gold" lines -> attributes; numbers and true/false are typed. */
export function parseCustom(text: string): Record<string, Attr> {
  const out: Record<string, Attr> = {};
  for (const line of text.split('\n')) {
    const i = line.indexOf('=');
    if (i <= 0) continue;
    const rawName = line.slice(0, i).trim();
    const value = line.slice(i + 1).trim();
    if (!rawName) continue;
    const name = rawName.startsWith('custom.') ? rawName : `custom.${rawName}`;
    out[name] = value === 'true' ? true : value === 'false' ? false : value !== '' && !Number.isNaN(Number(value)) ? Number(value) : value;
  }
  return out;
}
