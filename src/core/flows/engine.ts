/**
 * The flow engine: given a flow, the session state and one input, it runs nodes until the flow
 * waits for the customer, hands over to a person or ends, and returns the new state (plain JSON),
 * the channel-neutral outputs and the effects for the runtime. Pure: I/O goes through `ports`,
 * the time comes in as `now`.
 */
import { isHumanRequest } from './human-request.ts';
import { assignDtmf, enterWaiting, resumeWaiting, type WaitingNode } from './nodes-waiting.ts';
import { runSimple } from './nodes-simple.ts';
import { isWaitingNode, type FlowDefinition, type FlowNode } from './schema.ts';
import { createContext, edgeFrom, handover, record, sayText, type Next, type RunContext } from './run-context.ts';
import { normalizeLanguage, pickText } from './template.ts';
import { builtIn, LANGUAGE_NAMES } from './texts.ts';
import type { FlowInput, FlowPorts, FlowState, HandoverReason, StepResult } from './types.ts';

/** Node visits allowed while answering one input; beyond it the flow hands over. */
export const MAX_VISITS_PER_STEP = 100;
const MAX_INPUT_CHARS = 4000;

export function initialState(flow: FlowDefinition, input: Extract<FlowInput, { kind: 'start' }> = { kind: 'start' }): FlowState {
  const variables: FlowState['variables'] = {};
  for (const v of flow.variables) variables[v.name] = v.default ?? null;
  const declared = new Set(flow.variables.map((v) => v.name));
  for (const [k, v] of Object.entries(input.variables ?? {})) if (declared.has(k)) variables[k] = v;
  return {
    v: 1,
    status: 'active',
    nodeId: null,
    phase: 'prompt',
    variables,
    customer: { ...(input.customer ?? {}) },
    language: normalizeLanguage(input.language) ?? flow.defaultLanguage ?? 'en',
    retries: 0,
    attempts: 0,
    lastInput: null,
    transcript: [],
    visits: 0,
    totalVisits: 0,
  };
}

const isRecord = (v: unknown): v is Record<string, never> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A deep copy of a stored state, with any missing or damaged field put back to its default. */
function restore(flow: FlowDefinition, stored: FlowState): FlowState {
  const s = JSON.parse(JSON.stringify(stored)) as Partial<FlowState>;
  const d = initialState(flow);
  const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : 0);
  return {
    v: 1,
    status: s.status === 'waiting' || s.status === 'handover' || s.status === 'ended' ? s.status : 'ended',
    nodeId: typeof s.nodeId === 'string' ? s.nodeId : null,
    phase: s.phase === 'confirm' || s.phase === 'rephrase' ? s.phase : 'prompt',
    variables: isRecord(s.variables) ? s.variables : d.variables,
    customer: isRecord(s.customer) ? s.customer : {},
    language: typeof s.language === 'string' && s.language ? s.language : d.language,
    retries: num(s.retries),
    attempts: num(s.attempts),
    lastInput: typeof s.lastInput === 'string' ? s.lastInput : null,
    transcript: Array.isArray(s.transcript) ? s.transcript.filter((t) => isRecord(t) && typeof t.text === 'string') : [],
    visits: 0,
    totalVisits: num(s.totalVisits),
  };
}

const FALLBACK_REASON: Record<string, HandoverReason> = { nomatch: 'no_match', error: 'invalid_answer', no: 'kb_no', handover: 'human_request' };

async function enter(c: RunContext, n: FlowNode): Promise<Next> {
  c.state.nodeId = n.id;
  if (isWaitingNode(n)) return enterWaiting(c, n as WaitingNode);
  return runSimple(c, n as Exclude<FlowNode, WaitingNode>);
}

/** Follows ports from `node` until the flow waits, hands over or ends. */
async function follow(c: RunContext, from: FlowNode, first: Next): Promise<void> {
  let node = from;
  let next = first;
  for (;;) {
    if ('wait' in next) return;
    if ('end' in next) {
      c.effects.push({ kind: 'end' });
      c.state.status = 'ended';
      c.state.nodeId = null;
      return;
    }
    if ('handover' in next) {
      handover(c, c.pendingReason ?? next.handover, next.node);
      return;
    }
    if (next.reason) c.pendingReason = next.reason;
    const edge = edgeFrom(c, node.id, next.go);
    const target = edge ? c.nodes.get(edge.target) : undefined;
    if (!target) {
      // An optional port left open (or a flow that was never validated): a person takes over.
      if (edge || !FALLBACK_REASON[next.go]) sayText(c, builtIn('error', c.state.language));
      handover(c, c.pendingReason ?? FALLBACK_REASON[next.go] ?? 'error');
      return;
    }
    c.state.visits += 1;
    c.state.totalVisits += 1;
    if (c.state.visits > MAX_VISITS_PER_STEP) {
      sayText(c, builtIn('error', c.state.language));
      handover(c, 'step_limit');
      return;
    }
    node = target;
    next = await enter(c, node);
  }
}

