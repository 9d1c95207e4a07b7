/** Input and output of the history generator (pure data, no I/O). */

export interface HistoryQueue {
  id: string;
  /** Teams whose agents serve the queue; empty = every agent. */
  teamIds: readonly string[];
  /** Relative share of routed conversations (default 1). */
  weight?: number;
  /** Wrap-up after each task, ms (default 30 s). */
  wrapUpMs?: number;
}

export interface HistoryAgent {
  id: string;
  teamIds: readonly string[];
}

export interface HistoryInbox {
  id: string;
  channel: string;
  /** Relative share of conversations (default by channel). */
  weight?: number;
  /** A bot answers first here; some conversations end with the bot. */
  bot?: boolean;
}

export interface HistoryDisposition {
  code: string;
  label: string;
}

export interface HistoryInput {
  seed: number;
  tenantId: string;
  timeZone: string;
  /** First local day generated: arrivals from here (instant, ms). */
  start: number;
  /** Arrivals stop here (instant, ms). */
  end: number;
  /** Events after this are not emitted (default `end`): pass "now" so no event lies in the future. */
  cutoff?: number;
  /** Mean conversations per day over a typical week. */
  perDay: number;
  queues: readonly HistoryQueue[];
  agents: readonly HistoryAgent[];
  inboxes: readonly HistoryInbox[];
  /** Customers that exist already (returning contacts pick from them). */
  customers: readonly string[];
  dispositions: readonly HistoryDisposition[];
  tags: readonly string[];
  /** SLA policy id carried by breach events, when the tenant has one. */
  slaPolicyId?: string | null;
}

export interface HistoryEvent {
  id: string;
  at: number;
  type: string;
  aggregateType: string;
  aggregateId: string;
  actorId: string | null;
  topics: string[];
  payload: Record<string, unknown>;
}

export interface HistoryMessage {
  id: string;
  seq: number;
  at: number;
  direction: 'inbound' | 'outbound';
  authorUserId: string | null;
  bot: boolean;
  text: string;
  sentiment: number | null;
}

export interface HistorySurvey {
  id: string;
  kind: 'csat' | 'nps';
  score: number;
  at: number;
}

/** A conversation's final state, emitted once nothing more will happen to it. */
export interface HistoryConversation {
  id: string;
  inboxId: string;
  channel: string;
  customerId: string;
  createdAt: number;
  resolvedAt: number;
  assigneeId: string | null;
  tags: string[];
  subject: string;
  messages: HistoryMessage[];
  surveys: HistorySurvey[];
}

export interface HistoryCustomer {
  id: string;
  name: string;
  createdAt: number;
}

/** What one local day adds: rows that became final and the day's events in time order. */
export interface HistoryDay {
  /** Local date, YYYY-MM-DD. */
  day: string;
  index: number;
  dayStart: number;
  customers: HistoryCustomer[];
  conversations: HistoryConversation[];
  events: HistoryEvent[];
}
