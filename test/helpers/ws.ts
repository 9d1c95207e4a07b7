import WebSocket from 'ws';

export interface Frame {
  type: string;
  seq?: number;
  code?: string;
  message?: string;
  topics?: string[];
  event?: { id: string; type: string; aggregateId: string; topics: string[]; payload?: Record<string, unknown> };
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A websocket client that records frames and waits (bounded) for one matching a predicate. */
export function wsClient(url: string, headers: Record<string, string> = {}, opts: { autoPong?: boolean } = {}) {
  const ws = new WebSocket(url, { headers, autoPong: opts.autoPong ?? true });
  const frames: Frame[] = [];
  const waiters = new Set<() => void>();
  ws.on('message', (raw) => {
    frames.push(JSON.parse(String(raw)) as Frame);
    for (const w of [...waiters]) w();
  });
  ws.on('error', () => {});
  const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
  const opened = new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
  });
  return {
    ws,
    frames,
    opened,
    closed,
    send: (f: unknown) => ws.send(typeof f === 'string' ? f : JSON.stringify(f)),
    /** Waits for the first frame after index `from` that matches. */
    next(pred: (f: Frame) => boolean, what: string, ms = 5000, from = 0): Promise<Frame> {
      return new Promise((resolve, reject) => {
        const check = () => {
          const f = frames.slice(from).find(pred);
          if (!f) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve(f);
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`no ${what} within ${ms} ms; frames: ${JSON.stringify(frames).slice(0, 2000)}`));
        }, ms);
        waiters.add(check);
        check();
      });
    },
    close() {
      if (ws.readyState !== WebSocket.CLOSED) ws.terminate();
    },
  };
}
export type Client = ReturnType<typeof wsClient>;

/** Resolves with how a connection attempt ended: `open`, `http <status>` or `close <code>`. */
export async function outcomeOf(c: Client, ms = 5000): Promise<string> {
  const r = await Promise.race([
    c.opened.then(
      () => c.closed.then((code) => `close ${code}`),
      (e: Error) => e.message.toLowerCase(),
    ),
    sleep(ms).then(() => 'still open'),
  ]);
  c.close();
  return r;
}

