import type { Socket } from 'node:net';

/**
 * Frames sent to one connection within one tick leave in one write: the first send of a tick corks
 * the connection's TCP socket and a nextTick uncorks it, so a burst of events to a busy staff socket
 * is one writev instead of a system call per frame. Later frames never wait longer than the tick.
 */
export function tickCorker(): (socket: Socket | undefined) => void {
  const corked = new Set<Socket>();
  let scheduled = false;
  const flush = () => {
    scheduled = false;
    for (const s of corked) if (!s.destroyed) s.uncork();
    corked.clear();
  };
  return (socket) => {
    if (!socket || socket.destroyed || corked.has(socket)) return;
    socket.cork();
    corked.add(socket);
    if (!scheduled) {
      scheduled = true;
      process.nextTick(flush);
    }
  };
}
