/**
 * The flows' one hook into routing intake (src/jobs/routing-pass.ts): while a bot answers on a
 * conversation it gets no routing task; the bot's hand-over (event flow.handed_over) creates it as
 * chat intake does, with the intent and collected variables as task attributes and the hand-over
 * node's queue (direct placement) and priority.
 */
import type { IntakeAction, IntakeEvent } from '../routing/intake.ts';
import type { AttrValue, TaskAttributes } from '../routing/types.ts';
import type { FlowSessionsRepo } from '../../storage/flows-sessions.repo.ts';

export const FLOW_HANDED_OVER = 'flow.handed_over';

export interface FlowHandoverTask {
  queueId: string | null;
  priority: number;
  attributes: TaskAttributes;
}
type FlowAction = IntakeAction & { flowHandover?: FlowHandoverTask };

const isAttr = (v: unknown): v is AttrValue =>
  v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || (Array.isArray(v) && v.every((x) => typeof x === 'string'));

/** The payload a hand-over event carries (written by the runtime). */
export interface FlowHandoverPayload {
  conversationId: string;
  flowId: string;
  version: number;
  queueId: string | null;
  skills: string[];
  priority: number;
  reason: string;
  intent: string | null;
  language: string;
  variables: Record<string, unknown>;
}

/** Task attributes from a hand-over: intent, language, skills, reason and `flow.<variable>`. */
export function handoverAttributes(p: FlowHandoverPayload): TaskAttributes {
  const out: TaskAttributes = { intent: p.intent, language: p.language, handoverReason: p.reason, handoverSkills: p.skills };
  for (const [k, v] of Object.entries(p.variables ?? {})) {
    if (/^[A-Za-z_][A-Za-z0-9_]{0,63}$/.test(k) && isAttr(v)) out[`flow.${k}`] = typeof v === 'string' ? v.slice(0, 500) : v;
  }
  return out;
}

/**
 * Wraps intakeAction's answer for one event: a hand-over event becomes "consider the conversation"
 * (with the hand-over's task details); other "consider" actions are dropped while a bot holds it.
 */
export async function flowRoutingGate(r: { flowSessions: Pick<FlowSessionsRepo, 'botHolds'> }, tenantId: string, e: IntakeEvent & { createdAt?: Date }, a: IntakeAction | null): Promise<IntakeAction | null> {
  if (e.type === FLOW_HANDED_OVER) {
    const p = e.payload as unknown as FlowHandoverPayload;
    if (typeof p.conversationId !== 'string') return null;
    const action: FlowAction = {
      kind: 'consider_conversation',
      conversationId: p.conversationId,
      flowHandover: { queueId: typeof p.queueId === 'string' ? p.queueId : null, priority: Number(p.priority) || 0, attributes: handoverAttributes(p) },
    };
    return action;
  }
  // Only what customers and the system do is held; a person reopening a conversation routes it as usual.
  if (a?.kind === 'consider_conversation' && !e.actorId && (await r.flowSessions.botHolds(tenantId, a.conversationId, e.createdAt ?? new Date(0)))) return null;
  return a;
}

/** The task spec routing computed, with a flow hand-over's attributes, priority and queue applied. */
export function withFlowHandover<S extends { priority: number; attributes: TaskAttributes }>(a: IntakeAction, spec: S): S & { queueId?: string } {
  const h = (a as FlowAction).flowHandover;
  if (!h) return spec;
  return {
    ...spec,
    attributes: { ...spec.attributes, ...h.attributes },
    priority: Math.max(spec.priority, h.priority),
    ...(h.queueId && { queueId: h.queueId }),
  };
}
