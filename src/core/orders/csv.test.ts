import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeCsv, parseItemsCell, parseOrdersCsv, rowToOrderInput } from './csv.ts';
import { prepareOrder } from './validate.ts';
import { reasonOf } from './imports.ts';

const HEADER = 'External_ID , ordered_at,total,currency,customer_phone,customer_email';

test('decodes UTF-8 (BOM dropped) and refuses other encodings and empty files', () => {
  assert.equal(decodeCsv(new Uint8Array([0xef, 0xbb, 0xbf, 0x61])), 'a');
  assert.throws(() => decodeCsv(Buffer.from('caf\xe9', 'latin1')), /not valid UTF-8/);
  assert.throws(() => decodeCsv(new Uint8Array()), /empty/);
  assert.throws(() => decodeCsv(Buffer.from(' \n ')), /empty/);
});

test('reads the header case-insensitively, numbers rows by their line, flags rows with the wrong field count', () => {
  const { columns, rows } = parseOrdersCsv(`${HEADER}\nA,2025-01-01,1,EUR,,a@b.example\n\n"B\nB",2025-01-01,1,EUR,,b@b.example\nC,2025-01-01\n`);
  assert.deepEqual(columns.slice(0, 2), ['external_id', 'ordered_at']);
  assert.deepEqual(rows.map((r) => r.line), [2, 5, 6]);
  assert.equal(rows[1]!.fields.external_id, 'B\nB');
  assert.match(rows[2]!.problem!, /2 fields but the header has 6/);
  assert.throws(() => parseOrdersCsv('external_id,total\nA,1'), /misses required columns: ordered_at, currency, customer_email or customer_phone or customer_external_id/);
  assert.throws(() => parseOrdersCsv(`${HEADER},total\nA,2025-01-01,1,EUR,,a@b.example,1`), /names a column twice: total/);
  assert.throws(() => parseOrdersCsv(`${HEADER}\n"A,2025-01-01,1,EUR,,a@b.example`), /cannot be read as CSV/);
});

test('items: JSON or sku:quantity:price[:name] entries', () => {
  assert.deepEqual(parseItemsCell('A:2:3.5; B:1:0:Free: gift'), [{ sku: 'A', name: 'A', quantity: 2, unitPrice: 3.5 }, { sku: 'B', name: 'Free: gift', quantity: 1, unitPrice: 0 }]);
  assert.deepEqual(parseItemsCell('[{"name":"X","quantity":1,"unitPrice":2}]'), [{ name: 'X', quantity: 1, unitPrice: 2 }]);
  assert.deepEqual(parseItemsCell(''), []);
  assert.throws(() => parseItemsCell('[oops'), /not a valid JSON array/);
  assert.throws(() => parseItemsCell('A:2'), /sku:quantity:unitPrice/);
});

test('a row becomes an order input; the email wins over the phone; reasons use column names', () => {
  const { rows } = parseOrdersCsv(`${HEADER}\nA,2025-01-01,1.5,EUR,+44 20 7946 0958,A@B.example\nB,2025-01-01,1.555,eur,,`);
  const a = rowToOrderInput(rows[0]!);
  assert.ok(a.ok);
  const pa = prepareOrder(a.input);
  assert.ok(pa.ok);
  assert.deepEqual(pa.order.customer, { identity: { kind: 'email', value: 'a@b.example' }, name: undefined });
  assert.equal(pa.order.total, '1.50');
  const b = rowToOrderInput(rows[1]!);
  assert.ok(b.ok);
  const pb = prepareOrder(b.input);
  assert.ok(!pb.ok);
  const reason = reasonOf(pb.issues);
  assert.match(reason, /currency: /);
  assert.match(reason, /total: total may have at most 2 decimals/);
  assert.match(reason, /customer_email, customer_phone or customer_external_id/);
});
