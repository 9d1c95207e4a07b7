/**
 * Publish-time checks of a flow. Every problem comes back at once, each tied to the node or edge
 * it is about, in words an admin can act on.
 */
import { regexProblem } from './answers.ts';
import { parseExpression } from './expression.ts';
import {
  flowDefinition, isSystemVariable, isWaitingNode, nodeHasPort, nodePorts,
  type FlowDefinition, type FlowNode, type FlowVariable,
} from './schema.ts';
import { isWellFormedName } from './template.ts';
import { urlProblem } from './url-policy.ts';
import { nodeReads, nodeWrites } from './usage.ts';

export interface FlowError {
  nodeId?: string;
  edgeId?: string;
  /** Where in the flow JSON, e.g. "nodes.3.data.url". */
  path: string;
  message: string;
}

export interface ValidateContext {
  /** Hosts http nodes may call ("api.shop.com", "*.shop.com"). */
  allowedHosts: string[];
  knownQueues?: string[];
  knownCalendars?: string[];
}

export type ValidateResult = { ok: true; flow: FlowDefinition; errors: [] } | { ok: false; flow?: FlowDefinition; errors: FlowError[] };

const q = (s: string) => `'${s}'`;

function shapeErrors(input: unknown, issues: { path: PropertyKey[]; message: string }[]): FlowError[] {
  const raw = (input ?? {}) as { nodes?: unknown[]; edges?: unknown[] };
  return issues.map((i) => {
    const path = i.path.map(String).join('.');
    const [where, idx] = i.path;
    const item = typeof idx === 'number' ? (where === 'nodes' ? raw.nodes?.[idx] : where === 'edges' ? raw.edges?.[idx] : undefined) : undefined;
    const id = item && typeof item === 'object' && typeof (item as { id?: unknown }).id === 'string' ? (item as { id: string }).id : undefined;
    const rest = i.path.slice(2).map(String).join('.');
    if (where === 'nodes' && typeof idx === 'number') {
      return { nodeId: id, path, message: `Node ${id ? q(id) : `#${idx + 1}`}${rest ? `, ${rest}` : ''}: ${i.message}` };
    }
    if (where === 'edges' && typeof idx === 'number') {
      return { edgeId: id, path, message: `Edge ${id ?? `#${idx + 1}`}${rest ? `, ${rest}` : ''}: ${i.message}` };
    }
    return { path, message: `${path || 'The flow'}: ${i.message}` };
  });
}

function defaultMatchesType(v: FlowVariable): boolean {
  if (v.default === undefined || v.default === null) return true;
  if (v.type === 'number') return typeof v.default === 'number';
  if (v.type === 'boolean') return typeof v.default === 'boolean';
  return typeof v.default === 'string';
}

/** Strongly connected groups of non-waiting nodes that loop (Tarjan). */
function silentCycles(nodes: FlowNode[], next: Map<string, string[]>): string[][] {
  const silent = new Set(nodes.filter((n) => !isWaitingNode(n)).map((n) => n.id));
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const out: string[][] = [];
  let counter = 0;
  const visit = (v: string) => {
    index.set(v, counter); low.set(v, counter); counter++;
    stack.push(v); onStack.add(v);
    for (const w of next.get(v) ?? []) {
      if (!silent.has(w)) continue;
      if (!index.has(w)) { visit(w); low.set(v, Math.min(low.get(v)!, low.get(w)!)); }
      else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const group: string[] = [];
      let w: string;
      do { w = stack.pop()!; onStack.delete(w); group.push(w); } while (w !== v);
      if (group.length > 1 || (next.get(v) ?? []).includes(v)) out.push(group.reverse());
    }
  };
  for (const id of silent) if (!index.has(id)) visit(id);
  return out;
}

function nodeSpecific(n: FlowNode, i: number, ctx: ValidateContext, err: (e: FlowError) => void): void {
  const at = (p: string, message: string) => err({ nodeId: n.id, path: `nodes.${i}.${p}`, message: `Node ${q(n.id)}: ${message}` });
  const dupes = (keys: string[], what: string, p: string) => {
    const seen = new Set<string>();
    for (const k of keys) { if (seen.has(k)) at(p, `the ${what} "${k}" is used twice`); seen.add(k); }
  };
  switch (n.type) {
    case 'ask':
      if (n.data.kind === 'regex' && !n.data.pattern) at('data.pattern', 'a regex question needs a pattern');
      if (n.data.pattern) { const p = regexProblem(n.data.pattern); if (p) at('data.pattern', p); }
      dupes((n.data.quickReplies ?? []).map((r) => r.key), 'quick reply key', 'data.quickReplies');
      break;
    case 'menu':
      dupes(n.data.options.map((o) => o.key), 'option key', 'data.options');
      dupes(n.data.options.flatMap((o) => (o.dtmf ? [o.dtmf] : [])), 'key to press', 'data.options');
      break;
    case 'condition':
      n.data.rules.forEach((r, j) => {
        if (r.op === 'matches') {
          const p = typeof r.value === 'string' ? regexProblem(r.value) : 'a "matches" rule needs a pattern';
          if (p) at(`data.rules.${j}.value`, p);
        } else if (r.op !== 'exists' && r.value === undefined) at(`data.rules.${j}.value`, `the "${r.op}" rule on ${r.left} needs a value to compare with`);
      });
      break;
    case 'set':
      n.data.assignments.forEach((a, j) => {
        if (a.mode !== 'expression') return;
        if (typeof a.value !== 'string') { at(`data.assignments.${j}.value`, 'an expression must be text such as "count + 1"'); return; }
        try { parseExpression(a.value); } catch (e) { at(`data.assignments.${j}.value`, `the expression "${a.value}" cannot be read: ${(e as Error).message}`); }
      });
      break;
    case 'http': {
      const p = urlProblem(n.data.url, ctx.allowedHosts);
      if (p) at('data.url', p);
      break;
    }
    case 'business_hours':
      if (ctx.knownCalendars && !ctx.knownCalendars.includes(n.data.calendarId)) at('data.calendarId', `the business-hours calendar ${q(n.data.calendarId)} does not exist`);
      break;
    case 'handover':
      if (n.data.queueId && ctx.knownQueues && !ctx.knownQueues.includes(n.data.queueId)) at('data.queueId', `the queue ${q(n.data.queueId)} does not exist`);
      break;
    default:
      break;
  }
}

const ASK_TYPES: Record<string, readonly string[]> = {
  text: ['string'], email: ['email', 'string'], phone: ['phone', 'string'], number: ['number'], date: ['date', 'string'], regex: ['string'],
};

/** Steps may not overwrite built-in values, and an ask must save into a variable of a fitting type. */
function writeChecks(n: FlowNode, i: number, types: Map<string, string>, err: (e: FlowError) => void): void {
  const at = (p: string, message: string) => err({ nodeId: n.id, path: `nodes.${i}.${p}`, message: `Node ${q(n.id)}: ${message}` });
  if (n.type !== 'intent') {
    for (const name of nodeWrites(n)) {
      if (name === 'last_input' || name === 'intent') at('data', `${name} is set by the bot itself and cannot be written by a step`);
    }
  }
  if (n.type === 'ask') {
    const declared = types.get(n.data.variable);
    const fits = n.data.quickReplies?.length ? [...(ASK_TYPES[n.data.kind] ?? []), 'string'] : ASK_TYPES[n.data.kind] ?? [];
    if (declared && !fits.includes(declared)) at('data.variable', `a ${n.data.kind} answer cannot be saved in ${n.data.variable}, which is declared as ${declared}`);
  }
}

/** Every problem of a flow (any JSON); an empty list means it may be published. */
export function validateFlow(input: unknown, ctx: ValidateContext): FlowError[] {
  return checkFlow(input, ctx).errors;
}

/** Like validateFlow, plus the parsed flow (defaults filled) when its shape is right. */
export function checkFlow(input: unknown, ctx: ValidateContext): ValidateResult {
  const parsed = flowDefinition.safeParse(input);
  if (!parsed.success) return { ok: false, errors: shapeErrors(input, parsed.error.issues) };
  const flow = parsed.data;
  const errors: FlowError[] = [];
  const err = (e: FlowError) => errors.push(e);

  const byId = new Map<string, FlowNode>();
  flow.nodes.forEach((n, i) => {
    if (byId.has(n.id)) err({ nodeId: n.id, path: `nodes.${i}.id`, message: `Two nodes have the id ${q(n.id)}; ids must be unique` });
    byId.set(n.id, n);
  });
  if (!byId.has(flow.start)) err({ path: 'start', message: `The start node ${q(flow.start)} does not exist` });

  const vars = new Set<string>();
  const varTypes = new Map(flow.variables.map((v) => [v.name, v.type] as const));
  flow.variables.forEach((v, i) => {
    if (vars.has(v.name)) err({ path: `variables.${i}.name`, message: `The variable ${v.name} is declared twice` });
    if (isSystemVariable(v.name)) err({ path: `variables.${i}.name`, message: `${v.name} is a built-in variable; choose another name` });
    if (!defaultMatchesType(v)) err({ path: `variables.${i}.default`, message: `The default of ${v.name} is not a ${v.type}` });
    vars.add(v.name);
  });
  if (flow.handover?.queueId && ctx.knownQueues && !ctx.knownQueues.includes(flow.handover.queueId)) {
    err({ path: 'handover.queueId', message: `The hand-over queue ${q(flow.handover.queueId)} does not exist` });
  }

  // Edges: both ends exist, the port exists on the source, one edge per port.
  const next = new Map<string, string[]>();
  const used = new Map<string, string>();
  const edgeIds = new Set<string>();
  flow.edges.forEach((e, i) => {
    const path = `edges.${i}`;
    if (edgeIds.has(e.id)) err({ edgeId: e.id, path: `${path}.id`, message: `Two edges have the id ${e.id}` });
    edgeIds.add(e.id);
    const src = byId.get(e.source);
    let ok = true;
    if (!src) { ok = false; err({ edgeId: e.id, path: `${path}.source`, message: `Edge ${e.id} starts at node ${q(e.source)} which does not exist` }); }
    if (!byId.has(e.target)) { ok = false; err({ edgeId: e.id, nodeId: src?.id, path: `${path}.target`, message: `Edge ${e.id} points to node ${q(e.target)} which does not exist` }); }
    if (src && !nodeHasPort(src, e.sourceHandle)) {
      ok = false;
      err({ edgeId: e.id, nodeId: src.id, path: `${path}.sourceHandle`, message: `Edge ${e.id} leaves node ${q(src.id)} by the port '${e.sourceHandle}', which a ${src.type} node does not have` });
    }
    const key = `${e.source}\u0000${e.sourceHandle}`;
    if (ok && used.has(key)) {
      err({ edgeId: e.id, nodeId: e.source, path: `${path}.sourceHandle`, message: `Node ${q(e.source)} has two edges from its '${e.sourceHandle}' port (${used.get(key)} and ${e.id}); keep one` });
    }
    if (ok) {
      used.set(key, e.id);
      next.set(e.source, [...(next.get(e.source) ?? []), e.target]);
    }
  });

  flow.nodes.forEach((n, i) => {
    for (const p of nodePorts(n)) {
      if (p.required && !used.has(`${n.id}\u0000${p.port}`)) {
        err({ nodeId: n.id, path: `nodes.${i}`, message: `Node ${q(n.id)} (${n.type}) has nothing connected to its '${p.port}' port` });
      }
    }
    if (n.type === 'intent' && ![...used.keys()].some((k) => k.startsWith(`${n.id}\u0000option:`) || k === `${n.id}\u0000match`)) {
      err({ nodeId: n.id, path: `nodes.${i}`, message: `Node ${q(n.id)} (intent) has no 'option:<intent>' or 'match' edge, so every message would leave by 'nomatch'` });
    }
    nodeSpecific(n, i, ctx, err);
    writeChecks(n, i, varTypes, err);
  });

  // Reachability from the start node.
  if (byId.has(flow.start)) {
    const seen = new Set<string>([flow.start]);
    const todo = [flow.start];
    while (todo.length) for (const t of next.get(todo.pop()!) ?? []) if (!seen.has(t)) { seen.add(t); todo.push(t); }
    flow.nodes.forEach((n, i) => {
      if (!seen.has(n.id)) err({ nodeId: n.id, path: `nodes.${i}`, message: `Node ${q(n.id)} cannot be reached from the start node ${q(flow.start)}` });
    });
  }

  for (const group of silentCycles(flow.nodes, next)) {
    err({ nodeId: group[0], path: `nodes.${flow.nodes.findIndex((n) => n.id === group[0])}`, message: `Nodes ${group.map(q).join(' → ')} → ${q(group[0]!)} form a loop with no step that waits for the customer; add an ask, menu, FAQ or CSAT step to the loop or break it` });
  }

  // Variables: read ones must be declared, built in, or set by a node of the flow.
  const known = new Set([...vars, ...flow.nodes.flatMap(nodeWrites)]);
  flow.nodes.forEach((n, i) => {
    const reported = new Set<string>();
    for (const r of nodeReads(n)) {
      if (reported.has(r.name)) continue;
      if (!isWellFormedName(r.name)) {
        reported.add(r.name);
        err({ nodeId: n.id, path: `nodes.${i}.${r.path}`, message: `Node ${q(n.id)}: {{${r.name}}} is not a variable name (use letters, digits and _, or customer.<field>)` });
      } else if (!known.has(r.name) && !isSystemVariable(r.name)) {
        reported.add(r.name);
        err({ nodeId: n.id, path: `nodes.${i}.${r.path}`, message: `Node ${q(n.id)} uses the variable ${r.name}, which is not declared; add it to the flow's variables or fix the name` });
      }
    }
  });

  return errors.length ? { ok: false, flow, errors } : { ok: true, flow, errors: [] };
}
