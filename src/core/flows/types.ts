/**
 * The engine's boundary: session state (JSON-serializable), inputs, channel-neutral outputs,
 * effects for the runtime to carry out, and the async ports the engine calls for I/O.
 */
import type { Literal } from './schema.ts';

export type FlowValue = Literal;

export type FlowInput =
  | {
      kind: 'start';
      /** The customer's language (widget/browser/caller); the flow's default when absent. */
      language?: string;
      /** Known customer fields, readable as {{customer.<field>}}. */
      customer?: Record<string, FlowValue>;
      /** Initial values for declared variables (e.g. from the inbox or the simulator). */
      variables?: Record<string, FlowValue>;
    }
  | { kind: 'text'; text: string }
  | { kind: 'choice'; key: string }
  | { kind: 'dtmf'; digits: string }
  | { kind: 'timeout' };

export interface TranscriptEntry {
  from: 'bot' | 'customer';
  text: string;
  /** ISO timestamp. */
  at: string;
  nodeId?: string;
}

/** Where a waiting node is inside its own exchange. */
export type WaitPhase = 'prompt' | 'confirm' | 'rephrase';

export interface FlowState {
  v: 1;
  status: 'active' | 'waiting' | 'handover' | 'ended';
  /** The waiting node, or null before start / after the end. */
  nodeId: string | null;
  phase: WaitPhase;
  variables: Record<string, FlowValue>;
  customer: Record<string, FlowValue>;
  language: string;
  /** Wrong answers at the current waiting node. */
  retries: number;
  /** kb_answer: answers tried at the current node. */
  attempts: number;
  lastInput: string | null;
  /** The conversation with the bot (last 200 entries). */
  transcript: TranscriptEntry[];
  /** Node visits during the current step (loop guard) and in total. */
  visits: number;
  totalVisits: number;
}

export interface ChoiceOption {
  key: string;
  label: string;
  dtmf?: string;
}

export type FlowOutput =
  | { kind: 'text'; text: string }
  | { kind: 'choices'; prompt: string; options: ChoiceOption[] }
  | { kind: 'article'; articleId: string; title: string; text: string }
  | { kind: 'csat'; prompt: string };

export type HandoverReason =
  | 'node' | 'human_request' | 'kb_no' | 'kb_low_confidence' | 'kb_repeated_failure' | 'negative_sentiment' | 'no_match'
  | 'invalid_answer' | 'error' | 'step_limit';

export type FlowEffect =
  | {
      kind: 'handover';
      queueId: string | null;
      skills: string[];
      priority: number;
      note: string;
      reason: HandoverReason;
      variables: Record<string, FlowValue>;
      transcript: TranscriptEntry[];
    }
  | { kind: 'set_attribute'; name: string; value: FlowValue }
  | { kind: 'end' };

export interface StepResult {
  state: FlowState;
  outputs: FlowOutput[];
  effects: FlowEffect[];
  status: 'waiting' | 'handover' | 'ended';
}

export interface HttpRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  url: string;
  headers: Record<string, string>;
  body?: string;
  timeoutMs: number;
}
/** `json` is undefined when the body was not JSON. The port throws on network errors and timeouts. */
export interface HttpResponse {
  status: number;
  json?: unknown;
}

export interface KbAnswer {
  articleId: string;
  title: string;
  answerText: string;
  /** 0..1 */
  score: number;
}

export interface IntentResult {
  intent: string;
  confidence: number;
}

export interface TicketRequest {
  subject: string;
  body: string;
  priority: 'low' | 'normal' | 'high' | 'urgent';
  variables: Record<string, FlowValue>;
  transcript: TranscriptEntry[];
}

/** I/O the engine asks for; the runtime implements them (allow-list, timeouts, tenant scope). */
export interface FlowPorts {
  http(req: HttpRequest): Promise<HttpResponse>;
  kbAnswer(query: string, language: string): Promise<KbAnswer | null>;
  isOpen(calendarId: string, now: Date): Promise<boolean>;
  classifyIntent(text: string, language: string): Promise<IntentResult | null>;
  createTicket(req: TicketRequest): Promise<{ id: string; number?: number | string }>;
}
