/**
 * The routing model shared by the pure engine (engine.ts), the workflow compiler (workflow.ts),
 * the service (service.ts) and the runner (src/jobs/routing-runner.ts). Times are epoch
 * milliseconds here: the engine never reads a clock, every call is handed `now`.
 * Design: docs/decisions/013-routing.md.
 */

/** What a task is: the channel work arrives on decides capacity. */
export const taskKinds = ['chat', 'call', 'email', 'ticket', 'callback', 'outbound', 'messaging'] as const;
export type TaskKind = (typeof taskKinds)[number];

/** Capacity is counted per channel class; voice (calls, callbacks, outbound previews) is exclusive. */
export const capacityChannels = ['voice', 'chat', 'email', 'messaging', 'ticket'] as const;
export type CapacityChannel = (typeof capacityChannels)[number];
export const capacityChannelOf: Record<TaskKind, CapacityChannel> = {
  chat: 'chat', call: 'voice', callback: 'voice', outbound: 'voice', email: 'email', ticket: 'ticket', messaging: 'messaging',
};
/** Sane defaults for a new agent: one call (exclusive), three chats, five emails, five messaging, ten tickets. */
export const defaultCapacity: Record<CapacityChannel, number> = { voice: 1, chat: 3, email: 5, messaging: 5, ticket: 10 };

export const taskStatuses = ['queued', 'offered', 'assigned', 'wrap_up', 'completed', 'abandoned', 'overflowed', 'cancelled'] as const;
export type TaskStatus = (typeof taskStatuses)[number];
/** A task in one of these is done: it holds no place in a queue and no capacity. */
export const endedStatuses: readonly TaskStatus[] = ['completed', 'abandoned', 'overflowed', 'cancelled'];

/** Attribute values a filter can test. Custom fields live under `custom.<name>`. */
export type AttrValue = string | number | boolean | null | readonly string[];
export type TaskAttributes = Record<string, AttrValue>;

export interface RoutingTask {
  id: string;
  kind: TaskKind;
  /** channel, language, segment, intent, priority, customerId, inboxId, teamId, custom.* ... */
  attributes: TaskAttributes;
  /** Base priority 0..100 (higher first); aging adds to it while the task waits. */
  priority: number;
  /** When it first entered routing: its place in line, kept across reoffers and transfers. */
  enqueuedAt: number;
  status: TaskStatus;
  /** The rule of the workflow that matched (null: manual queue placement or none matched). */
  ruleId: string | null;
  /** Index into the rule's targets; the current target's queue is queueId. */
  targetIndex: number;
  /** When the current target started (its timeout counts from here). */
  targetStartedAt: number;
  queueId: string | null;
  assignedUserId: string | null;
  /** Agents who rejected or missed this task: not offered it again by automatic routing. */
  declinedBy: readonly string[];
  /** For sticky routing: the customer's last agent and when they last handled the customer. */
  lastAgent?: { userId: string; at: number } | null;
}

export type Presence = 'available' | 'away' | 'offline';

export interface RoutingAgent {
  id: string;
  name: string;
  presence: Presence;
  /** Why away: 'break', 'lunch', 'training', 'missed_offers', ... */
  awayReason: string | null;
  /** Since when in the current presence (for longest idle and the wallboard). */
  presenceSince: number;
  /** No offers until then (wrap-up after a task). */
  wrapUpUntil: number;
  /** When the agent last finished a task or became available: longest idle ranks by it. */
  idleSince: number;
  /** skill name -> level 1..10 */
  skills: Readonly<Record<string, number>>;
  languages: readonly string[];
  teamIds: readonly string[];
  capacity: Readonly<Record<CapacityChannel, number>>;
  /** Offers missed (timed out) in a row; reset by an accept. */
  missedInRow: number;
  role: 'admin' | 'supervisor' | 'agent';
}

export const strategies = ['longest_idle', 'most_skilled', 'round_robin', 'least_busy'] as const;
export type Strategy = (typeof strategies)[number];

export interface RoutingQueue {
  id: string;
  name: string;
  strategy: Strategy;
  /** Prefer the customer's last agent for this long (0: off), when available with capacity. */
  stickyMs: number;
  /** null: the channel default (chat 30 s, call 20 s, others 60 s). */
  offerTimeoutMs: number | null;
  autoAccept: boolean;
  /** Wrap-up after a task of this queue ends, ms (0: none). */
  wrapUpMs: number;
  /** Priority points added per minute of waiting (aging); 0 turns aging off. */
  agingPerMinute: number;
  /** Business calendar for the "outside business hours" skip condition (null: always open). */
  calendarId: string | null;
  /** Queue members: teams whose agents serve it (empty: every agent whose skills match). */
  teamIds: readonly string[];
}

