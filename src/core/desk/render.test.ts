import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { cannedValues, firstName, renderCanned, unknownVariables } from './render.ts';

const values = cannedValues({ customerName: 'Zofia  Nowak', agentName: 'Alex Morgan', conversationId: '0190-abc' });

describe('canned response rendering', () => {
  test('fills every known variable, with or without spaces inside the braces', () => {
    const r = renderCanned('Hi {{customer.first_name}} ({{ customer.name }}), {{agent.first_name}} here about #{{conversation.id}}.', values);
    assert.equal(r.text, 'Hi Zofia (Zofia  Nowak), Alex here about #0190-abc.');
    assert.deepEqual(r.unknown, []);
  });

  test('leaves unknown variables visible and lists each once', () => {
    const r = renderCanned('Dear {{customer.title}} {{customer.first_name}}, {{order.id}} {{customer.title}}', values);
    assert.equal(r.text, 'Dear {{customer.title}} Zofia, {{order.id}} {{customer.title}}');
    assert.deepEqual(r.unknown, ['customer.title', 'order.id']);
  });

  test('a known variable without a value becomes empty text; broken braces stay as written', () => {
    const r = renderCanned('Hi {{customer.first_name}}! {{ not closed {customer.name}}', cannedValues({ customerName: null, agentName: null, conversationId: null }));
    assert.equal(r.text, 'Hi ! {{ not closed {customer.name}}');
    assert.deepEqual(r.unknown, []);
  });

  test('a value that looks like a variable is not expanded again', () => {
    const r = renderCanned('{{customer.name}}', { 'customer.name': '{{agent.name}}', 'agent.name': 'x' });
    assert.equal(r.text, '{{agent.name}}');
  });

  test('unknownVariables and firstName', () => {
    assert.deepEqual(unknownVariables('{{agent.first_name}} {{Customer.Name}} {{x}}'), ['Customer.Name', 'x']);
    assert.equal(firstName('  Ana María López '), 'Ana');
    assert.equal(firstName(''), '');
    assert.equal(firstName(undefined), '');
  });
});
