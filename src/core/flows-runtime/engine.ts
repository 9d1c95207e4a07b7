/**
 * The adapter between the runtime and the pure flow engine (src/core/flows): publish checks with
 * the tenant's data, and one step of a session.
 */
import { step } from '../flows/engine.ts';
import type { FlowDefinition } from '../flows/schema.ts';
import type { FlowInput, FlowPorts, FlowState, StepResult } from '../flows/types.ts';
import { checkFlow } from '../flows/validate.ts';
import type { FlowIssue } from './contracts.ts';

export interface GraphContext {
  /** Hosts the tenant's HTTP steps may call ("api.shop.com", "*.shop.com"). */
  allowedHosts: readonly string[];
  /** The tenant's intent names (an intent step's 'option:<intent>' ports must name one). */
  intents: readonly string[];
  /** Business calendars of the tenant. */
  calendarIds: ReadonlySet<string>;
  /** Routing queues of the tenant. */
  queueIds: ReadonlySet<string>;
}

const edgeSource = (raw: unknown, edgeId: string | undefined): string | null => {
  if (!edgeId) return null;
  const edges = (raw as { edges?: unknown } | null)?.edges;
  const e = Array.isArray(edges) ? (edges as { id?: unknown; source?: unknown }[]).find((x) => x && x.id === edgeId) : undefined;
  return typeof e?.source === 'string' ? e.source : null;
};

/** Every problem of a flow (any JSON), each on its node when it has one (else the edge's source node). */
export function checkDefinition(raw: unknown, ctx: GraphContext): { flow: FlowDefinition | null; issues: FlowIssue[] } {
  const r = checkFlow(raw, { allowedHosts: [...ctx.allowedHosts], knownQueues: [...ctx.queueIds], knownCalendars: [...ctx.calendarIds] });
  const issues: FlowIssue[] = r.errors.map((e) => ({ nodeId: e.nodeId ?? edgeSource(raw, e.edgeId), edgeId: e.edgeId ?? null, code: 'invalid', message: e.message, path: e.path }));
  const flow = r.flow ?? null;
  if (flow) {
    const known = new Set(ctx.intents);
    flow.nodes.forEach((n, i) => {
      if (n.type !== 'intent') return;
      for (const e of flow.edges) {
        if (e.source !== n.id || !e.sourceHandle.startsWith('option:')) continue;
        const name = e.sourceHandle.slice('option:'.length);
        if (!known.has(name)) issues.push({ nodeId: n.id, edgeId: e.id, code: 'unknown_intent', message: `Node '${n.id}' branches on the intent '${name}', which the workspace does not define; add it under Intents or remove the edge`, path: `nodes.${i}` });
      }
    });
  }
  return { flow, issues };
}

export function runStep(def: FlowDefinition, state: FlowState | null, input: FlowInput, ports: FlowPorts, now: Date): Promise<StepResult> {
  return step(def, state, input, ports, now);
}
