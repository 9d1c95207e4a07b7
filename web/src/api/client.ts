import type { ErrorCode } from '../../../src/contracts/common.ts';

/** One per-field problem from a 400 'invalid' error. */
export interface FieldIssue {
  path: string;
  message: string;
}

/** Every non-2xx answer from the API, normalised. */
export class ApiError extends Error {
  readonly code: ErrorCode | string;
  readonly details: unknown;
  readonly status: number;

  constructor(code: ErrorCode | string, message: string, details: unknown, status: number) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.details = details;
    this.status = status;
  }

  /** The per-field issues of an 'invalid' error, or [] for any other error. */
  get fieldIssues(): FieldIssue[] {
    if (!Array.isArray(this.details)) return [];
    return this.details.filter(
      (d): d is FieldIssue =>
        typeof d === 'object' && d !== null && typeof (d as FieldIssue).path === 'string' && typeof (d as FieldIssue).message === 'string',
    );
  }
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
type Query = Record<string, string | number | boolean | null | undefined>;

const unauthenticatedListeners = new Set<() => void>();

/** Called when a read request answers 401: the session has ended. */
export function onUnauthenticated(listener: () => void): () => void {
  unauthenticatedListeners.add(listener);
  return () => unauthenticatedListeners.delete(listener);
}

export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

async function readBody(res: Response): Promise<unknown> {
  const text = await res.text();
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

function toApiError(res: Response, body: unknown): ApiError {
  if (typeof body === 'object' && body !== null && 'error' in body) {
    const err = (body as { error: unknown }).error;
    if (typeof err === 'object' && err !== null) {
      const { code, message, details } = err as { code?: unknown; message?: unknown; details?: unknown };
      return new ApiError(
        typeof code === 'string' ? code : 'internal',
        typeof message === 'string' ? message : res.statusText || `HTTP ${res.status}`,
        details,
        res.status,
      );
    }
  }
  const code = res.status === 401 ? 'unauthenticated' : res.status >= 500 ? 'unavailable' : 'internal';
  return new ApiError(code, res.statusText || `HTTP ${res.status}`, undefined, res.status);
}

/**
 * Calls the API. Mutating requests always carry a JSON body (an empty object
 * when there is nothing to send) with Content-Type: application/json.
 */
export async function request<T>(method: Method, path: string, body?: unknown, query?: Query): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  const init: RequestInit = { method, credentials: 'same-origin', headers };
  if (method !== 'GET') {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body ?? {});
  }
  let res: Response;
  try {
    res = await fetch(withQuery(path, query), init);
  } catch (cause) {
    throw new ApiError('unavailable', cause instanceof Error ? cause.message : 'Network error', undefined, 0);
  }
  const data = await readBody(res);
  if (!res.ok) {
    const error = toApiError(res, data);
    if (res.status === 401 && method === 'GET') unauthenticatedListeners.forEach((l) => l());
    throw error;
  }
  return data as T;
}

export const api = {
  get: <T>(path: string, query?: Query) => request<T>('GET', path, undefined, query),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, body),
  put: <T>(path: string, body?: unknown) => request<T>('PUT', path, body),
  patch: <T>(path: string, body?: unknown) => request<T>('PATCH', path, body),
  del: <T>(path: string, body?: unknown) => request<T>('DELETE', path, body),
};
