/** The working memory of one engine step, and the small helpers every node uses. */
import type { FlowDefinition, FlowEdge, FlowNode, LocalizedText } from './schema.ts';
import { interpolate, lookup, normalizeLanguage, pickText } from './template.ts';
import { builtIn, type BuiltInText } from './texts.ts';
import type { FlowEffect, FlowOutput, FlowPorts, FlowState, FlowValue, HandoverReason } from './types.ts';

export const MAX_TRANSCRIPT = 200;

export interface RunContext {
  flow: FlowDefinition;
  state: FlowState;
  outputs: FlowOutput[];
  effects: FlowEffect[];
  ports: FlowPorts;
  now: Date;
  nodes: Map<string, FlowNode>;
  edges: Map<string, FlowEdge>;
  /** Why the flow is heading to a hand-over (a kb_answer 'handover' port), for the handover node. */
  pendingReason?: HandoverReason;
}

/** What a node does next. */
export type Next =
  | { go: string; reason?: HandoverReason }
  | { wait: true }
  | { handover: HandoverReason; node?: FlowNode }
  | { end: true };

export function createContext(flow: FlowDefinition, state: FlowState, ports: FlowPorts, now: Date): RunContext {
  const nodes = new Map(flow.nodes.map((n) => [n.id, n]));
  const edges = new Map(flow.edges.map((e) => [`${e.source}\u0000${e.sourceHandle}`, e]));
  return { flow, state, outputs: [], effects: [], ports, now, nodes, edges };
}

export function edgeFrom(c: RunContext, nodeId: string, port: string): FlowEdge | undefined {
  return c.edges.get(`${nodeId}\u0000${port}`);
}

export const get = (c: RunContext) => (name: string): FlowValue | undefined => lookup(c.state, name);

export function fill(c: RunContext, tpl: string, encode?: (s: string) => string): string {
  return interpolate(tpl, get(c), encode);
}

/** The node text in the session language, with {{var}} filled in. */
export function text(c: RunContext, t: LocalizedText | undefined, fallback?: BuiltInText): string {
  const raw = t ? pickText(t, c.state.language, c.flow.defaultLanguage) : fallback ? builtIn(fallback, c.state.language) : '';
  return fill(c, raw);
}

export function record(c: RunContext, from: 'bot' | 'customer', s: string, nodeId?: string): void {
  if (!s) return;
  c.state.transcript.push({ from, text: s.slice(0, 4000), at: c.now.toISOString(), ...(nodeId ? { nodeId } : {}) });
  if (c.state.transcript.length > MAX_TRANSCRIPT) c.state.transcript.splice(0, c.state.transcript.length - MAX_TRANSCRIPT);
}

/** Sends an output to the customer and writes it into the transcript. */
export function say(c: RunContext, out: FlowOutput, nodeId?: string): void {
  c.outputs.push(out);
  const line =
    out.kind === 'text' ? out.text
      : out.kind === 'choices' ? `${out.prompt} [${out.options.map((o) => o.label).join(' | ')}]`
        : out.kind === 'article' ? `${out.title}\n${out.text}`
          : out.prompt;
  record(c, 'bot', line, nodeId);
}

export function sayText(c: RunContext, s: string, nodeId?: string): void {
  if (s.trim()) say(c, { kind: 'text', text: s }, nodeId);
}

/** Ends the bot part: the conversation goes to a person with what the bot collected. */
export function handover(c: RunContext, reason: HandoverReason, node?: FlowNode): void {
  const d = c.flow.handover;
  const data = node?.type === 'handover' ? node.data : undefined;
  sayText(c, data?.text ? text(c, data.text) : builtIn('handover', c.state.language), node?.id);
  c.effects.push({
    kind: 'handover',
    queueId: data?.queueId ?? d?.queueId ?? null,
    skills: data ? data.skills : d?.skills ?? [],
    priority: data ? data.priority : d?.priority ?? 0,
    note: data ? fill(c, data.note) : '',
    reason,
    variables: { ...c.state.variables },
    transcript: c.state.transcript.map((t) => ({ ...t })),
  });
  c.state.status = 'handover';
  c.state.nodeId = null;
}

/** Sets a variable, with a cap on text length so state stays small. */
export function setVar(c: RunContext, name: string, v: FlowValue): void {
  if (name === 'language') {
    // Switching the conversation's language.
    c.state.language = (typeof v === 'string' && normalizeLanguage(v)) || c.state.language;
    return;
  }
  c.state.variables[name] = typeof v === 'string' ? v.slice(0, 4000) : v;
}
