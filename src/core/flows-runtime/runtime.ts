/**
 * The flows runtime on chat inboxes: a visitor message on an inbox with a published flow, while
 * no person has the conversation (bot phase), is fed to the conversation's session; the bot's
 * outputs are stored as bot messages (delivered to the widget like an agent's), the session is
 * saved (a restart resumes it) and effects are carried out: hand-over (routing task via the
 * flow.handed_over event, a note with transcript and variables), end (resolved), attributes.
 * Engine steps (which may call HTTP or the knowledge base) run outside the transaction; the write
 * checks the session did not move meanwhile and else starts over.
 */
import type { CoreDeps } from '../deps.ts';
import { draftEvent } from '../events/draft.ts';
import { conversationTopics } from '../conversations/intake.ts';
import { flowDefinition, type FlowDefinition } from '../flows/schema.ts';
import { builtIn } from '../flows/texts.ts';
import type { ChoiceOption, FlowEffect, FlowInput, FlowOutput, FlowState, FlowValue, StepResult, TicketRequest } from '../flows/types.ts';
import type { StoredEvent } from '../../storage/events.repo.ts';
import type { EventDraft } from '../../storage/events.repo.ts';
import type { FlowSessionRow } from '../../storage/flows-sessions.repo.ts';
import type { Repos } from '../../storage/repos.ts';
import { runStep } from './engine.ts';
import { visitorLanguage } from './language.ts';
import { flowPorts } from './ports.ts';
import { choiceOf, handoverNote, offeredChoices, renderOutput } from './render.ts';
import { FLOW_HANDED_OVER, type FlowHandoverPayload } from './routing-hook.ts';
import type { FlowsServiceDeps } from './service.ts';

/** What flow_sessions.state holds: the engine's state and the choices last offered. */
export interface SessionEnvelope {
  flow: FlowState;
  choices: ChoiceOption[];
}

interface Log {
  warn(obj: unknown, msg?: string): void;
}

type Handover = Extract<FlowEffect, { kind: 'handover' }>;

interface Computed {
  session: FlowSessionRow | undefined;
  flowId: string;
  version: number;
  result: StepResult;
  outputs: FlowOutput[];
  effects: FlowEffect[];
  choices: ChoiceOption[];
  lastSeq: number;
  /** A new session (the previous one, if any, ended). */
  fresh: boolean;
}

const asEnvelope = (raw: unknown): SessionEnvelope | null => {
  const e = raw as Partial<SessionEnvelope> | null;
  return e && typeof e === 'object' && e.flow && typeof e.flow === 'object' ? { flow: e.flow, choices: Array.isArray(e.choices) ? e.choices : [] } : null;
};

/** Whether the flow now waits for free text (a plain `ask`): the first message answers it. */
function waitsForFreeText(def: FlowDefinition, state: FlowState): boolean {
  const n = def.nodes.find((x) => x.id === state.nodeId);
  return !!n && n.type === 'ask' && n.data.kind === 'text' && !n.data.quickReplies?.length && state.phase === 'prompt';
}

