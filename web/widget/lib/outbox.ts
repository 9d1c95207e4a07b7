/**
 * Messages the visitor sent that the server has not acknowledged yet, kept in localStorage per
 * inbox so that a reload, a crash or another tab can resend them (same clientId: the server
 * answers a resend with the first message's ack, so nothing is stored twice).
 */
export interface StorageLike {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export interface PendingSend {
  clientId: string;
  text: string;
  attachmentIds?: string[];
  /** Epoch ms when the visitor pressed send (display only; order is the array order). */
  at: number;
}

export interface Outbox {
  list(): PendingSend[];
  add(p: PendingSend): void;
  remove(clientId: string): void;
  clear(): void;
}

export function outboxKey(inboxId: string): string {
  return `sb-widget:${inboxId}:outbox`;
}

function isPending(x: unknown): x is PendingSend {
  const p = x as PendingSend;
  return !!p && typeof p.clientId === 'string' && typeof p.text === 'string' && typeof p.at === 'number';
}

/** An outbox over `storage` (localStorage in the browser); unreadable contents count as empty. */
export function createOutbox(storage: StorageLike, inboxId: string): Outbox {
  const key = outboxKey(inboxId);
  const read = (): PendingSend[] => {
    try {
      const v: unknown = JSON.parse(storage.getItem(key) ?? '[]');
      return Array.isArray(v) ? v.filter(isPending) : [];
    } catch {
      return [];
    }
  };
  const write = (items: PendingSend[]): void => {
    try {
      if (items.length) storage.setItem(key, JSON.stringify(items));
      else storage.removeItem(key);
    } catch {
      // Storage full or blocked (private mode): the in-flight send still goes out once.
    }
  };
  return {
    list: read,
    add(p) {
      const items = read();
      if (!items.some((i) => i.clientId === p.clientId)) write([...items, p]);
    },
    remove(clientId) {
      const items = read();
      const next = items.filter((i) => i.clientId !== clientId);
      if (next.length !== items.length) write(next);
    },
    clear() {
      write([]);
    },
  };
}

/** An in-memory StorageLike (tests, and browsers where localStorage throws). */
export function memoryStorage(): StorageLike & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return {
    data,
    getItem: (k) => data.get(k) ?? null,
    setItem: (k, v) => void data.set(k, v),
    removeItem: (k) => void data.delete(k),
  };
}
