/** The widget's HTTP calls (API_BASE on the host the script came from). Errors carry the server's code. */
import type {
  HistoryResponse,
  OfflineBody,
  SessionBody,
  SessionResponse,
  WidgetAttachment,
  WidgetConfig,
} from '../../../src/contracts/widget.ts';
import { API_BASE } from './constants.ts';

export class WidgetApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export interface WidgetApi {
  config(inboxId: string): Promise<WidgetConfig>;
  session(inboxId: string, body: SessionBody): Promise<SessionResponse>;
  history(token: string, afterSeq: number): Promise<HistoryResponse>;
  upload(token: string, file: File): Promise<WidgetAttachment>;
  csat(token: string, conversationId: string, score: number, comment?: string, kind?: 'csat' | 'nps'): Promise<void>;
  offline(token: string, body: OfflineBody): Promise<void>;
  /** The socket URL for a token. */
  socketUrl(token: string): string;
  /** An attachment URL usable in <a href>. */
  fileUrl(url: string, token: string): string;
}

export function createApi(origin: string, fetchImpl: typeof fetch = fetch): WidgetApi {
  const base = `${origin}${API_BASE}`;
  const call = async <T>(path: string, init: RequestInit & { token?: string } = {}): Promise<T> => {
    const headers = new Headers(init.headers);
    if (init.token) headers.set('authorization', `Bearer ${init.token}`);
    if (typeof init.body === 'string') headers.set('content-type', 'application/json');
    let res: Response;
    try {
      res = await fetchImpl(`${base}${path}`, { ...init, headers, credentials: 'omit' });
    } catch {
      throw new WidgetApiError(0, 'network', 'network error');
    }
    const text = await res.text();
    let body: unknown = null;
    try {
      body = text ? JSON.parse(text) : null;
    } catch {
      body = null;
    }
    if (!res.ok) {
      const err = (body as { error?: { code?: string; message?: string } } | null)?.error;
      throw new WidgetApiError(res.status, err?.code ?? String(res.status), err?.message ?? res.statusText);
    }
    return body as T;
  };
  return {
    config: (inboxId) => call<WidgetConfig>(`/inboxes/${encodeURIComponent(inboxId)}/config`),
    session: (inboxId, body) => call<SessionResponse>(`/inboxes/${encodeURIComponent(inboxId)}/sessions`, { method: 'POST', body: JSON.stringify(body) }),
    history: (token, afterSeq) => call<HistoryResponse>(`/messages?afterSeq=${afterSeq}`, { token }),
    upload: (token, file) =>
      call<WidgetAttachment>(`/attachments?filename=${encodeURIComponent(file.name)}`, {
        method: 'POST',
        token,
        body: file,
        headers: { 'content-type': file.type || 'application/octet-stream' },
      }),
    csat: (token, conversationId, score, comment, kind) =>
      call<void>('/csat', { method: 'POST', token, body: JSON.stringify({ conversationId, score, ...(kind === 'nps' ? { kind } : {}), ...(comment ? { comment } : {}) }) }),
    offline: (token, body) => call<void>('/offline', { method: 'POST', token, body: JSON.stringify(body) }),
    socketUrl: (token) => `${origin.replace(/^http/, 'ws')}/widget/ws?token=${encodeURIComponent(token)}`,
    fileUrl: (url, token) => `${/^https?:/.test(url) ? '' : origin}${url}${url.includes('?') ? '&' : '?'}token=${encodeURIComponent(token)}`,
  };
}
