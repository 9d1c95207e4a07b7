import { Worker } from 'node:worker_threads';
import { documentVector } from './terms.ts';

/**
 * Search text analysis (Unicode segmentation, folding, CJK pairs: core/search/analyze.ts) is the
 * indexer's CPU work; a rebuild does it for every row of a tenant. For a rebuild (decision 026), a
 * batch large enough to be worth the hop is analyzed on one worker thread, so sockets keep being
 * answered meanwhile; a small one, here. New events are analyzed on the event loop (indexer.ts). The worker gives exactly the vectors
 * `documentVector` gives here; if it fails, the batch is analyzed here and the thread is left alone
 * for a minute.
 */
export type TextPair = readonly [title: string, body: string];
export type Vectorize = (pairs: readonly TextPair[]) => Promise<string[]>;

export const vectorizeHere: Vectorize = async (pairs) => pairs.map(([title, body]) => documentVector(title, body));

export interface VectorizerOptions {
  /** Batches with fewer characters than this are analyzed on the calling thread. */
  minChars?: number;
  /** Told when the worker fails (the batch is then analyzed here). */
  onError?: (err: unknown) => void;
  /** How the worker is started; default: vector-worker beside this module (or the bundle). */
  spawn?: () => Worker;
  now?: () => number;
}

export interface Vectorizer {
  vectorize: Vectorize;
  /** Whether a worker thread is running now. */
  running(): boolean;
  close(): Promise<void>;
}

/** Below this many characters a batch costs less here than the round trip (about 100 short chat messages). */
export const DEFAULT_MIN_CHARS = 4000;
const RETRY_AFTER_MS = 60_000;

export function createVectorizer(o: VectorizerOptions = {}): Vectorizer {
  const minChars = o.minChars ?? DEFAULT_MIN_CHARS;
  const now = o.now ?? Date.now;
  let worker: Worker | null = null;
  let brokenUntil = 0;
  let closed = false;
  let nextId = 1;
  const pending = new Map<number, { resolve: (v: string[]) => void; reject: (e: unknown) => void }>();

  function start(): Worker {
    const w = (o.spawn ?? spawnVectorWorker)();
    w.unref(); // referenced only while a request waits, so it never keeps a process alive
    const fail = (err: unknown) => {
      if (worker !== w) return;
      worker = null;
      brokenUntil = now() + RETRY_AFTER_MS;
      void w.terminate().catch(() => undefined);
      for (const p of pending.values()) p.reject(err);
      pending.clear();
      o.onError?.(err);
    };
    w.on('message', (m: { id: number; vectors?: string[]; error?: string }) => {
      const p = pending.get(m.id);
      if (!p) return;
      pending.delete(m.id);
      if (pending.size === 0) w.unref();
      if (m.vectors) p.resolve(m.vectors);
      else p.reject(new Error(m.error ?? 'search analysis failed'));
    });
    w.on('error', fail);
    w.on('exit', (code) => fail(new Error(`the search analysis thread exited (code ${code})`)));
    return w;
  }

  async function vectorize(pairs: readonly TextPair[]): Promise<string[]> {
    let chars = 0;
    for (const [t, b] of pairs) chars += t.length + b.length;
    if (closed || chars < minChars || now() < brokenUntil) return vectorizeHere(pairs);
    try {
      const w = (worker ??= start());
      const id = nextId++;
      const vectors = await new Promise<string[]>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        w.ref();
        w.postMessage({ id, pairs });
      });
      if (vectors.length !== pairs.length) throw new Error('the search analysis thread answered a different batch');
      return vectors;
    } catch {
      // The worker failed (reported through onError): the same vectors, here.
      return vectorizeHere(pairs);
    }
  }

  return {
    vectorize,
    running: () => worker !== null,
    async close() {
      closed = true;
      const w = worker;
      worker = null;
      for (const p of pending.values()) p.reject(new Error('closed'));
      pending.clear();
      if (w) await w.terminate();
    },
  };
}

/**
 * The worker's entry: under the TypeScript loader (tests, `npm run start:dev`, benches) the source
 * module through tsx; in the bundle `npm start` runs (scripts/launch.mjs), the worker bundle built
 * beside it.
 */
function spawnVectorWorker(): Worker {
  const here = import.meta.url;
  if (here.endsWith('.ts')) {
    const entry = new URL('./vector-worker.ts', here).href;
    const tsx = import.meta.resolve('tsx/esm/api');
    return new Worker(`import(${JSON.stringify(tsx)}).then((m) => m.register()).then(() => import(${JSON.stringify(entry)}))`, { eval: true, execArgv: [] });
  }
  return new Worker(new URL('./search-vector-worker.mjs', here));
}
