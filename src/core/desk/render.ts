/**
 * Canned-response variables: `{{customer.first_name}}` and friends, filled from the conversation
 * at hand. Pure: the caller gathers the values. An unknown variable stays visible as written
 * (and is refused when a response is saved); a known one without a value becomes empty text.
 */
export const cannedVariables = ['customer.first_name', 'customer.name', 'agent.first_name', 'agent.name', 'conversation.id'] as const;
export type CannedVariable = (typeof cannedVariables)[number];
export type CannedValues = Partial<Record<CannedVariable, string | null | undefined>>;

const known: ReadonlySet<string> = new Set(cannedVariables);
/** `{{ name }}`: letters, digits, dots and underscores, spaces around allowed. */
const variableRe = /\{\{\s*([A-Za-z0-9_.]+)\s*\}\}/g;

/** The first word of a name ("Ana María López" → "Ana"), or "" for none. */
export function firstName(name: string | null | undefined): string {
  return (name ?? '').trim().split(/\s+/u)[0] ?? '';
}

export interface RenderResult {
  text: string;
  /** Variables written in the body that are not known, each once, in order of appearance. */
  unknown: string[];
}

export function renderCanned(body: string, values: CannedValues): RenderResult {
  const unknown: string[] = [];
  const text = body.replace(variableRe, (whole, name: string) => {
    if (!known.has(name)) {
      if (!unknown.includes(name)) unknown.push(name);
      return whole;
    }
    return values[name as CannedVariable] ?? '';
  });
  return { text, unknown };
}

/** The unknown variables of a body, for validation on save. */
export function unknownVariables(body: string): string[] {
  return renderCanned(body, {}).unknown;
}

/** The values for a conversation: the customer's and agent's names, the conversation id. */
export function cannedValues(v: { customerName: string | null; agentName: string | null; conversationId: string | null }): CannedValues {
  return {
    'customer.name': v.customerName ?? '',
    'customer.first_name': firstName(v.customerName),
    'agent.name': v.agentName ?? '',
    'agent.first_name': firstName(v.agentName),
    'conversation.id': v.conversationId ?? '',
  };
}
