/** Nodes that ask and wait: ask, menu, kb_answer (FAQ), csat, language (when it asks). */
import { checkAnswer } from './answers.ts';
import { yesNo } from './human-request.ts';
import { prepare } from './phrases.ts';
import type { FlowNode, LocalizedText, NodeOf } from './schema.ts';
import { edgeFrom, fill, say, sayText, setVar, text, type Next, type RunContext } from './run-context.ts';
import { isClearlyNegative } from './sentiment-lite.ts';
import { builtIn, LANGUAGE_NAMES, type BuiltInText } from './texts.ts';
import type { ChoiceOption, FlowInput } from './types.ts';

export type WaitingNode = NodeOf<'ask'> | NodeOf<'menu'> | NodeOf<'kb_answer'> | NodeOf<'csat'> | NodeOf<'language'>;
type Reply = Exclude<FlowInput, { kind: 'start' }>;

const DIGITS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '0'];

/** The key each option is chosen with on a phone: its own `dtmf`, else the lowest free digit. */
export function assignDtmf(options: readonly { key: string; dtmf?: string }[]): string[] {
  const taken = new Set(options.flatMap((o) => (o.dtmf ? [o.dtmf] : [])));
  const free = DIGITS.filter((d) => !taken.has(d));
  return options.map((o) => o.dtmf ?? free.shift() ?? '');
}

const same = (a: string, b: string) => {
  const x = prepare(a);
  const y = prepare(b);
  return x.compact.length > 0 && x.compact === y.compact;
};

/** Which option a reply picks: the key, the phone key, the number in the list, or a label in any language. */
export function pickOption(options: { key: string; label: LocalizedText | string }[], dtmf: string[], reply: Reply): string | null {
  if (reply.kind === 'choice') return options.some((o) => o.key === reply.key) ? reply.key : null;
  if (reply.kind === 'timeout') return null;
  const raw = reply.kind === 'dtmf' ? reply.digits : reply.text;
  const t = raw.normalize('NFKC').trim().replace(/[.)]$/, '');
  const byKey = dtmf.indexOf(t);
  if (t && byKey >= 0) return options[byKey]!.key;
  if (reply.kind === 'dtmf') return null;
  if (/^\d+$/.test(t)) return options[Number(t) - 1]?.key ?? null;
  for (const o of options) {
    const labels = typeof o.label === 'string' ? [o.label] : Object.values(o.label);
    if (same(o.key, t) || labels.some((l) => same(l, t))) return o.key;
  }
  return null;
}

function choices(c: RunContext, options: { key: string; label: LocalizedText | string }[], dtmf: string[]): ChoiceOption[] {
  return options.map((o, i) => ({ key: o.key, label: typeof o.label === 'string' ? o.label : text(c, o.label), ...(dtmf[i] ? { dtmf: dtmf[i] } : {}) }));
}

function languageOptions(n: NodeOf<'language'>) {
  return n.data.languages.map((l) => ({ key: l, label: LANGUAGE_NAMES[l] ?? l }));
}

/** Shows the node's question. */
function prompt(c: RunContext, n: WaitingNode): void {
  switch (n.type) {
    case 'ask': {
      const p = text(c, n.data.prompt);
      const qr = n.data.quickReplies ?? [];
      if (qr.length) say(c, { kind: 'choices', prompt: p, options: choices(c, qr, assignDtmf(qr)) }, n.id);
      else sayText(c, p, n.id);
      return;
    }
    case 'menu': {
      const p = text(c, n.data.prompt);
      say(c, { kind: 'choices', prompt: p, options: choices(c, n.data.options, assignDtmf(n.data.options)) }, n.id);
      return;
    }
    case 'csat':
      say(c, { kind: 'csat', prompt: text(c, n.data.prompt, 'csat') }, n.id);
      return;
    case 'language': {
      const p = text(c, n.data.prompt, 'chooseLanguage');
      const opts = languageOptions(n);
      say(c, { kind: 'choices', prompt: p, options: choices(c, opts, assignDtmf(opts)) }, n.id);
      return;
    }
    case 'kb_answer':
      sayText(c, text(c, n.data.rephraseText, 'kbRephrase'), n.id);
  }
}

function wait(c: RunContext, n: FlowNode, phase: 'prompt' | 'confirm' | 'rephrase'): Next {
  c.state.nodeId = n.id;
  c.state.phase = phase;
  c.state.status = 'waiting';
  return { wait: true };
}

/** A wrong or missing answer: say so and ask again, or leave by `exhausted` after the retries. */
function retry(c: RunContext, n: WaitingNode, allowed: number, message: string, exhausted: string): Next {
  c.state.retries += 1;
  if (c.state.retries > allowed) return { go: exhausted };
  sayText(c, message, n.id);
  prompt(c, n);
  return wait(c, n, 'prompt');
}

const INVALID: Record<string, BuiltInText> = { email: 'invalidEmail', phone: 'invalidPhone', number: 'invalidNumber', date: 'invalidDate' };

// ---- FAQ (kb_answer) ----

