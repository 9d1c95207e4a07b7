/** Nodes that run without waiting for the customer. */
import { safeSearch } from './answers.ts';
import { evaluate, parseExpression } from './expression.ts';
import type { ConditionRule, FlowNode, NodeOf } from './schema.ts';
import { edgeFrom, fill, get, say, setVar, text, type Next, type RunContext } from './run-context.ts';
import { lookup, valueToString } from './template.ts';
import type { FlowValue, HttpResponse } from './types.ts';

const asNum = (v: FlowValue | undefined): number | null => {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v.trim()))) return Number(v.trim());
  return null;
};
const ISO_DATE = /^\d{4}-\d{2}-\d{2}/;
const norm = (v: FlowValue | undefined) => valueToString(v).trim().toLocaleLowerCase();

export function ruleHolds(c: RunContext, r: ConditionRule): boolean {
  const left = lookup(c.state, r.left);
  const right: FlowValue | undefined = typeof r.value === 'string' && r.op !== 'matches' ? fill(c, r.value) : r.value;
  switch (r.op) {
    case 'exists': return left !== undefined && left !== null && left !== '';
    case 'eq':
    case 'neq': {
      const ln = asNum(left);
      const rn = asNum(right);
      const same = ln !== null && rn !== null ? ln === rn : norm(left) === norm(right);
      return r.op === 'eq' ? same : !same;
    }
    case 'gt':
    case 'lt': {
      const ln = asNum(left);
      const rn = asNum(right);
      let cmp: number | null = null;
      if (ln !== null && rn !== null) cmp = ln - rn;
      else if (typeof left === 'string' && typeof right === 'string' && ISO_DATE.test(left) && ISO_DATE.test(right)) cmp = left < right ? -1 : left > right ? 1 : 0;
      if (cmp === null) return false;
      return r.op === 'gt' ? cmp > 0 : cmp < 0;
    }
    case 'contains': return norm(right) !== '' && norm(left).includes(norm(right));
    case 'matches': return typeof right === 'string' && safeSearch(right, valueToString(left));
  }
}

function walkJson(json: unknown, path: string): FlowValue | undefined {
  if (path === 'json') return toValue(json);
  const parts = path.slice('json'.length).match(/\.[A-Za-z0-9_-]+|\[\d+\]/g) ?? [];
  let cur: unknown = json;
  for (const p of parts) {
    if (cur === null || typeof cur !== 'object') return undefined;
    const key = p.startsWith('[') ? Number(p.slice(1, -1)) : p.slice(1);
    cur = Array.isArray(cur) && typeof key === 'number' ? cur[key] : (cur as Record<string, unknown>)[String(key)];
  }
  return toValue(cur);
}

function toValue(v: unknown): FlowValue | undefined {
  if (v === undefined) return undefined;
  if (v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  try { return JSON.stringify(v).slice(0, 1000); } catch { return undefined; }
}

const jsonEscape = (s: string) => JSON.stringify(s).slice(1, -1);

async function runHttp(c: RunContext, n: NodeOf<'http'>): Promise<Next> {
  const d = n.data;
  const body = d.body === undefined ? undefined : fill(c, d.body, /^\s*[[{]/.test(d.body) ? jsonEscape : undefined);
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(d.headers ?? {})) headers[k] = fill(c, v).replace(/[\r\n]/g, ' ');
  let res: HttpResponse;
  try {
    res = await c.ports.http({ method: d.method, url: fill(c, d.url, encodeURIComponent), headers, ...(body !== undefined ? { body } : {}), timeoutMs: d.timeoutMs });
  } catch {
    return { go: 'error' };
  }
  if (!res || typeof res.status !== 'number' || res.status < 200 || res.status >= 300) return { go: 'error' };
  const values: [string, FlowValue][] = [];
  for (const [name, path] of Object.entries(d.mapping)) {
    if (path === 'status') { values.push([name, res.status]); continue; }
    if (res.json === undefined) return { go: 'error' };
    const v = walkJson(res.json, path);
    values.push([name, v === undefined ? null : v]);
  }
  for (const [name, v] of values) setVar(c, name, v);
  return { go: 'next' };
}

export async function runSimple(c: RunContext, n: Exclude<FlowNode, { type: 'ask' | 'menu' | 'kb_answer' | 'csat' }>): Promise<Next> {
  switch (n.type) {
    case 'message':
      say(c, { kind: 'text', text: text(c, n.data.text) }, n.id);
      return { go: 'next' };
    case 'set':
      for (const a of n.data.assignments) {
        if (a.mode === 'template') setVar(c, a.variable, fill(c, valueToString(a.value)));
        else if (a.mode === 'expression') setVar(c, a.variable, evaluate(parseExpression(valueToString(a.value)), get(c)));
        else setVar(c, a.variable, a.value);
      }
      return { go: 'next' };
    case 'condition': {
      const results = n.data.rules.map((r) => ruleHolds(c, r));
      const ok = n.data.match === 'all' ? results.every(Boolean) : results.some(Boolean);
      return { go: ok ? 'true' : 'false' };
    }
    case 'http':
      return runHttp(c, n);
    case 'business_hours': {
      let open = false;
      try { open = (await c.ports.isOpen(n.data.calendarId, c.now)) === true; } catch { open = false; }
      return { go: open ? 'open' : 'closed' };
    }
    case 'language': {
      const lang = c.state.language;
      const base = lang.split('-')[0];
      const match = n.data.languages.find((l) => l === lang) ?? n.data.languages.find((l) => l.split('-')[0] === base);
      return { go: match && edgeFrom(c, n.id, `lang:${match}`) ? `lang:${match}` : 'next' };
    }
    case 'intent': {
      const input = n.data.text !== undefined ? fill(c, n.data.text) : c.state.lastInput ?? '';
      let result: { intent: string; confidence: number } | null = null;
      if (input.trim()) {
        try { result = await c.ports.classifyIntent(input, c.state.language); } catch { result = null; }
      }
      if (!result || typeof result.intent !== 'string' || !(result.confidence >= n.data.threshold)) {
        setVar(c, 'intent', null);
        return { go: 'nomatch' };
      }
      setVar(c, 'intent', result.intent);
      c.effects.push({ kind: 'set_attribute', name: 'intent', value: result.intent });
      if (edgeFrom(c, n.id, `option:${result.intent}`)) return { go: `option:${result.intent}` };
      return { go: edgeFrom(c, n.id, 'match') ? 'match' : 'nomatch' };
    }
    case 'create_ticket':
      try {
        const t = await c.ports.createTicket({
          subject: fill(c, n.data.subject).slice(0, 200),
          body: fill(c, n.data.body),
          priority: n.data.priority,
          variables: { ...c.state.variables },
          transcript: c.state.transcript.map((x) => ({ ...x })),
        });
        if (n.data.variable) setVar(c, n.data.variable, t.number ?? t.id);
        return { go: 'next' };
      } catch {
        return { go: 'error' };
      }
    case 'handover':
      return { handover: 'node', node: n };
    case 'end':
      if (n.data.text) say(c, { kind: 'text', text: text(c, n.data.text) }, n.id);
      return { end: true };
  }
}