export function createFlowRuntime(d: CoreDeps, o: FlowsServiceDeps & { log?: Log } = {}) {
  const chains = new Map<string, Promise<void>>();
  const now = () => d.clock.now();

  async function languageOf(tenantId: string, customerId: string, text: string): Promise<string> {
    const [tenant, customer] = await Promise.all([d.repos.tenants.byId(tenantId), d.repos.customers.byId(tenantId, customerId)]);
    const langs = tenant?.languages?.length ? tenant.languages : ['en'];
    return visitorLanguage(text, langs, customer?.language ?? langs[0]!);
  }

  async function createTicketFor(tenantId: string, conversationId: string, customerId: string, req: TicketRequest) {
    const id = d.newId();
    const at = now();
    const number = await d.uow(async (r) => {
      const n = await r.tickets.nextNumber(tenantId);
      await r.tickets.insert({ id, tenantId, number: n, subject: req.subject.slice(0, 250) || 'Chatbot request', status: 'new', priority: req.priority, type: null, requesterId: customerId, assigneeId: null, teamId: null, tags: ['chatbot'], custom: {}, createdBy: null, createdAt: at, solvedAt: null });
      await r.tickets.link(tenantId, id, conversationId, null, at);
      await r.events.append(tenantId, [draftEvent(d.newId, {
        type: 'ticket.created', aggregateType: 'ticket', aggregateId: id, actorId: null, topics: ['tenant', `ticket:${id}`, `conversation:${conversationId}`],
        payload: { number: n, subject: req.subject, status: 'new', priority: req.priority, type: null, requesterId: customerId, assigneeId: null, teamId: null, tags: ['chatbot'], custom: {}, followerIds: [], conversationIds: [conversationId], description: req.body.slice(0, 2000) },
      })], at);
      return n;
    });
    return { id, number };
  }

  /** Runs the engine over the unread visitor messages; null when the bot has nothing to do. */
  async function compute(tenantId: string, conversationId: string): Promise<Computed | null> {
    const conv = await d.repos.conversations.byId(tenantId, conversationId);
    if (!conv || conv.assigneeId || conv.status !== 'open') return null;
    const assigned = await d.repos.flows.flowOfInbox(tenantId, conv.inboxId);
    if (!assigned || (await d.repos.flowSessions.hasLiveTask(tenantId, conversationId))) return null;
    const session = await d.repos.flowSessions.latest(tenantId, conversationId);
    if (session?.status === 'handover') return null;
    const active = session?.status === 'active' ? session : undefined;
    const row = active ? await d.repos.flows.version(tenantId, active.flowId, active.version) : await d.repos.flows.latestPublished(tenantId, assigned);
    if (!row) return null;
    const def = flowDefinition.parse(row.definition);
    const afterSeq = session ? session.lastSeq : Math.max(0, (await d.repos.flowSessions.lastInboundSeq(tenantId, conversationId)) - 1);
    const pending = await d.repos.flowSessions.inboundAfter(tenantId, conversationId, afterSeq);
    if (pending.length === 0) return null;
    const ports = flowPorts({ core: d, ...o }, tenantId, { createTicket: (req) => createTicketFor(tenantId, conversationId, conv.customerId, req) });

    const outputs: FlowOutput[] = [];
    const effects: FlowEffect[] = [];
    let env = active ? asEnvelope(active.state) : null;
    let result: StepResult | undefined;
    let lastSeq = afterSeq;
    let queue = pending;
    const take = (res: StepResult, drop = 0) => {
      outputs.push(...res.outputs.slice(0, res.outputs.length - drop));
      effects.push(...res.effects);
      result = res;
      env = { flow: res.state, choices: res.outputs.length ? offeredChoices(res.outputs) : (env?.choices ?? []) };
    };
    if (!env) {
      const first = pending[0]!;
      const customer = await d.repos.customers.byId(tenantId, conv.customerId);
      const language = await languageOf(tenantId, conv.customerId, first.text);
      const start: FlowInput = { kind: 'start', language, customer: { name: customer?.name ?? null, language } };
      const res = await runStep(def, null, start, ports, now());
      // A plain question first ("How can I help?"): the visitor's first message answers it.
      const feedFirst = res.status === 'waiting' && waitsForFreeText(def, res.state);
      take(res, feedFirst && res.outputs.length > 0 ? 1 : 0);
      if (!feedFirst) {
        lastSeq = first.seq;
        queue = pending.slice(1);
      }
    }
    for (const m of queue) {
      if (result && result.status !== 'waiting') break;
      const key = choiceOf(m.text, env!.choices);
      const input: FlowInput = key ? { kind: 'choice', key } : { kind: 'text', text: m.text };
      take(await runStep(def, env!.flow, input, ports, now()));
      lastSeq = m.seq;
    }
    if (!result) return null;
    return { session, flowId: active?.flowId ?? assigned, version: row.version, result, outputs, effects, choices: env!.choices, lastSeq, fresh: !active };
  }

  async function write(tenantId: string, conversationId: string, c: Computed): Promise<'done' | 'retry'> {
    const at = now();
    return d.uow(async (r) => {
      const conv = await r.flowSessions.lockConversation(tenantId, conversationId);
      if (!conv || conv.assigneeId) return 'done';
      const latest = await r.flowSessions.latest(tenantId, conversationId);
      if (latest?.id !== c.session?.id || latest?.lastSeq !== c.session?.lastSeq || latest?.status !== c.session?.status) return 'retry';
      const full = (await r.conversations.byId(tenantId, conversationId))!;
      const events: EventDraft[] = [];
      for (const out of c.outputs) events.push(await botMessage(r, tenantId, full, 'outbound', renderOutput(out).text, renderOutput(out).metadata, at));
      const status = c.result.status === 'waiting' ? 'active' : c.result.status;
      const envelope: SessionEnvelope = { flow: c.result.state, choices: c.choices };
      let sessionId = c.session?.id;
      if (c.fresh) {
        sessionId = d.newId();
        await r.flowSessions.insert({ id: sessionId, tenantId, conversationId, flowId: c.flowId, version: c.version, state: envelope, status, lastSeq: c.lastSeq, at });
        events.push(draftEvent(d.newId, { type: 'flow.session_started', aggregateType: 'conversation', aggregateId: conversationId, actorId: null, topics: conversationTopics(conversationId), payload: { conversationId, flowId: c.flowId, version: c.version, sessionId } }));
      } else await r.flowSessions.update(tenantId, sessionId!, { state: envelope, status, lastSeq: c.lastSeq }, at);
      for (const fx of c.effects) {
        if (fx.kind === 'handover') events.push(...(await handover(r, tenantId, full, c, fx, c.result.state.language, at)));
        else if (fx.kind === 'set_attribute') {
          const customer = await r.customers.byId(tenantId, full.customerId);
          if (customer && /^[A-Za-z_][A-Za-z0-9_]{0,39}$/.test(fx.name)) await r.customers.update(tenantId, customer.id, { attributes: { ...customer.attributes, [fx.name]: fx.value } }, at);
        }
      }
      if (status === 'ended' && !c.effects.some((fx) => fx.kind === 'handover')) {
        await r.conversations.update(tenantId, conversationId, { status: 'resolved', resolvedAt: at, snoozedUntil: null }, at);
        events.push(draftEvent(d.newId, { type: 'conversation.status_changed', aggregateType: 'conversation', aggregateId: conversationId, actorId: null, topics: conversationTopics(conversationId), payload: { from: full.status, to: 'resolved', reason: 'flow_ended', snoozedUntil: null } }));
      }
      await r.events.append(tenantId, events, at);
      return 'done';
    });
  }

  async function botMessage(r: Repos, tenantId: string, conv: { id: string; inboxId: string; customerId: string; assigneeId: string | null }, direction: 'outbound' | 'note', text: string, metadata: Record<string, unknown> | null, at: Date): Promise<EventDraft> {
    const id = d.newId();
    const seq = await r.conversations.nextSeq(tenantId, conv.id, at);
    await r.messages.insert({ id, tenantId, conversationId: conv.id, inboxId: conv.inboxId, seq, direction, authorUserId: null, text, html: null, providerMessageId: null, deliveryStatus: direction === 'outbound' ? 'queued' : 'received', at });
    await r.flowSessions.markBotMessage(tenantId, id, metadata);
    return draftEvent(d.newId, {
      type: 'message.created', aggregateType: 'message', aggregateId: id, actorId: null, topics: conversationTopics(conv.id, conv.assigneeId),
      payload: { conversationId: conv.id, inboxId: conv.inboxId, customerId: conv.customerId, seq, direction, authorUserId: null, authorKind: 'bot', text: text.slice(0, 1000), ...(metadata && { metadata }) },
    });
  }

  async function handover(r: Repos, tenantId: string, conv: Parameters<typeof botMessage>[2], c: Pick<Computed, 'flowId' | 'version'>, fx: Handover, language: string, at: Date): Promise<EventDraft[]> {
    const intent = typeof fx.variables.intent === 'string' ? fx.variables.intent : null;
    const variables: Record<string, FlowValue> = { ...fx.variables };
    const note = await botMessage(r, tenantId, conv, 'note', handoverNote({ reason: fx.reason, note: fx.note, intent, language, variables, transcript: fx.transcript }), { kind: 'handover', reason: fx.reason, intent, variables }, at);
    const payload: FlowHandoverPayload = { conversationId: conv.id, flowId: c.flowId, version: c.version, queueId: fx.queueId, skills: fx.skills, priority: fx.priority, reason: fx.reason, intent, language, variables };
    return [note, draftEvent(d.newId, { type: FLOW_HANDED_OVER, aggregateType: 'conversation', aggregateId: conv.id, actorId: null, topics: conversationTopics(conv.id), payload: payload as unknown as Record<string, unknown> })];
  }

  /** Something broke (engine or port bug): the customer is told briefly and handed to a person. */
  async function failSafe(tenantId: string, conversationId: string, err: unknown) {
    o.log?.warn({ err, tenantId, conversationId }, 'flow runtime failed; handing the conversation over');
    const at = now();
    await d.uow(async (r) => {
      const conv = await r.flowSessions.lockConversation(tenantId, conversationId);
      if (!conv || conv.assigneeId) return;
      const full = (await r.conversations.byId(tenantId, conversationId))!;
      const session = await r.flowSessions.latest(tenantId, conversationId);
      if (session?.status === 'handover') return;
      const flowId = session?.flowId ?? (await r.flows.flowOfInbox(tenantId, full.inboxId));
      if (!flowId) return;
      const env = session ? asEnvelope(session.state) : null;
      const language = env?.flow.language ?? 'en';
      const lastSeq = await r.flowSessions.lastInboundSeq(tenantId, conversationId);
      const version = session?.version ?? (await r.flows.latestPublished(tenantId, flowId))?.version;
      if (!version) return;
      const events = [await botMessage(r, tenantId, full, 'outbound', `${builtIn('error', language)} ${builtIn('handover', language)}`, null, at)];
      const fx: Handover = { kind: 'handover', queueId: null, skills: [], priority: 0, note: 'the bot failed', reason: 'error', variables: { ...(env?.flow.variables ?? {}) }, transcript: env?.flow.transcript ?? [] };
      if (session?.status === 'active') await r.flowSessions.update(tenantId, session.id, { state: session.state, status: 'handover', lastSeq }, at);
      else await r.flowSessions.insert({ id: d.newId(), tenantId, conversationId, flowId, version, state: env ?? {}, status: 'handover', lastSeq, at });
      events.push(...(await handover(r, tenantId, full, { flowId, version }, fx, language, at)));
      await r.events.append(tenantId, events, at);
    });
  }

  /** The lease on a conversation: longer than the slowest step (HTTP steps time out within 10 s each). */
  const LEASE_MS = 60_000;
  const owner = d.newId();

  async function feed(tenantId: string, conversationId: string): Promise<void> {
    // Every node sees every event (NATS): the one holding the lease feeds the bot, the others skip.
    if (!(await d.repos.flowSessions.claim(tenantId, conversationId, owner, now(), LEASE_MS).catch(() => false))) return;
    try {
      for (let attempt = 0; attempt < 3; attempt++) {
        const c = await compute(tenantId, conversationId);
        if (!c) return;
        if ((await write(tenantId, conversationId, c)) === 'done') return;
      }
    } catch (e) {
      await failSafe(tenantId, conversationId, e).catch((err) => o.log?.warn({ err, tenantId, conversationId }, 'flow fail-safe hand-over failed'));
    } finally {
      await d.repos.flowSessions.release(tenantId, conversationId, owner).catch(() => {});
    }
  }

  /** One conversation at a time per node; across nodes the write's check serializes. */
  function enqueue(tenantId: string, conversationId: string): Promise<void> {
    const key = `${tenantId}:${conversationId}`;
    const next = (chains.get(key) ?? Promise.resolve()).then(() => feed(tenantId, conversationId));
    chains.set(key, next);
    void next.finally(() => {
      if (chains.get(key) === next) chains.delete(key);
    });
    return next;
  }

  return {
    /** A committed event from the bus: visitor messages feed the bot. */
    onEvent(e: StoredEvent): void {
      if (e.type !== 'message.created') return;
      const p = e.payload as { direction?: unknown; conversationId?: unknown; assigneeId?: unknown };
      if (p.direction !== 'inbound' || typeof p.conversationId !== 'string') return;
      // Written to a conversation an agent has: the bot never answers there (saves a read per message).
      if (typeof p.assigneeId === 'string') return;
      void enqueue(e.tenantId, p.conversationId);
    },
    feed: enqueue,
    /** At start: answers what arrived while no node was running the bot (sessions with unread messages). */
    async resume(): Promise<number> {
      const rows = await d.repos.flowSessions.activeWithUnread();
      for (const r of rows) void enqueue(r.tenantId, r.conversationId);
      return rows.length;
    },
    /** Tests: wait until every conversation's queue is empty. */
    async idle(): Promise<void> {
      while (chains.size > 0) await Promise.allSettled([...chains.values()]);
    },
  };
}
export type FlowRuntime = ReturnType<typeof createFlowRuntime>;