async function kbAttempt(c: RunContext, n: NodeOf<'kb_answer'>, query: string): Promise<Next> {
  const d = n.data;
  if (!query.trim()) {
    prompt(c, n);
    return wait(c, n, 'rephrase');
  }
  if (d.handoverOnNegative && isClearlyNegative(query, c.state.language)) return kbLeave(c, n, 'negative_sentiment');
  let answer: Awaited<ReturnType<RunContext['ports']['kbAnswer']>> = null;
  try { answer = await c.ports.kbAnswer(query.slice(0, 1000), c.state.language); } catch { answer = null; }
  c.state.attempts += 1;
  if (answer && typeof answer.score === 'number' && answer.score >= d.threshold) {
    say(c, { kind: 'article', articleId: answer.articleId, title: answer.title, text: answer.answerText }, n.id);
    const yn = [{ key: 'yes', label: builtIn('yes', c.state.language) }, { key: 'no', label: builtIn('no', c.state.language) }];
    const p = text(c, d.confirmText, 'kbConfirm');
    say(c, { kind: 'choices', prompt: p, options: choices(c, yn, ['1', '2']) }, n.id);
    return wait(c, n, 'confirm');
  }
  if (c.state.attempts < d.maxAttempts) {
    prompt(c, n);
    return wait(c, n, 'rephrase');
  }
  return kbLeave(c, n, c.state.attempts > 1 ? 'kb_repeated_failure' : 'kb_low_confidence');
}

function kbLeave(c: RunContext, n: NodeOf<'kb_answer'>, reason: 'negative_sentiment' | 'kb_repeated_failure' | 'kb_low_confidence' | 'kb_no'): Next {
  if (reason === 'kb_no' && edgeFrom(c, n.id, 'no')) return { go: 'no' };
  return { go: 'handover', reason };
}

async function resumeKb(c: RunContext, n: NodeOf<'kb_answer'>, reply: Reply): Promise<Next> {
  if (reply.kind === 'timeout') return kbLeave(c, n, 'kb_no');
  const typed = reply.kind === 'text' ? reply.text : '';
  if (typed && n.data.handoverOnNegative && isClearlyNegative(typed, c.state.language)) return kbLeave(c, n, 'negative_sentiment');
  if (c.state.phase === 'confirm') {
    const yn = reply.kind === 'choice' ? (reply.key === 'yes' || reply.key === 'no' ? reply.key : null)
      : reply.kind === 'dtmf' ? (reply.digits === '1' ? 'yes' : reply.digits === '2' ? 'no' : null)
        : yesNo(typed);
    if (yn === 'yes') return { go: 'yes' };
    if (yn === 'no') {
      if (c.state.attempts < n.data.maxAttempts) {
        prompt(c, n);
        return wait(c, n, 'rephrase');
      }
      return kbLeave(c, n, c.state.attempts > 1 ? 'kb_repeated_failure' : 'kb_no');
    }
    if (!typed.trim()) return wait(c, n, 'confirm');
    // Another question instead of yes/no: answer it afresh.
    c.state.attempts = 0;
    return kbAttempt(c, n, typed);
  }
  if (!typed.trim()) {
    prompt(c, n);
    return wait(c, n, 'rephrase');
  }
  return kbAttempt(c, n, typed);
}

// ---- entry and replies ----

export async function enterWaiting(c: RunContext, n: WaitingNode): Promise<Next> {
  c.state.retries = 0;
  c.state.attempts = 0;
  if (n.type === 'kb_answer') return kbAttempt(c, n, n.data.query !== undefined ? fill(c, n.data.query) : c.state.lastInput ?? '');
  prompt(c, n);
  return wait(c, n, 'prompt');
}

export async function resumeWaiting(c: RunContext, n: WaitingNode, reply: Reply): Promise<Next> {
  if (reply.kind === 'timeout' && n.type !== 'kb_answer' && edgeFrom(c, n.id, 'timeout')) return { go: 'timeout' };
  const lang = c.state.language;
  switch (n.type) {
    case 'kb_answer':
      if (reply.kind === 'timeout' && edgeFrom(c, n.id, 'timeout')) return { go: 'timeout' };
      return resumeKb(c, n, reply);
    case 'ask': {
      const d = n.data;
      const qr = d.quickReplies ?? [];
      const key = qr.length ? pickOption(qr, assignDtmf(qr), reply) : null;
      if (key) { setVar(c, d.variable, key); return { go: 'next' }; }
      // A caller ends a typed number with # (or *).
      const raw = reply.kind === 'text' ? reply.text : reply.kind === 'dtmf' ? reply.digits.replace(/[#*]+$/, '') : '';
      const r = checkAnswer(d.kind, raw, lang, d.pattern);
      if (r.ok) { setVar(c, d.variable, r.value); return { go: 'next' }; }
      const msg = d.invalidText ? text(c, d.invalidText) : builtIn(INVALID[d.kind] ?? 'invalidText', lang);
      return retry(c, n, d.retries, msg, 'error');
    }
    case 'menu': {
      const key = pickOption(n.data.options, assignDtmf(n.data.options), reply);
      if (key) return { go: `option:${key}` };
      const msg = n.data.invalidText ? text(c, n.data.invalidText) : builtIn('invalidChoice', lang);
      return retry(c, n, n.data.retries, msg, 'nomatch');
    }
    case 'csat': {
      const raw = reply.kind === 'choice' ? reply.key : reply.kind === 'dtmf' ? reply.digits : reply.kind === 'text' ? reply.text : '';
      const t = raw.normalize('NFKC').trim();
      const m = t.length <= 20 ? /(?:^|\D)([1-5])(?:\D|$)/.exec(t) : null;
      if (m) { setVar(c, n.data.variable, Number(m[1])); return { go: 'next' }; }
      if (c.state.retries >= 1) { setVar(c, n.data.variable, null); return { go: 'next' }; }
      return retry(c, n, 1, builtIn('invalidChoice', lang), 'next');
    }
    case 'language': {
      const opts = languageOptions(n);
      const key = pickOption(opts, assignDtmf(opts), reply);
      if (key) {
        c.state.language = key;
        return { go: edgeFrom(c, n.id, `lang:${key}`) ? `lang:${key}` : 'next' };
      }
      return retry(c, n, 2, builtIn('invalidChoice', lang), 'next');
    }
  }
}
