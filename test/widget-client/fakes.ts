import type { SocketLike, Timers } from '../../web/widget/lib/connection.ts';

/** Fake timers: nothing runs until advance(). */
export function fakeTimers(): Timers & { advance(ms: number): Promise<void>; pending(): number } {
  let now = 1_000_000;
  let nextId = 1;
  const timers = new Map<number, { at: number; fn: () => void }>();
  return {
    set(fn, ms) {
      const id = nextId++;
      timers.set(id, { at: now + ms, fn });
      return id;
    },
    clear(h) {
      timers.delete(h as number);
    },
    now: () => now,
    pending: () => timers.size,
    async advance(ms) {
      const end = now + ms;
      for (;;) {
        const due = [...timers.entries()].filter(([, t]) => t.at <= end).sort((a, b) => a[1].at - b[1].at || a[0] - b[0])[0];
        if (!due) break;
        timers.delete(due[0]);
        now = due[1].at;
        due[1].fn();
        await flush();
      }
      now = end;
      await flush();
    },
  };
}

export async function flush(): Promise<void> {
  for (let i = 0; i < 5; i++) await Promise.resolve();
}

export interface FakeSocket extends SocketLike {
  url: string;
  sent: Record<string, unknown>[];
  closed: boolean;
  /** The server accepts the connection. */
  accept(): void;
  /** The server sends a frame. */
  push(frame: Record<string, unknown>): void;
  /** The connection drops (close code 1006 unless given). */
  drop(code?: number): void;
}

export function fakeSockets(): { open(url: string): FakeSocket; all: FakeSocket[]; last(): FakeSocket } {
  const all: FakeSocket[] = [];
  return {
    all,
    last: () => all[all.length - 1]!,
    open(url) {
      const s: FakeSocket = {
        url,
        sent: [],
        closed: false,
        onopen: null,
        onmessage: null,
        onclose: null,
        onerror: null,
        send(data) {
          if (s.closed) throw new Error('socket closed');
          s.sent.push(JSON.parse(data) as Record<string, unknown>);
        },
        close() {
          s.closed = true;
        },
        accept() {
          s.onopen?.();
        },
        push(frame) {
          s.onmessage?.({ data: JSON.stringify(frame) });
        },
        drop(code = 1006) {
          s.closed = true;
          s.onclose?.({ code });
        },
      };
      all.push(s);
      return s;
    },
  };
}
