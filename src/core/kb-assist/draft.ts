/**
 * Drafting a reply from the knowledge base with an OpenAI-compatible model (issue 7, optional and off
 * unless DRAFT_AI_URL is set). Pure: the prompt from the customer's last messages and the best
 * matching articles, and the reading of the answer. The agent always reviews the draft; nothing is
 * sent to the customer by this path.
 */

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

export interface DraftSource {
  articleId: string;
  language: string;
  title: string;
  text: string;
}

/** Characters of one article's text given to the model, and of the customer's messages. */
export const ARTICLE_CHARS = 4000;
export const CUSTOMER_CHARS = 2000;

const LANGUAGE_NAMES: Record<string, string> = {
  en: 'English', cy: 'Welsh', pl: 'Polish', hi: 'Hindi', 'zh-Hans': 'Simplified Chinese', 'zh-Hant': 'Traditional Chinese',
};

/** The messages for /chat/completions: rules, the articles as numbered sources, the customer's words. */
export function buildDraftMessages(o: { language: string; customerMessages: string[]; sources: DraftSource[]; agentName?: string | null }): ChatMessage[] {
  const lang = LANGUAGE_NAMES[o.language] ?? o.language;
  const sources = o.sources.map((s, i) => `[${i + 1}] ${s.title}\n${s.text.slice(0, ARTICLE_CHARS)}`).join('\n\n');
  const rules = [
    'You draft a reply for a customer-support agent, who will review and edit it before sending.',
    `Write in ${lang}, in a friendly, concise tone, as the agent${o.agentName ? ` (${o.agentName})` : ''}.`,
    'Use ONLY the facts in the numbered knowledge-base sources below. If they do not answer the question, say briefly that you will check and come back, and do not invent policies, prices, dates or links.',
    'Do not mention that you are an AI or that sources were given to you. Plain text, no markdown headings.',
  ].join(' ');
  let customer = o.customerMessages.join('\n').trim();
  if (customer.length > CUSTOMER_CHARS) customer = customer.slice(-CUSTOMER_CHARS);
  return [
    { role: 'system', content: `${rules}\n\nKnowledge-base sources:\n${sources || '(none found)'}` },
    { role: 'user', content: customer || '(the customer has not written yet)' },
  ];
}

/** The draft text from a /chat/completions answer; null when the answer has no usable text. */
export function readCompletion(body: unknown): string | null {
  const choices = (body as { choices?: unknown })?.choices;
  if (!Array.isArray(choices) || choices.length === 0) return null;
  const content = (choices[0] as { message?: { content?: unknown } })?.message?.content;
  if (typeof content !== 'string') return null;
  const text = content.trim();
  return text ? text.slice(0, 8000) : null;
}
