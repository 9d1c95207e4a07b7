/** What variables each node reads and writes (for validation and for the editor). */
import { expressionVariables, parseExpression } from './expression.ts';
import type { FlowNode, LocalizedText } from './schema.ts';
import { templateVariables } from './template.ts';

export interface VariableRead {
  name: string;
  /** Where in node.data, e.g. "data.text.en". */
  path: string;
}

function fromTemplate(out: VariableRead[], tpl: string | undefined, path: string): void {
  if (!tpl) return;
  for (const name of templateVariables(tpl)) out.push({ name, path });
}

function fromText(out: VariableRead[], t: LocalizedText | undefined, path: string): void {
  if (!t) return;
  for (const [lang, s] of Object.entries(t)) fromTemplate(out, s, `${path}.${lang}`);
}

/** Every variable a node reads. Expressions that do not parse are skipped (validation reports them). */
export function nodeReads(n: FlowNode): VariableRead[] {
  const out: VariableRead[] = [];
  switch (n.type) {
    case 'message': fromText(out, n.data.text, 'data.text'); break;
    case 'ask':
      fromText(out, n.data.prompt, 'data.prompt');
      fromText(out, n.data.invalidText, 'data.invalidText');
      n.data.quickReplies?.forEach((q, i) => fromText(out, q.label, `data.quickReplies.${i}.label`));
      break;
    case 'menu':
      fromText(out, n.data.prompt, 'data.prompt');
      fromText(out, n.data.invalidText, 'data.invalidText');
      n.data.options.forEach((o, i) => fromText(out, o.label, `data.options.${i}.label`));
      break;
    case 'condition':
      n.data.rules.forEach((r, i) => {
        out.push({ name: r.left, path: `data.rules.${i}.left` });
        if (typeof r.value === 'string' && r.op !== 'matches') fromTemplate(out, r.value, `data.rules.${i}.value`);
      });
      break;
    case 'set':
      n.data.assignments.forEach((a, i) => {
        if (typeof a.value !== 'string') return;
        if (a.mode === 'template') fromTemplate(out, a.value, `data.assignments.${i}.value`);
        if (a.mode === 'expression') {
          try {
            for (const name of expressionVariables(parseExpression(a.value))) out.push({ name, path: `data.assignments.${i}.value` });
          } catch { /* reported by validation */ }
        }
      });
      break;
    case 'http':
      fromTemplate(out, n.data.url, 'data.url');
      fromTemplate(out, n.data.body, 'data.body');
      for (const [h, v] of Object.entries(n.data.headers ?? {})) fromTemplate(out, v, `data.headers.${h}`);
      break;
    case 'kb_answer':
      fromTemplate(out, n.data.query, 'data.query');
      fromText(out, n.data.confirmText, 'data.confirmText');
      fromText(out, n.data.rephraseText, 'data.rephraseText');
      break;
    case 'language': fromText(out, n.data.prompt, 'data.prompt'); break;
    case 'intent': fromTemplate(out, n.data.text, 'data.text'); break;
    case 'handover':
      fromTemplate(out, n.data.note, 'data.note');
      fromText(out, n.data.text, 'data.text');
      break;
    case 'create_ticket':
      fromTemplate(out, n.data.subject, 'data.subject');
      fromTemplate(out, n.data.body, 'data.body');
      break;
    case 'csat': fromText(out, n.data.prompt, 'data.prompt'); break;
    case 'end': fromText(out, n.data.text, 'data.text'); break;
    case 'business_hours': break;
  }
  return out;
}

/** Variables a node assigns. */
export function nodeWrites(n: FlowNode): string[] {
  switch (n.type) {
    case 'ask': return [n.data.variable];
    case 'set': return n.data.assignments.map((a) => a.variable);
    case 'http': return Object.keys(n.data.mapping);
    case 'create_ticket': return n.data.variable ? [n.data.variable] : [];
    case 'csat': return [n.data.variable];
    case 'intent': return ['intent'];
    default: return [];
  }
}
