/**
 * A flow definition: the JSON graph that the chatbot and the IVR both run (docs/flows.md).
 *
 * The shape is the one @xyflow/react uses: nodes `{ id, type, position, data }` and edges
 * `{ id, source, sourceHandle, target }`, where `sourceHandle` names the output port the edge
 * leaves by ('next', 'option:<key>', 'true', ...). Stable: fields are only ever added.
 *
 * The engine's session state, inputs, outputs, effects and ports live in ./types.ts.
 */
import { z } from 'zod';

export const FLOW_VERSION = 1 as const;
export const MAX_NODES = 500;
export const MAX_EDGES = 2000;
export const MAX_TEXT = 4000;
export const HTTP_MAX_TIMEOUT_MS = 10_000;
export const MAX_PATTERN_LENGTH = 200;

export const variableTypes = ['string', 'number', 'boolean', 'date', 'email', 'phone'] as const;
export type VariableType = (typeof variableTypes)[number];

export const nodeTypes = [
  'message', 'ask', 'menu', 'condition', 'set', 'http', 'kb_answer', 'business_hours',
  'language', 'intent', 'handover', 'create_ticket', 'csat', 'end',
] as const;
export type NodeType = (typeof nodeTypes)[number];

/** Nodes that stop and wait for the customer. (`language` waits too when its `ask` is set.) */
export const waitingNodeTypes = ['ask', 'menu', 'kb_answer', 'csat'] as const satisfies readonly NodeType[];

/** The fixed port names; 'option:<key>' and 'lang:<code>' are built from the node's data. */
export const fixedPorts = [
  'next', 'error', 'timeout', 'true', 'false', 'open', 'closed', 'yes', 'no', 'handover', 'match', 'nomatch',
] as const;
export type FixedPort = (typeof fixedPorts)[number];
export type Port = FixedPort | `option:${string}` | `lang:${string}`;

const PORT_RE = /^(next|error|timeout|true|false|open|closed|yes|no|handover|match|nomatch|option:[A-Za-z0-9_.-]{1,64}|lang:[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*)$/;
const ID_RE = /^[A-Za-z0-9_.:-]{1,64}$/;
const VAR_RE = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;
const KEY_RE = /^[A-Za-z0-9_.-]{1,64}$/;

export const nodeId = z.string().regex(ID_RE, 'ids are 1–64 letters, digits, "_", ".", ":" or "-"');
export const variableName = z
  .string()
  .regex(VAR_RE, 'variable names start with a letter or "_" and contain letters, digits or "_" (max 64)')
  .refine((n) => !['__proto__', 'constructor', 'prototype'].includes(n), 'this name is reserved; choose another');
export const optionKey = z.string().regex(KEY_RE, 'keys are 1–64 letters, digits, "_", "." or "-"');
export const portName = z.string().regex(PORT_RE, 'unknown port name');

/** Text per language: `{ en: 'Hello {{name}}', pl: 'Dzień dobry {{name}}' }`; {{var}} is interpolated. */
export const localizedText = z
  .record(z.string().regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'language codes look like "en" or "zh-Hans"'), z.string().max(MAX_TEXT))
  .refine((t) => Object.keys(t).length > 0, 'give the text in at least one language');
export type LocalizedText = z.infer<typeof localizedText>;

/** A string with {{var}} placeholders (URLs, headers, bodies, notes, subjects). */
export const template = z.string().max(MAX_TEXT);

const literal = z.union([z.string().max(MAX_TEXT), z.number(), z.boolean(), z.null()]);
export type Literal = z.infer<typeof literal>;

export const flowVariable = z.object({
  name: variableName,
  type: z.enum(variableTypes),
  default: literal.optional(),
});
export type FlowVariable = z.infer<typeof flowVariable>;

// ---- node data, one schema per node type ----

export const messageData = z.object({ text: localizedText });

export const askKinds = ['text', 'email', 'phone', 'number', 'date', 'regex'] as const;
export type AskKind = (typeof askKinds)[number];

export const quickReply = z.object({ key: optionKey, label: localizedText });

export const askData = z.object({
  prompt: localizedText,
  kind: z.enum(askKinds),
  /** For kind 'regex': the pattern the whole answer must match (Unicode mode). */
  pattern: z.string().min(1).max(MAX_PATTERN_LENGTH).optional(),
  /** Buttons offered with the prompt; the chosen label (or free text) is the answer. */
  quickReplies: z.array(quickReply).max(10).optional(),
  /** Where the (normalized) answer is stored. */
  variable: variableName,
  /** How many wrong answers are re-prompted before the 'error' port. */
  retries: z.number().int().min(0).max(10).default(2),
  /** Said after a wrong answer, before the prompt again; a built-in text when absent. */
  invalidText: localizedText.optional(),
});

