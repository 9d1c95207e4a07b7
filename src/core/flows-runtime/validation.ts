import { flowDefinition, type FlowDefinition } from '../flows/schema.ts';
import type { FlowIssue } from './contracts.ts';
import { checkDefinition, type GraphContext } from './engine.ts';

/** What the tenant's data adds to a flow's checks. */
export type FlowContext = GraphContext;

/** Parses a definition for saving or running; shape errors are issues on their node or edge. */
export function parseDefinition(raw: unknown): { definition: FlowDefinition; issues: [] } | { definition: null; issues: FlowIssue[] } {
  const r = flowDefinition.safeParse(raw);
  if (r.success) return { definition: r.data, issues: [] };
  const { issues } = checkDefinition(raw, { allowedHosts: [], intents: [], calendarIds: new Set(), queueIds: new Set() });
  return { definition: null, issues: issues.length ? issues : [{ nodeId: null, code: 'invalid', message: 'The flow is not valid' }] };
}

/** Everything that stops a flow from being published: shape, graph, allow-list, queues, calendars, intents. */
export function flowIssues(raw: unknown, ctx: FlowContext): FlowIssue[] {
  return checkDefinition(raw, ctx).issues;
}

/** The smallest publishable flow: say hello, end. */
export function starterDefinition(): FlowDefinition {
  return {
    version: 1,
    start: 'hello',
    variables: [],
    nodes: [
      { id: 'hello', type: 'message', position: { x: 0, y: 0 }, data: { text: { en: 'Hello! How can we help?' } } },
      { id: 'bye', type: 'end', position: { x: 0, y: 160 }, data: {} },
    ],
    edges: [{ id: 'e1', source: 'hello', sourceHandle: 'next', target: 'bye' }],
  };
}
