import { AppError } from '../../core/errors.ts';
import type { ChatMessage } from '../../core/kb-assist/draft.ts';
import { readCompletion } from '../../core/kb-assist/draft.ts';
import { readCapped } from '../../core/flows-runtime/http-port.ts';

export interface Completer {
  complete(messages: ChatMessage[]): Promise<string>;
}

/** Largest answer body read from the endpoint. */
const MAX_BODY = 256 * 1024;

/**
 * A client for an OpenAI-compatible `/chat/completions` endpoint (OpenAI, Azure's compatible
 * endpoints, Ollama, vLLM, llama.cpp's server...). The key travels only in the Authorization
 * header; errors say what failed without echoing the key or the endpoint's body.
 */
export function openAiCompatible(o: { url: string; key?: string; model: string; timeoutMs: number; fetch?: typeof fetch }): Completer {
  const endpoint = `${o.url.replace(/\/+$/, '')}/chat/completions`;
  const doFetch = o.fetch ?? fetch;
  const fail = (why: string) => new AppError('unavailable', `The answer-drafting service failed: ${why}. Write the reply yourself or try again later.`);
  return {
    async complete(messages) {
      let res: Response;
      try {
        res = await doFetch(endpoint, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(o.key && { authorization: `Bearer ${o.key}` }) },
          body: JSON.stringify({ model: o.model, messages, temperature: 0.2, max_tokens: 600 }),
          signal: AbortSignal.timeout(o.timeoutMs),
        });
      } catch (e) {
        throw fail((e as Error).name === 'TimeoutError' ? `no answer within ${Math.round(o.timeoutMs / 1000)} s` : 'it could not be reached');
      }
      if (!res.ok) {
        await res.body?.cancel().catch(() => undefined);
        throw fail(`it answered HTTP ${res.status}`);
      }
      let raw: string;
      try {
        raw = await readCapped(res, MAX_BODY);
      } catch {
        throw fail('its answer was too large or broke off');
      }
      let body: unknown;
      try {
        body = JSON.parse(raw);
      } catch {
        throw fail('its answer was not JSON');
      }
      const text = readCompletion(body);
      if (!text) throw fail('its answer held no text');
      return text;
    },
  };
}

/** The server's completer from its settings; null (drafting off) without DRAFT_AI_URL. */
export function draftCompleter(c: { DRAFT_AI_URL?: string; DRAFT_AI_KEY?: string; DRAFT_AI_MODEL: string; DRAFT_AI_TIMEOUT_MS: number }): ((m: ChatMessage[]) => Promise<string>) | null {
  if (!c.DRAFT_AI_URL) return null;
  const client = openAiCompatible({ url: c.DRAFT_AI_URL, key: c.DRAFT_AI_KEY, model: c.DRAFT_AI_MODEL, timeoutMs: c.DRAFT_AI_TIMEOUT_MS });
  return (m) => client.complete(m);
}