export const menuOption = z.object({
  key: optionKey,
  label: localizedText,
  /** The key a caller presses for this option (voice); numbered 1, 2, ... when absent. */
  dtmf: z.string().regex(/^[0-9*#]$/, 'a DTMF key is one of 0-9, * or #').optional(),
});
export const menuData = z.object({
  prompt: localizedText,
  options: z.array(menuOption).min(1).max(12),
  /** Wrong choices re-prompted before 'nomatch'. */
  retries: z.number().int().min(0).max(10).default(2),
  invalidText: localizedText.optional(),
});

export const conditionOps = ['eq', 'neq', 'gt', 'lt', 'contains', 'exists', 'matches'] as const;
export type ConditionOp = (typeof conditionOps)[number];
export const conditionRule = z.object({
  /** A variable name, a system value (last_input, intent, language) or `customer.<field>`. */
  left: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/, 'a variable name or customer.<field>'),
  op: z.enum(conditionOps),
  /** Compared value ('exists' needs none; 'matches' takes a regex pattern). Strings may hold {{var}}. */
  value: literal.optional(),
});
export type ConditionRule = z.infer<typeof conditionRule>;
export const conditionData = z.object({
  match: z.enum(['all', 'any']).default('all'),
  rules: z.array(conditionRule).min(1).max(20),
});

export const setModes = ['literal', 'template', 'expression'] as const;
export const assignment = z.object({
  variable: variableName,
  /** literal: the value as is; template: a string with {{var}}; expression: arithmetic on numbers and variables (`count + 1`). */
  mode: z.enum(setModes).default('literal'),
  value: literal,
});
export const setData = z.object({ assignments: z.array(assignment).min(1).max(20) });

export const httpMethods = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
export const httpData = z.object({
  method: z.enum(httpMethods).default('GET'),
  url: template,
  headers: z.record(z.string().regex(/^[A-Za-z0-9-]{1,64}$/, 'a header name'), template).optional(),
  body: template.optional(),
  timeoutMs: z.number().int().min(100).max(HTTP_MAX_TIMEOUT_MS).default(5000),
  /** `{ order_status: 'json.status', eta: 'json.delivery.eta' }`: variable ← path in the response ('status' is the HTTP status). */
  mapping: z.record(variableName, z.string().regex(/^(status|json(\.[A-Za-z0-9_-]+|\[\d+\])*)$/, 'a path like json.order.status')).default({}),
});

export const kbAnswerData = z.object({
  /** The question; the customer's last input when absent. */
  query: template.optional(),
  /** Minimum score (0..1) for an answer to be shown. */
  threshold: z.number().min(0).max(1).default(0.5),
  /** Answers tried (after "no" or a weak match, the customer may rephrase) before the 'handover' port. */
  maxAttempts: z.number().int().min(1).max(5).default(1),
  /** "Did that answer your question?" — a built-in text when absent. */
  confirmText: localizedText.optional(),
  /** "Could you say it in other words?" — a built-in text when absent. */
  rephraseText: localizedText.optional(),
  /** Hand over at once on a clearly negative message. */
  handoverOnNegative: z.boolean().default(true),
});

export const businessHoursData = z.object({ calendarId: z.string().min(1).max(64) });

export const languageData = z.object({
  /** Languages offered / branched on ('lang:<code>' ports); anything else leaves by 'next'. */
  languages: z.array(z.string().regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/)).min(1).max(12),
  /** Ask the customer to choose (a waiting node) instead of using the session's language. */
  ask: z.boolean().default(false),
  prompt: localizedText.optional(),
});

export const intentData = z.object({
  /** Minimum confidence (0..1); below it the node leaves by 'nomatch'. */
  threshold: z.number().min(0).max(1).default(0.3),
  /** The text to classify; the customer's last input when absent. */
  text: template.optional(),
});

export const handoverData = z.object({
  /** Target queue; the inbox's default queue when absent. */
  queueId: z.string().min(1).max(64).nullish(),
  skills: z.array(z.string().min(1).max(64)).max(20).default([]),
  priority: z.number().int().min(0).max(100).default(0),
  note: template.default(''),
  /** Said to the customer before the hand-over. */
  text: localizedText.optional(),
});

export const ticketPriorities = ['low', 'normal', 'high', 'urgent'] as const;
export const createTicketData = z.object({
  subject: template.min(1),
  body: template.default(''),
  priority: z.enum(ticketPriorities).default('normal'),
  /** Variable that receives the new ticket's number or id. */
  variable: variableName.optional(),
});

