import { useCallback, useEffect, useRef, useState } from 'react';
import type { Message } from '../../../../src/contracts/conversations.ts';
import { conversationsApi } from '../../api/endpoints.ts';

const PAGE = 50;
/** Pages followed in one go when catching up with newer messages. */
const MAX_PAGES = 20;

export interface Thread {
  messages: Message[];
  loading: boolean;
  error: unknown;
  /** True once the first message (seq 1) is loaded. */
  complete: boolean;
  loadOlder: () => void;
  /** Reads every message newer than the newest one shown. Resolves with the ones added. */
  loadNewer: () => Promise<Message[]>;
  /** Adds messages (e.g. one just posted), keeping seq order and dropping duplicates. */
  add: (items: Message[]) => void;
}

function merge(current: Message[], incoming: Message[]): Message[] {
  const byId = new Map(current.map((m) => [m.id, m]));
  for (const m of incoming) byId.set(m.id, m);
  return [...byId.values()].sort((a, b) => a.seq - b.seq);
}

/**
 * A conversation's messages in seq order: starts with the newest page (the API pages forward from
 * a seq), loads older ones on demand and catches up with newer ones when told to.
 */
export function useThread(conversationId: string, lastSeq: number | null): Thread {
  const [messages, setMessages] = useState<Message[]>([]);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>(null);
  const [complete, setComplete] = useState(false);
  const latest = useRef<Message[]>([]);
  latest.current = messages;
  const newer = useRef<Promise<Message[]> | null>(null);
  const again = useRef(false);
  const started = lastSeq !== null;

  const add = useCallback((items: Message[]) => {
    if (!items.length) return;
    latest.current = merge(latest.current, items);
    setMessages(latest.current);
  }, []);

  /** Follows pages from `after` to the end. */
  const readFrom = useCallback(
    async (after: number) => {
      const found: Message[] = [];
      let cursor: number | string = after;
      for (let i = 0; i < MAX_PAGES; i++) {
        const page = await conversationsApi.messages(conversationId, cursor, PAGE);
        found.push(...page.items);
        if (!page.nextCursor) break;
        cursor = page.nextCursor;
      }
      return found;
    },
    [conversationId],
  );

  // First load: the newest page.
  useEffect(() => {
    if (!started) return;
    let active = true;
    setMessages((latest.current = []));
    setLoading(true);
    setError(null);
    const start = Math.max(0, (lastSeq ?? 0) - PAGE);
    readFrom(start).then(
      (items) => {
        if (!active) return;
        setMessages((latest.current = merge([], items)));
        setComplete(start === 0);
        setLoading(false);
      },
      (err: unknown) => {
        if (!active) return;
        setError(err);
        setLoading(false);
      },
    );
    return () => {
      active = false;
    };
    // lastSeq only matters for the first load; later messages arrive through loadNewer.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [conversationId, started, readFrom]);

  const loadOlder = useCallback(() => {
    const first = latest.current[0]?.seq;
    if (first === undefined || loading) return;
    const start = Math.max(0, first - 1 - PAGE);
    const limit = first - 1 - start;
    if (limit <= 0) {
      setComplete(true);
      return;
    }
    setLoading(true);
    setError(null);
    conversationsApi.messages(conversationId, start, limit).then(
      (page) => {
        add(page.items.filter((m) => m.seq < first));
        setComplete(start === 0);
        setLoading(false);
      },
      (err: unknown) => {
        setError(err);
        setLoading(false);
      },
    );
  }, [conversationId, loading, add]);

  const loadNewer = useCallback(async (): Promise<Message[]> => {
    // One catch-up at a time; a request during one runs once more afterwards.
    if (newer.current) {
      again.current = true;
      return newer.current;
    }
    const run = async (): Promise<Message[]> => {
      const added: Message[] = [];
      do {
        again.current = false;
        const last = latest.current[latest.current.length - 1]?.seq ?? 0;
        const known = new Set(latest.current.map((m) => m.id));
        const items = (await readFrom(last)).filter((m) => !known.has(m.id));
        add(items);
        added.push(...items);
      } while (again.current);
      return added;
    };
    newer.current = run().finally(() => {
      newer.current = null;
    });
    return newer.current;
  }, [readFrom, add]);

  return { messages, loading, error, complete, loadOlder, loadNewer, add };
}
