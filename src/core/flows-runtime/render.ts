/**
 * Channel rendering of the engine's outputs for chat: one bubble per output; choices as numbered
 * text (the SMS rendering, so any widget shows them) with the structured options in the message
 * metadata (for widgets that draw buttons). And the reverse: a reply "2" or a label is that choice.
 */
import type { ChoiceOption, FlowOutput, FlowValue, TranscriptEntry } from '../flows/types.ts';

export interface ChatBubble {
  text: string;
  metadata: Record<string, unknown> | null;
}

export function renderOutput(o: FlowOutput): ChatBubble {
  switch (o.kind) {
    case 'text':
      return { text: o.text, metadata: null };
    case 'choices':
      return {
        text: [o.prompt, ...o.options.map((x, i) => `${i + 1}. ${x.label}`)].filter(Boolean).join('\n'),
        metadata: { kind: 'choices', options: o.options.map((x, i) => ({ key: x.key, label: x.label, number: i + 1 })) },
      };
    case 'article':
      return { text: `${o.title}\n\n${o.text}`.trim(), metadata: { kind: 'article', articleId: o.articleId, title: o.title } };
    case 'csat':
      return { text: `${o.prompt}\n1 2 3 4 5`, metadata: { kind: 'csat', options: [1, 2, 3, 4, 5].map((n) => ({ key: String(n), label: String(n), number: n })) } };
  }
}

/** The choices the bot offered last (from its last outputs), to read a numbered or worded reply. */
export function offeredChoices(outputs: readonly FlowOutput[]): ChoiceOption[] {
  for (let i = outputs.length - 1; i >= 0; i--) {
    const o = outputs[i]!;
    if (o.kind === 'choices') return o.options;
  }
  return [];
}

const norm = (s: string) => s.normalize('NFKC').trim().toLowerCase().replace(/[.!?。！？\s]+$/u, '');

/** A reply that picks one of the offered options (by number, key or label); else null. */
export function choiceOf(text: string, options: readonly ChoiceOption[]): string | null {
  if (options.length === 0) return null;
  const t = norm(text);
  const n = /^\d{1,2}$/.test(t) ? Number(t) : NaN;
  if (Number.isInteger(n) && n >= 1 && n <= options.length) return options[n - 1]!.key;
  const hit = options.find((o) => norm(o.label) === t || norm(o.key) === t);
  return hit?.key ?? null;
}

/** The note the agent sees at a hand-over: why, the intent, the variables and the transcript. */
export function handoverNote(h: { reason: string; note: string; intent: string | null; language: string; variables: Record<string, FlowValue>; transcript: readonly TranscriptEntry[] }): string {
  const vars = Object.entries(h.variables).filter(([k]) => k !== 'intent');
  const lines = [
    `Bot hand-over (${h.reason.replace(/_/g, ' ')})${h.note.trim() ? `: ${h.note.trim()}` : ''}`,
    `Intent: ${h.intent ?? 'none'} · Language: ${h.language}`,
    '',
    'Collected variables:',
    ...(vars.length > 0 ? vars.map(([k, v]) => `- ${k}: ${v === null ? '—' : String(v)}`) : ['- (none)']),
    '',
    'Transcript:',
    ...h.transcript.map((t) => `${t.from === 'bot' ? 'Bot' : 'Customer'}: ${t.text.replace(/\s*\n\s*/g, ' / ')}`),
  ];
  return lines.join('\n').slice(0, 20_000);
}
