import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyCustom, type FieldDef } from './custom-fields.ts';

const defs: FieldDef[] = [
  { key: 'order_no', label: 'Order number', type: 'text', options: [], required: true },
  { key: 'amount', label: 'Amount', type: 'number', options: [], required: false },
  { key: 'due', label: 'Due', type: 'date', options: [], required: false },
  { key: 'plan', label: 'Plan', type: 'dropdown', options: ['free', 'pro'], required: false },
  { key: 'vip', label: 'VIP', type: 'checkbox', options: [], required: false },
];

test('valid values are applied, null clears, required is enforced on creation', () => {
  const v = applyCustom(defs, {}, { order_no: 'A-1', amount: 12.5, due: '2026-02-28', plan: 'pro', vip: false }, true);
  assert.deepEqual(v, { order_no: 'A-1', amount: 12.5, due: '2026-02-28', plan: 'pro', vip: false });
  assert.deepEqual(applyCustom(defs, v, { plan: null }, false), { order_no: 'A-1', amount: 12.5, due: '2026-02-28', vip: false });
  assert.throws(() => applyCustom(defs, {}, { amount: 1 }, true), /"order_no" \(Order number\) is required/);
  assert.throws(() => applyCustom(defs, v, { order_no: null }, false), /required/);
});

test('errors name the field and the expected type', () => {
  assert.throws(() => applyCustom(defs, {}, { order_no: 'x', colour: 'red' }, true), /unknown field "colour"/);
  assert.throws(() => applyCustom(defs, {}, { order_no: 'x', amount: 'ten' }, true), /"amount" \(Amount\) must be a number/);
  assert.throws(() => applyCustom(defs, {}, { order_no: 'x', due: '2026-02-30' }, true), /"due" \(Due\) must be a date \(YYYY-MM-DD\)/);
  assert.throws(() => applyCustom(defs, {}, { order_no: 'x', plan: 'gold' }, true), /"plan" \(Plan\) "gold" is not one of its options: free, pro/);
  assert.throws(() => applyCustom(defs, {}, { order_no: 'x', vip: 'yes' }, true), /"vip" \(VIP\) must be a checkbox/);
  assert.throws(() => applyCustom(defs, {}, { order_no: 7 }, true), /"order_no" \(Order number\) must be text/);
});