export const csatData = z.object({
  prompt: localizedText.optional(),
  variable: variableName.default('csat'),
});

export const endData = z.object({ text: localizedText.optional() });

// ---- nodes, edges, flow ----

export const position = z.object({ x: z.number().finite(), y: z.number().finite() });

function node<T extends NodeType, D extends z.ZodType>(type: T, data: D) {
  return z.object({ id: nodeId, type: z.literal(type), position, data });
}

export const flowNode = z.discriminatedUnion('type', [
  node('message', messageData),
  node('ask', askData),
  node('menu', menuData),
  node('condition', conditionData),
  node('set', setData),
  node('http', httpData),
  node('kb_answer', kbAnswerData),
  node('business_hours', businessHoursData),
  node('language', languageData),
  node('intent', intentData),
  node('handover', handoverData),
  node('create_ticket', createTicketData),
  node('csat', csatData),
  node('end', endData),
]);
export type FlowNode = z.infer<typeof flowNode>;
export type NodeOf<T extends NodeType> = Extract<FlowNode, { type: T }>;
export type NodeData<T extends NodeType> = NodeOf<T>['data'];

export const flowEdge = z.object({
  id: nodeId,
  source: nodeId,
  sourceHandle: portName,
  target: nodeId,
  targetHandle: z.string().max(64).nullish(),
});
export type FlowEdge = z.infer<typeof flowEdge>;

/** Defaults for hand-overs the engine makes by itself (customer asks for a person, errors, loops). */
export const flowHandoverDefaults = z.object({
  queueId: z.string().min(1).max(64).nullish(),
  skills: z.array(z.string().min(1).max(64)).max(20).default([]),
  priority: z.number().int().min(0).max(100).default(0),
});

export const flowDefinition = z.object({
  version: z.literal(FLOW_VERSION),
  start: nodeId,
  variables: z.array(flowVariable).max(100).default([]),
  nodes: z.array(flowNode).min(1).max(MAX_NODES),
  edges: z.array(flowEdge).max(MAX_EDGES).default([]),
  /** Language used when the session's language has no text (then 'en', then the first given). */
  defaultLanguage: z.string().max(16).optional(),
  handover: flowHandoverDefaults.optional(),
});
/** A parsed (defaults filled) flow. */
export type FlowDefinition = z.infer<typeof flowDefinition>;
/** What may be written (defaults optional). */
export type FlowDefinitionInput = z.input<typeof flowDefinition>;

/** Variables every flow may read without declaring them. */
export const systemVariables = ['last_input', 'intent', 'language'] as const;
export const isSystemVariable = (name: string): boolean =>
  (systemVariables as readonly string[]).includes(name) || /^customer\.[A-Za-z_][A-Za-z0-9_]*$/.test(name);

export interface PortSpec {
  port: Port;
  /** A publishable flow connects every required port. */
  required: boolean;
}

const opt = (port: Port): PortSpec => ({ port, required: false });
const req = (port: Port): PortSpec => ({ port, required: true });
const WAITING_EXTRAS: PortSpec[] = [opt('timeout'), opt('handover')];

/** The output ports of a node (the editor draws one handle per entry). */
export function nodePorts(n: FlowNode): PortSpec[] {
  switch (n.type) {
    case 'message': return [req('next')];
    case 'set': return [req('next')];
    case 'ask': return [req('next'), opt('error'), ...WAITING_EXTRAS];
    case 'menu': return [...n.data.options.map((o) => req(`option:${o.key}`)), opt('nomatch'), ...WAITING_EXTRAS];
    case 'condition': return [req('true'), req('false')];
    case 'http': return [req('next'), req('error')];
    case 'kb_answer': return [req('yes'), req('handover'), opt('no'), opt('timeout')];
    case 'business_hours': return [req('open'), req('closed')];
    case 'language': return [...n.data.languages.map((l) => opt(`lang:${l}`)), req('next'), ...(n.data.ask ? WAITING_EXTRAS : [])];
    case 'intent': return [opt('match'), req('nomatch')];
    case 'create_ticket': return [req('next'), opt('error')];
    case 'csat': return [req('next'), ...WAITING_EXTRAS];
    case 'handover': return [];
    case 'end': return [];
  }
}

/** Whether a port name is one this node can have (intent nodes take any 'option:<intent>'). */
export function nodeHasPort(n: FlowNode, port: string): boolean {
  if (n.type === 'intent' && port.startsWith('option:')) return true;
  return nodePorts(n).some((p) => p.port === port);
}

export function isWaitingNode(n: FlowNode): boolean {
  return (waitingNodeTypes as readonly string[]).includes(n.type) || (n.type === 'language' && n.data.ask);
}
