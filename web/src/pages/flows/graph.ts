import type { Edge, Node } from '@xyflow/react';
import type { FlowDefinitionInput, NodeType } from '../../../../src/core/flows/schema.ts';
import type { FlowIssue } from '../../api/flows.ts';

type RawNode = FlowDefinitionInput['nodes'][number];
type RawEdge = NonNullable<FlowDefinitionInput['edges']>[number];

/** What a canvas node carries: the flow node's type and data, and the problems the server found on it. */
export interface CanvasData extends Record<string, unknown> {
  kind: NodeType;
  data: Record<string, unknown>;
  issues: string[];
  isStart: boolean;
}
export type CanvasNode = Node<CanvasData, 'flow'>;

export function toCanvas(def: FlowDefinitionInput, issues: readonly FlowIssue[]): { nodes: CanvasNode[]; edges: Edge[] } {
  const byNode = new Map<string, string[]>();
  for (const i of issues) if (i.nodeId) byNode.set(i.nodeId, [...(byNode.get(i.nodeId) ?? []), i.message]);
  return {
    nodes: def.nodes.map((n) => ({
      id: n.id,
      type: 'flow',
      position: n.position,
      data: { kind: n.type, data: n.data as Record<string, unknown>, issues: byNode.get(n.id) ?? [], isStart: n.id === def.start },
    })),
    edges: (def.edges ?? []).map((e) => ({ id: e.id, source: e.source, sourceHandle: e.sourceHandle, target: e.target, label: e.sourceHandle === 'next' ? undefined : e.sourceHandle })),
  };
}

/** The definition the canvas shows (positions rounded), keeping the flow's other settings. */
export function fromCanvas(base: FlowDefinitionInput, nodes: CanvasNode[], edges: Edge[], start: string): FlowDefinitionInput {
  return {
    ...base,
    start,
    nodes: nodes.map((n) => ({ id: n.id, type: n.data.kind, position: { x: Math.round(n.position.x), y: Math.round(n.position.y) }, data: n.data.data }) as RawNode),
    edges: edges.map((e) => ({ id: e.id, source: e.source, sourceHandle: e.sourceHandle ?? 'next', target: e.target }) as RawEdge),
  };
}

/** Starting data for a node dropped from the palette (English texts; other languages in the form). */
export function defaultData(kind: NodeType): Record<string, unknown> {
  switch (kind) {
    case 'message': return { text: { en: 'Hello!' } };
    case 'ask': return { prompt: { en: 'What is your email?' }, kind: 'email', variable: 'email' };
    case 'menu': return { prompt: { en: 'Choose one' }, options: [{ key: 'a', label: { en: 'Option A' } }, { key: 'b', label: { en: 'Option B' } }] };
    case 'condition': return { match: 'all', rules: [{ left: 'last_input', op: 'exists' }] };
    case 'set': return { assignments: [{ variable: 'count', mode: 'literal', value: 0 }] };
    case 'http': return { method: 'GET', url: 'https://api.example.com/orders/{{order}}', timeoutMs: 5000, mapping: { status: 'json.status' } };
    case 'kb_answer': return { threshold: 0.5, maxAttempts: 1 };
    case 'business_hours': return { calendarId: '' };
    case 'language': return { languages: ['en', 'cy', 'pl', 'hi', 'zh-Hans', 'zh-Hant'], ask: false };
    case 'intent': return { threshold: 0.3 };
    case 'handover': return { queueId: null, skills: [], priority: 0, note: '' };
    case 'create_ticket': return { subject: 'Chat request', priority: 'normal' };
    case 'csat': return { variable: 'csat' };
    case 'end': return {};
  }
}

/** A node id not used yet: "<type>-<n>". */
export function freshId(kind: NodeType, taken: ReadonlySet<string>): string {
  for (let i = 1; ; i++) {
    const id = `${kind.replace('_', '-')}-${i}`;
    if (!taken.has(id)) return id;
  }
}
