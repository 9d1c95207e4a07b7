import type { HttpRequest, HttpResponse } from '../flows/types.ts';
import { urlProblem } from '../flows/url-policy.ts';

/** The largest response body a flow's HTTP step reads (bytes); more is an error. */
export const HTTP_MAX_RESPONSE_BYTES = 256 * 1024;

export type Fetch = (url: string, init: RequestInit) => Promise<Response>;

/** Why an HTTP step failed; the engine takes the node's error port, the customer never sees this text. */
export class FlowHttpError extends Error {
  readonly reason: 'not_allowed' | 'bad_url' | 'timeout' | 'network' | 'too_large' | 'not_json';
  constructor(reason: FlowHttpError['reason'], message: string) {
    super(message);
    this.name = 'FlowHttpError';
    this.reason = reason;
  }
}

/** A response body as text, refused (FlowHttpError 'too_large') past `max` bytes, declared or read. */
export async function readCapped(res: Response, max: number): Promise<string> {
  const declared = Number(res.headers.get('content-length') ?? NaN);
  if (Number.isFinite(declared) && declared > max) throw new FlowHttpError('too_large', `the response is larger than ${max} bytes`);
  if (!res.body) return '';
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel().catch(() => {});
      throw new FlowHttpError('too_large', `the response is larger than ${max} bytes`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * The engine's HTTP port: allow-listed hosts only (src/core/flows/url-policy.ts), no redirects followed, one deadline for the
 * whole exchange (AbortSignal), a capped body, and a body that is not JSON is an error (empty is not).
 */
export function httpPort(allowed: () => Promise<readonly string[]>, fetchImpl: Fetch = fetch, maxBytes = HTTP_MAX_RESPONSE_BYTES) {
  return async function http(req: HttpRequest): Promise<HttpResponse> {
    // The publish check again, on the URL as filled in: https (http only to localhost), host on the allow-list, no private ranges.
    const problem = urlProblem(req.url, await allowed());
    if (problem) throw new FlowHttpError('not_allowed', problem);
    let url: URL;
    try {
      url = new URL(req.url);
    } catch {
      throw new FlowHttpError('bad_url', 'the URL is not valid');
    }
    // One deadline for the whole exchange (a ref'd timer: AbortSignal.timeout's would not keep a process alive).
    const ac = new AbortController();
    const timer = setTimeout(() => ac.abort(), req.timeoutMs);
    const signal = ac.signal;
    try {
      return await exchange(req, url, signal);
    } finally {
      clearTimeout(timer);
    }
  };

  async function exchange(req: HttpRequest, url: URL, signal: AbortSignal): Promise<HttpResponse> {
    let res: Response;
    try {
      res = await fetchImpl(url.toString(), {
        method: req.method,
        headers: { accept: 'application/json', ...(req.body !== undefined && { 'content-type': 'application/json' }), ...req.headers },
        body: req.method === 'GET' || req.method === 'DELETE' ? undefined : req.body,
        redirect: 'manual',
        signal,
      });
    } catch (e) {
      if (signal.aborted) throw new FlowHttpError('timeout', `no answer within ${req.timeoutMs} ms`);
      throw new FlowHttpError('network', `the request failed (${(e as Error).message})`);
    }
    let text: string;
    try {
      text = await readCapped(res, maxBytes);
    } catch (e) {
      if (e instanceof FlowHttpError) throw e;
      if (signal.aborted) throw new FlowHttpError('timeout', `no complete answer within ${req.timeoutMs} ms`);
      throw new FlowHttpError('network', `the response could not be read (${(e as Error).message})`);
    }
    if (!text.trim()) return { status: res.status };
    try {
      return { status: res.status, json: JSON.parse(text) as unknown };
    } catch {
      throw new FlowHttpError('not_json', `the response (status ${res.status}) is not JSON`);
    }
  }
}
