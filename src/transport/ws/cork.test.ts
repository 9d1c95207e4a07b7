import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, connect, type Socket } from 'node:net';
import { once } from 'node:events';
import { tickCorker } from './cork.ts';

async function pair(): Promise<{ client: Socket; server: Socket; close: () => void }> {
  const srv = createServer();
  srv.listen(0, '127.0.0.1');
  await once(srv, 'listening');
  const accepted = once(srv, 'connection');
  const client = connect((srv.address() as { port: number }).port, '127.0.0.1');
  await once(client, 'connect');
  const [server] = (await accepted) as [Socket];
  return { client, server, close: () => { client.destroy(); server.destroy(); srv.close(); } };
}

test('frames of one tick stay corked until the tick ends, then all arrive in order', async () => {
  const { client, server, close } = await pair();
  try {
    const cork = tickCorker();
    const got: Buffer[] = [];
    server.on('data', (b) => got.push(b));
    for (const part of ['one ', 'two ', 'three']) {
      cork(client);
      client.write(part);
    }
    assert.equal(client.writableCorked, 1, 'one cork per tick, however many frames');
    assert.equal(client.writableLength, 'one two three'.length, 'nothing written yet');
    await new Promise((r) => process.nextTick(r));
    assert.equal(client.writableCorked, 0);
    for (let i = 0; i < 50 && Buffer.concat(got).length < 13; i++) await new Promise((r) => setTimeout(r, 10));
    assert.equal(Buffer.concat(got).toString(), 'one two three');
    // The next tick corks again.
    cork(client);
    assert.equal(client.writableCorked, 1);
    await new Promise((r) => process.nextTick(r));
    assert.equal(client.writableCorked, 0);
  } finally {
    close();
  }
});

test('a socket without a connection or already destroyed is left alone', async () => {
  const { client, close } = await pair();
  const cork = tickCorker();
  cork(undefined);
  client.destroy();
  cork(client);
  assert.equal(client.writableCorked, 0);
  await new Promise((r) => process.nextTick(r));
  close();
});
