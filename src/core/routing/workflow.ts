/**
 * Workflows: validate a stored workflow (rules -> targets) against the tenant's queues, skills and
 * teams, and compile it into what the engine runs. Design: docs/decisions/013-routing.md.
 */
import { invalid } from '../errors.ts';
import { check, compile, compileSkillScore, ExprError, parse, type Expr, type Scope } from './expr/index.ts';
import {
  finalActions, skipConditions,
  type CompiledRule, type CompiledTarget, type CompiledWorkflow, type RoutingAgent, type TaskAttributes, type WorkflowSource,
} from './types.ts';

export interface WorkflowCatalog {
  queues: readonly { id: string; name: string }[];
  skills: readonly string[];
  teams: readonly { id: string; name: string }[];
}

export interface WorkflowError {
  /** Where, e.g. "rules[2].targets[0].agents". */
  path: string;
  message: string;
  /** 1-based column inside the expression, for filter and agents errors. */
  column?: number;
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** Parse and check one expression; empty source is fine (no filter). */
function checkExpr(source: unknown, scope: Scope, path: string, errors: WorkflowError[]): Expr | null {
  if (typeof source !== 'string') { errors.push({ path, message: 'must be text (an expression, or empty for none)' }); return null; }
  if (source.trim() === '') return null;
  try {
    const ast = parse(source);
    const problems = check(ast, scope);
    for (const p of problems) errors.push({ path, message: p.message, column: p.column });
    return problems.length ? null : ast;
  } catch (e) {
    if (e instanceof ExprError) { errors.push({ path, message: e.message, column: e.column }); return null; }
    throw e;
  }
}

/** Every problem of a workflow; an empty list means it can be saved and run. */
export function validateWorkflow(source: WorkflowSource, catalog: WorkflowCatalog): WorkflowError[] {
  const errors: WorkflowError[] = [];
  const src: unknown = source;
  if (!isObj(src) || !Array.isArray(src.rules)) return [{ path: 'rules', message: 'must be a list of rules' }];
  const queueName = new Map(catalog.queues.map((q) => [q.id, q.name]));
  const agentScope: Scope = { kind: 'agent', skills: catalog.skills, teams: catalog.teams };
  const seenIds = new Map<string, number>();

  src.rules.forEach((rule: unknown, i: number) => {
    const at = `rules[${i}]`;
    if (!isObj(rule)) { errors.push({ path: at, message: 'must be a rule (id, name, filter, priority, targets, finally)' }); return; }
    if (typeof rule.id !== 'string' || rule.id.trim() === '') errors.push({ path: `${at}.id`, message: 'a rule needs an id' });
    else if (seenIds.has(rule.id)) errors.push({ path: `${at}.id`, message: `rule id '${rule.id}' is already used by rules[${seenIds.get(rule.id)}]; each rule needs its own id` });
    else seenIds.set(rule.id, i);
    if (typeof rule.name !== 'string' || rule.name.trim() === '') errors.push({ path: `${at}.name`, message: 'a rule needs a name' });
    checkExpr(rule.filter, { kind: 'task' }, `${at}.filter`, errors);
    if (!isNum(rule.priority) || rule.priority < 0 || rule.priority > 100) errors.push({ path: `${at}.priority`, message: 'priority must be a number from 0 to 100' });
    if (!(finalActions as readonly unknown[]).includes(rule.finally)) errors.push({ path: `${at}.finally`, message: `finally must be one of ${finalActions.join(', ')}` });
    if (!Array.isArray(rule.targets) || rule.targets.length === 0) { errors.push({ path: `${at}.targets`, message: 'a rule needs at least one target queue' }); return; }

    const targets = rule.targets as unknown[];
    const left = new Set<string>();
    let previous: string | undefined;
    const visited: string[] = [];
    targets.forEach((target, k) => {
      const tp = `${at}.targets[${k}]`;
      if (!isObj(target)) { errors.push({ path: tp, message: 'must be a target (queueId, agents, priorityBoost, timeoutSeconds, skipWhen)' }); return; }
      const qid = target.queueId;
      if (typeof qid !== 'string' || !queueName.has(qid)) {
        errors.push({ path: `${tp}.queueId`, message: `queue ${typeof qid === 'string' ? `'${qid}' ` : ''}does not exist; pick one of the workspace's queues` });
      } else {
        if (qid !== previous) {
          if (left.has(qid)) {
            const names = [...visited, qid].map((id) => queueName.get(id) ?? id).join(' -> ');
            errors.push({ path: `${tp}.queueId`, message: `overflow loop: the targets go back to queue '${queueName.get(qid)}' after leaving it (${names}); a task would move in circles` });
          }
          if (previous !== undefined) left.add(previous);
          visited.push(qid);
          previous = qid;
        }
      }
      checkExpr(target.agents, agentScope, `${tp}.agents`, errors);
      if (!isNum(target.priorityBoost) || target.priorityBoost < -100 || target.priorityBoost > 100) errors.push({ path: `${tp}.priorityBoost`, message: 'priorityBoost must be a number from -100 to 100' });
      const timeout = target.timeoutSeconds;
      if (timeout === null) {
        if (k < targets.length - 1) errors.push({ path: `${tp}.timeoutSeconds`, message: `only the last target may wait without a time limit; targets after this one (${k + 1} to ${targets.length - 1}) would never be reached; set a timeout` });
      } else if (!isNum(timeout) || timeout <= 0) {
        errors.push({ path: `${tp}.timeoutSeconds`, message: 'timeoutSeconds must be a positive number of seconds, or null (no limit) on the last target' });
      }
      if (!Array.isArray(target.skipWhen)) errors.push({ path: `${tp}.skipWhen`, message: `skipWhen must be a list of ${skipConditions.join(', ')}` });
      else {
        target.skipWhen.forEach((s: unknown, j: number) => {
          if (!(skipConditions as readonly unknown[]).includes(s)) errors.push({ path: `${tp}.skipWhen[${j}]`, message: `unknown skip condition ${JSON.stringify(s)}; use one of ${skipConditions.join(', ')}` });
        });
        if (new Set(target.skipWhen).size !== target.skipWhen.length) errors.push({ path: `${tp}.skipWhen`, message: 'a skip condition is listed twice' });
      }
    });
  });
  return errors;
}

/** Validate and compile; throws AppError invalid with every problem as details when the workflow is not valid. */
export function compileWorkflow(source: WorkflowSource, version: number, catalog: WorkflowCatalog): CompiledWorkflow {
  const errors = validateWorkflow(source, catalog);
  if (errors.length) {
    const first = errors[0]!;
    const more = errors.length > 1 ? ` (and ${errors.length - 1} more problem${errors.length > 2 ? 's' : ''})` : '';
    throw invalid(`The workflow was not saved: ${first.path}: ${first.message}${more}; fix it and save again`, errors);
  }
  const agentScope: Scope = { kind: 'agent', skills: catalog.skills, teams: catalog.teams };
  const rules: CompiledRule[] = source.rules.map((r) => {
    const filter = r.filter.trim() === '' ? null : parse(r.filter);
    const targets: CompiledTarget[] = r.targets.map((t) => {
      const ast = t.agents.trim() === '' ? null : parse(t.agents);
      const compiled: CompiledTarget = {
        queueId: t.queueId,
        agentsSource: t.agents,
        skillScore: compileSkillScore(ast, agentScope),
        priorityBoost: t.priorityBoost,
        timeoutMs: t.timeoutSeconds === null ? null : Math.round(t.timeoutSeconds * 1000),
        skipWhen: [...t.skipWhen],
      };
      if (ast) compiled.agentFilter = compile<RoutingAgent>(ast, agentScope);
      return compiled;
    });
    return {
      id: r.id,
      name: r.name,
      filterSource: r.filter,
      matches: filter ? compile<TaskAttributes>(filter, { kind: 'task' }) : () => true,
      priority: r.priority,
      targets,
      finally: r.finally,
    };
  });
  return { version, rules };
}

/** The first rule whose filter matches the task's attributes, or null. */
export function matchRule(wf: CompiledWorkflow, attrs: TaskAttributes): CompiledRule | null {
  for (const r of wf.rules) if (r.matches(attrs)) return r;
  return null;
}