/** Why a target is skipped without waiting its timeout. */
export const skipConditions = ['no_agents_logged_in', 'no_agents_available', 'outside_business_hours'] as const;
export type SkipCondition = (typeof skipConditions)[number];

/** What happens when every target of the matched rule has run out. */
export const finalActions = ['stay', 'voicemail', 'callback'] as const;
export type FinalAction = (typeof finalActions)[number];

/** A workflow as stored (sources, not code): validated and compiled by workflow.ts. */
export interface WorkflowTargetSource {
  queueId: string;
  /** Agent filter over skills, languages and teams, e.g. `billing >= 5 && lang == "pl"`. Empty: any agent of the queue. */
  agents: string;
  /** Added to the task's priority while on this target. */
  priorityBoost: number;
  /** How long to wait on this target before the next one; null: no limit (last target). */
  timeoutSeconds: number | null;
  skipWhen: readonly SkipCondition[];
}
export interface WorkflowRuleSource {
  id: string;
  name: string;
  /** Filter over task attributes, e.g. `channel == "chat" && intent == "billing"`. Empty: every task. */
  filter: string;
  /** Base priority set on the task when this rule matches (0..100). */
  priority: number;
  targets: readonly WorkflowTargetSource[];
  finally: FinalAction;
}
export interface WorkflowSource {
  rules: readonly WorkflowRuleSource[];
}

/** What the engine runs: compiled predicates, no strings to parse at decision time. */
export interface CompiledTarget {
  queueId: string;
  agentsSource: string;
  /** Undefined: every agent of the queue. */
  agentFilter?: (a: RoutingAgent) => boolean;
  /** Sum of the skill levels the filter names, for most_skilled (higher first). */
  skillScore: (a: RoutingAgent) => number;
  priorityBoost: number;
  timeoutMs: number | null;
  skipWhen: readonly SkipCondition[];
}
export interface CompiledRule {
  id: string;
  name: string;
  filterSource: string;
  matches: (t: TaskAttributes) => boolean;
  priority: number;
  targets: readonly CompiledTarget[];
  finally: FinalAction;
}
export interface CompiledWorkflow {
  version: number;
  rules: readonly CompiledRule[];
}

/** One line of a task's decision trace: what was decided and why, for people to read. */
export interface TraceEntry {
  at: number;
  step: 'rule_matched' | 'no_rule' | 'target' | 'target_skipped' | 'target_timeout' | 'considered' | 'offered' | 'offer_expired' | 'offer_rejected' | 'accepted' | 'auto_accepted' | 'assigned' | 'transferred' | 'escalated' | 'requeued' | 'overflowed' | 'agent_away';
  /** One sentence in English for logs and the API (the UI renders from the fields). */
  message: string;
  ruleId?: string;
  queueId?: string;
  targetIndex?: number;
  userId?: string;
  /** For 'considered': each agent looked at, and why they were or were not chosen. */
  candidates?: readonly CandidateVerdict[];
}
export interface CandidateVerdict {
  userId: string;
  chosen: boolean;
  /** 'chosen', 'away', 'offline', 'wrap_up', 'at_capacity', 'voice_busy', 'skills', 'declined', 'not_in_queue', 'outranked' */
  reason: string;
  /** The strategy's score (idle ms, skill sum, load, ...) when eligible. */
  score?: number;
}

export interface Offer {
  id: string;
  taskId: string;
  userId: string;
  offeredAt: number;
  expiresAt: number;
}

/** What the engine decided; the runner persists these (one transaction) and then publishes them. */
export type RoutingEffect =
  | { kind: 'offer'; offer: Offer; autoAccept: boolean; trace: TraceEntry[] }
  | { kind: 'offer_expired'; offerId: string; taskId: string; userId: string; trace: TraceEntry[] }
  | { kind: 'agent_away'; userId: string; reason: 'missed_offers'; at: number }
  | { kind: 'target_changed'; taskId: string; queueId: string | null; targetIndex: number; priority: number; trace: TraceEntry[] }
  | { kind: 'overflowed'; taskId: string; action: Exclude<FinalAction, 'stay'>; trace: TraceEntry[] }
  | { kind: 'requeued'; taskId: string; queueId: string | null; trace: TraceEntry[]; /** The pending offer withdrawn by this requeue, if any. */ offerId?: string }
  | { kind: 'trace'; taskId: string; trace: TraceEntry[] };

