/**
 * Channel renderers for the engine's outputs: chat (bubbles and buttons, structured), voice (what to
 * say, and which key means which choice) and SMS (plain text with numbered options).
 */
import { builtIn } from './texts.ts';
import type { ChoiceOption, FlowOutput } from './types.ts';

export type ChatMessage =
  | { kind: 'text'; text: string }
  | { kind: 'buttons'; text: string; buttons: { key: string; label: string }[] }
  | { kind: 'article'; articleId: string; title: string; text: string };

const CSAT_KEYS = ['1', '2', '3', '4', '5'];

/** Chat: one bubble per output; choices and CSAT become buttons the widget shows under the bubble. */
export function renderChat(outputs: FlowOutput[]): ChatMessage[] {
  return outputs.map((o): ChatMessage => {
    switch (o.kind) {
      case 'text': return { kind: 'text', text: o.text };
      case 'choices': return { kind: 'buttons', text: o.prompt, buttons: o.options.map((x) => ({ key: x.key, label: x.label })) };
      case 'article': return { kind: 'article', articleId: o.articleId, title: o.title, text: o.text };
      case 'csat': return { kind: 'buttons', text: o.prompt, buttons: CSAT_KEYS.map((k) => ({ key: k, label: k })) };
    }
  });
}

export interface VoiceTurn {
  /** Sentences to speak, in order. */
  say: string[];
  /** Present when the caller is expected to press a key: digit → choice key. */
  gather?: { dtmf: Record<string, string>; maxDigits: number };
  /** The language the prompts are in (for the speech voice). */
  language: string;
}

/** Plain text for speech: tags and Markdown marks out, whitespace folded. */
export function speakable(s: string): string {
  return s
    .replace(/<[^>]*>/g, ' ')
    .replace(/!\[[^\]]*\]\([^)]*\)/g, ' ')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[*_#`>|]+/g, '')
    .replace(/\s+/g, ' ')
    .replace(/ ([,.!?;:，。！？])/g, '$1')
    .trim();
}

function fillPress(template: string, label: string, key: string): string {
  return template.replace('{label}', label).replace('{key}', key);
}

function voiceOptions(options: ChoiceOption[], language: string): { lines: string[]; dtmf: Record<string, string> } {
  const dtmf: Record<string, string> = {};
  const lines = options.map((o, i) => {
    const key = o.dtmf ?? String(i + 1);
    dtmf[key] = o.key;
    return fillPress(builtIn('pressFor', language), speakable(o.label), key);
  });
  return { lines, dtmf };
}

/** Voice: "For Returns, press 1." in the flow's language, with the digit → choice map to gather. */
export function renderVoice(outputs: FlowOutput[], language: string): VoiceTurn {
  const say: string[] = [];
  let gather: VoiceTurn['gather'];
  for (const o of outputs) {
    if (o.kind === 'text') say.push(speakable(o.text));
    if (o.kind === 'article') say.push(speakable(o.title), speakable(o.text));
    if (o.kind === 'choices') {
      const { lines, dtmf } = voiceOptions(o.options, language);
      say.push(speakable(o.prompt), ...lines);
      gather = { dtmf, maxDigits: 1 };
    }
    if (o.kind === 'csat') {
      say.push(speakable(o.prompt), builtIn('csatPress', language));
      gather = { dtmf: Object.fromEntries(CSAT_KEYS.map((k) => [k, k])), maxDigits: 1 };
    }
  }
  return { say: say.filter(Boolean), ...(gather ? { gather } : {}), language };
}

export interface SmsMessage {
  text: string;
  /** Reply text (a number) → choice key, for the options in this message. */
  replies: Record<string, string>;
}

/** SMS: one message; options numbered "1) Returns" — a reply with the number or the label chooses. */
export function renderSms(outputs: FlowOutput[], language: string): SmsMessage {
  const parts: string[] = [];
  const replies: Record<string, string> = {};
  for (const o of outputs) {
    if (o.kind === 'text') parts.push(o.text);
    if (o.kind === 'article') parts.push(`${o.title}\n${speakable(o.text)}`);
    if (o.kind === 'choices') {
      const lines = o.options.map((x, i) => {
        const n = x.dtmf ?? String(i + 1);
        replies[n] = x.key;
        return `${n}) ${x.label}`;
      });
      parts.push([o.prompt, ...lines, builtIn('replyWithNumber', language)].filter(Boolean).join('\n'));
    }
    if (o.kind === 'csat') {
      for (const k of CSAT_KEYS) replies[k] = k;
      parts.push(`${o.prompt}\n${builtIn('csatReply', language)}`);
    }
  }
  return { text: parts.filter(Boolean).join('\n\n'), replies };
}
