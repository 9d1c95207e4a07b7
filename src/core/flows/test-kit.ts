/** Builders and fake ports for flow tests (unit tests here, integration tests of the runtime). */
import { flowDefinition, type FlowDefinition, type FlowDefinitionInput } from './schema.ts';
import type { FlowPorts, HttpRequest, KbAnswer, TicketRequest } from './types.ts';

type RawNode = FlowDefinitionInput['nodes'][number];
type RawEdge = NonNullable<FlowDefinitionInput['edges']>[number];

let pos = 0;
/** A node; `data` is checked by the schema when the flow is built. */
export function node(id: string, type: RawNode['type'], data: Record<string, unknown> = {}): RawNode {
  pos += 1;
  return { id, type, position: { x: pos * 10, y: 0 }, data } as RawNode;
}

/** An edge `source --port--> target`, id "source.port". */
export function edge(source: string, port: string, target: string, id?: string): RawEdge {
  return { id: id ?? `${source}.${port}`, source, sourceHandle: port, target };
}

/** The raw JSON of a flow starting at the first node. */
export function rawFlow(nodes: RawNode[], edges: RawEdge[], extra: Partial<FlowDefinitionInput> = {}): FlowDefinitionInput {
  return { version: 1, start: nodes[0]?.id ?? 'start', variables: [], nodes, edges, ...extra };
}

/** A parsed flow (throws when the shape is wrong). */
export function buildFlow(nodes: RawNode[], edges: RawEdge[], extra: Partial<FlowDefinitionInput> = {}): FlowDefinition {
  return flowDefinition.parse(rawFlow(nodes, edges, extra));
}

export interface FakePortCalls {
  http: HttpRequest[];
  kb: { query: string; language: string }[];
  tickets: TicketRequest[];
  intents: string[];
}

/** Ports that answer from tables; every call is recorded. */
export function fakePorts(opts: {
  http?: (req: HttpRequest) => Promise<{ status: number; json?: unknown }>;
  kb?: (query: string, language: string) => KbAnswer | null;
  open?: boolean;
  intents?: Record<string, string>;
  ticketFails?: boolean;
} = {}): FlowPorts & { calls: FakePortCalls } {
  const calls: FakePortCalls = { http: [], kb: [], tickets: [], intents: [] };
  return {
    calls,
    async http(req) {
      calls.http.push(req);
      if (!opts.http) throw new Error('no http in this test');
      return opts.http(req);
    },
    async kbAnswer(query, language) {
      calls.kb.push({ query, language });
      return opts.kb ? opts.kb(query, language) : null;
    },
    async isOpen() {
      return opts.open ?? true;
    },
    async classifyIntent(text) {
      calls.intents.push(text);
      for (const [word, intent] of Object.entries(opts.intents ?? {})) {
        if (text.toLowerCase().includes(word)) return { intent, confidence: 0.9 };
      }
      return null;
    },
    async createTicket(req) {
      calls.tickets.push(req);
      if (opts.ticketFails) throw new Error('database is down at 10.0.0.5');
      return { id: 't-1', number: 1042 };
    },
  };
}

export const NOW = new Date('2026-12-04T10:00:00Z');
