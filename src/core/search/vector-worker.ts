import { parentPort } from 'node:worker_threads';
import { documentVector } from './terms.ts';

/**
 * The search analysis thread (core/search/vectorizer.ts): turns [title, body] pairs into tsvector
 * literals, one request at a time, so the server's event loop keeps answering sockets meanwhile.
 */
if (parentPort) {
  const port = parentPort;
  port.on('message', (m: { id: number; pairs: [string, string][] }) => {
    try {
      port.postMessage({ id: m.id, vectors: m.pairs.map(([title, body]) => documentVector(title, body)) });
    } catch (e) {
      port.postMessage({ id: m.id, error: e instanceof Error ? e.message : String(e) });
    }
  });
}