/** Everything the engine starts from (the runner builds it from the database). */
export interface RoutingSnapshot {
  workflow: CompiledWorkflow | null;
  queues: readonly RoutingQueue[];
  agents: readonly RoutingAgent[];
  /** Tasks not ended: queued, offered, assigned or in wrap-up. */
  tasks: readonly RoutingTask[];
  /** Pending offers. */
  offers: readonly Offer[];
  /** Is a calendar open at this instant (outside_business_hours skip condition). */
  isOpen?: (calendarId: string, now: number) => boolean;
}

export type EngineResult<T = void> = { ok: true; value: T; effects: RoutingEffect[] } | { ok: false; code: 'not_found' | 'conflict' | 'invalid'; message: string };

/** Tuning that is not per queue. */
export interface EngineOptions {
  /** Offers missed in a row before an agent is set away with reason 'missed_offers' (default 3). */
  maxMissedOffers: number;
  /** Default offer timeout per task kind when the queue has none (chat 30 s, call 20 s, else 60 s). */
  offerTimeoutMs: Record<TaskKind, number>;
  /** How many agents a 'considered' trace lists at most (the best few and a count of the rest). */
  traceCandidates: number;
  /** Id for new offers (the runner passes UUIDv7); default crypto.randomUUID. */
  newId?: () => string;
}

/**
 * The pure routing engine: state in memory, every change is a call with `now`, every decision
 * comes back as effects. No I/O, no timers: the caller asks nextWakeAt() and calls tick(now).
 * Implemented by createEngine in engine.ts.
 */
export interface RoutingEngine {
  load(s: RoutingSnapshot): void;
  setWorkflow(w: CompiledWorkflow | null): void;
  upsertQueue(q: RoutingQueue): void;
  removeQueue(id: string, now: number): RoutingEffect[];
  /** New or changed agent (presence, skills, capacity...): may withdraw nothing but may enable offers. */
  upsertAgent(a: RoutingAgent, now: number): RoutingEffect[];
  /** Agent deleted or logged out: their pending offers go back to the queue at their original position. */
  removeAgent(id: string, now: number): RoutingEffect[];
  /** A new task: the workflow picks rule and first target (skipping those whose skip condition holds). */
  addTask(t: Omit<RoutingTask, 'status' | 'ruleId' | 'targetIndex' | 'targetStartedAt' | 'queueId' | 'assignedUserId' | 'declinedBy'> & { queueId?: string | null }, now: number): RoutingEffect[];
  /** The task is no longer wanted (customer left, resolved elsewhere): leaves the queue, frees capacity. */
  endTask(taskId: string, status: 'completed' | 'abandoned' | 'cancelled', now: number): RoutingEffect[];
  /** Start wrap-up for the agent of an assigned task (capacity is freed at endTask or wrap-up end). */
  accept(offerId: string, userId: string, now: number): EngineResult;
  reject(offerId: string, userId: string, now: number): EngineResult;
  /** Manual assignment (pick from queue, supervisor assign): no offer, straight to assigned. */
  assign(taskId: string, userId: string, now: number, why: 'picked' | 'manual'): EngineResult;
  /** To a queue (keeps its place in line) or to an agent (an offer to that agent only). */
  transfer(taskId: string, to: { queueId: string } | { userId: string }, now: number, note?: string): EngineResult;
  /** Offer expiries, target timeouts, aging and wrap-up ends up to now, then matching. */
  tick(now: number): RoutingEffect[];
  /** Match waiting tasks to free agents (at most `max` offers). */
  decide(now: number, max?: number): RoutingEffect[];
  /** The next instant tick() has something to do (null: nothing timed). */
  nextWakeAt(): number | null;
  /** 1-based place in its queue (by effective priority then age), and the queue's length. */
  position(taskId: string, now: number): { position: number; waiting: number; queueId: string } | null;
  task(id: string): Readonly<RoutingTask> | undefined;
  agent(id: string): Readonly<RoutingAgent> | undefined;
  /** Capacity in use per channel for an agent. */
  usage(id: string): Readonly<Record<CapacityChannel, number>>;
  /** Waiting tasks of a queue in the order they would be served. */
  waiting(queueId: string, now: number): readonly Readonly<RoutingTask>[];
  pendingOffers(): readonly Offer[];
  /**
   * Replace the engine's view of one task (and its pending offer) with the database's after a
   * change made elsewhere (accepted, transferred, ended, moved by a supervisor). An ended status
   * removes the task. Returns effects (usually none; the caller then runs decide/tick).
   */
  applyTask(t: RoutingTask, offer: Offer | null, now: number): RoutingEffect[];
}