/** How a reply reads in the transcript: the chosen option's label rather than its key. */
function replyLine(c: RunContext, n: FlowNode | undefined, input: Exclude<FlowInput, { kind: 'start' }>): string {
  if (input.kind === 'text') return input.text;
  if (input.kind === 'dtmf') {
    if (n?.type !== 'menu') return input.digits;
    const i = assignDtmf(n.data.options).indexOf(input.digits);
    const o = n.data.options[i];
    return o ? `${pickText(o.label, c.state.language, c.flow.defaultLanguage)} (${input.digits})` : input.digits;
  }
  if (input.kind === 'timeout') return '';
  const lang = c.state.language;
  const key = input.key;
  if (n?.type === 'menu') { const o = n.data.options.find((x) => x.key === key); if (o) return pickText(o.label, lang, c.flow.defaultLanguage); }
  if (n?.type === 'ask') { const o = n.data.quickReplies?.find((x) => x.key === key); if (o) return pickText(o.label, lang, c.flow.defaultLanguage); }
  if (n?.type === 'kb_answer' && (key === 'yes' || key === 'no')) return builtIn(key, lang);
  if (n?.type === 'language') return LANGUAGE_NAMES[key] ?? key;
  return key;
}

function result(c: RunContext): StepResult {
  const s = c.state;
  const status = s.status === 'waiting' ? 'waiting' : s.status === 'handover' ? 'handover' : 'ended';
  return { state: s, outputs: c.outputs, effects: c.effects, status };
}

/**
 * Runs one input. `{ kind: 'start' }` (or any input with no state yet) starts the flow at its start
 * node; a first message is kept as {{last_input}} so an intent or FAQ step can use it. Inputs after
 * a hand-over or the end change nothing.
 */
export async function step(flow: FlowDefinition, state: FlowState | null, input: FlowInput, ports: FlowPorts, now: Date): Promise<StepResult> {
  const clipped: FlowInput = input.kind === 'text' ? { kind: 'text', text: String(input.text).slice(0, MAX_INPUT_CHARS) } : input;
  const starting = clipped.kind === 'start' || state === null;
  const s: FlowState = starting
    ? initialState(flow, clipped.kind === 'start' ? clipped : { kind: 'start' })
    : restore(flow, state);
  s.visits = 0;
  const c = createContext(flow, s, ports, now);
  if (!starting && (s.status === 'handover' || s.status === 'ended')) return result(c);

  try {
    if (starting) {
      if (clipped.kind === 'text') {
        s.lastInput = clipped.text;
        record(c, 'customer', clipped.text);
        if (isHumanRequest(clipped.text)) {
          handover(c, 'human_request');
          return result(c);
        }
      }
      const start = c.nodes.get(flow.start);
      if (!start) {
        sayText(c, builtIn('error', s.language));
        handover(c, 'error');
        return result(c);
      }
      s.visits = 1;
      s.totalVisits += 1;
      await follow(c, start, await enter(c, start));
      return result(c);
    }
    const node = s.nodeId ? c.nodes.get(s.nodeId) : undefined;
    record(c, 'customer', replyLine(c, node, clipped));
    if (clipped.kind === 'text') s.lastInput = clipped.text;
    if (!node || !isWaitingNode(node)) {
      sayText(c, builtIn('error', s.language));
      handover(c, 'error');
      return result(c);
    }
    if (clipped.kind === 'text' && isHumanRequest(clipped.text)) {
      await follow(c, node, { go: 'handover', reason: 'human_request' });
      return result(c);
    }
    await follow(c, node, await resumeWaiting(c, node as WaitingNode, clipped));
  } catch {
    // Never show internals to the customer: apologise and hand over.
    sayText(c, builtIn('error', s.language));
    handover(c, 'error');
  }
  return result(c);
}
