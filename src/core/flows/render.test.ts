import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { renderChat, renderSms, renderVoice, speakable } from './render.ts';
import { step } from './engine.ts';
import { buildFlow, edge, fakePorts, node, NOW } from './test-kit.ts';
import type { FlowOutput } from './types.ts';

const outputs: FlowOutput[] = [
  { kind: 'text', text: 'Hello!' },
  { kind: 'choices', prompt: 'How can I help?', options: [{ key: 'ret', label: 'Returns', dtmf: '1' }, { key: 'del', label: 'Delivery', dtmf: '9' }] },
];

describe('renderers', () => {
  test('chat: bubbles and buttons, structured', () => {
    assert.deepEqual(renderChat([...outputs, { kind: 'article', articleId: 'a1', title: 'Hours', text: 'We open at 9.' }, { kind: 'csat', prompt: 'Rate us' }]), [
      { kind: 'text', text: 'Hello!' },
      { kind: 'buttons', text: 'How can I help?', buttons: [{ key: 'ret', label: 'Returns' }, { key: 'del', label: 'Delivery' }] },
      { kind: 'article', articleId: 'a1', title: 'Hours', text: 'We open at 9.' },
      { kind: 'buttons', text: 'Rate us', buttons: ['1', '2', '3', '4', '5'].map((k) => ({ key: k, label: k })) },
    ]);
  });

  test('voice: "press" sentences in each language and the DTMF map', () => {
    const en = renderVoice(outputs, 'en');
    assert.deepEqual(en.say, ['Hello!', 'How can I help?', 'For Returns, press 1.', 'For Delivery, press 9.']);
    assert.deepEqual(en.gather, { dtmf: { '1': 'ret', '9': 'del' }, maxDigits: 1 });
    assert.equal(renderVoice(outputs, 'cy').say[2], 'Ar gyfer Returns, pwyswch 1.');
    assert.equal(renderVoice(outputs, 'pl').say[2], 'Returns – naciśnij 1.');
    assert.equal(renderVoice(outputs, 'hi').say[2], 'Returns के लिए 1 दबाएँ।');
    assert.equal(renderVoice(outputs, 'zh-Hans').say[2], 'Returns请按1。');
    assert.equal(renderVoice(outputs, 'zh-Hant').say[3], 'Delivery請按9。');
    assert.equal(renderVoice([{ kind: 'text', text: 'Hi' }], 'en').gather, undefined);
    const csat = renderVoice([{ kind: 'csat', prompt: 'Rate us' }], 'pl');
    assert.deepEqual(csat.say, ['Rate us', 'Naciśnij klawisz od 1 do 5.']);
    assert.equal(csat.gather?.dtmf['5'], '5');
  });

  test('voice reads plain text, not markup', () => {
    assert.equal(speakable('<p>Open **9–17**, see [hours](https://x.example)</p>'), 'Open 9–17, see hours');
  });

  test('sms: numbered options and a reply hint', () => {
    const sms = renderSms(outputs, 'en');
    assert.equal(sms.text, 'Hello!\n\nHow can I help?\n1) Returns\n9) Delivery\nReply with a number or the name of an option.');
    assert.deepEqual(sms.replies, { '1': 'ret', '9': 'del' });
    assert.match(renderSms(outputs, 'zh-Hant').text, /請回覆編號或選項名稱。$/);
  });

  test('an SMS reply with the number or the label chooses in the engine', async () => {
    const f = buildFlow(
      [node('m', 'menu', { prompt: { en: 'How can I help?' }, options: [{ key: 'ret', label: { en: 'Returns' } }, { key: 'del', label: { en: 'Delivery' }, dtmf: '9' }] }), node('r', 'end', { text: { en: 'R' } }), node('d', 'end', { text: { en: 'D' } })],
      [edge('m', 'option:ret', 'r'), edge('m', 'option:del', 'd')],
    );
    const s = await step(f, null, { kind: 'start' }, fakePorts(), NOW);
    const sms = renderSms(s.outputs, 'en');
    assert.match(sms.text, /9\) Delivery/);
    for (const [reply, want] of [['9', 'D'], ['1', 'R'], ['delivery', 'D'], ['Returns', 'R']] as const) {
      const r = await step(f, s.state, { kind: 'text', text: reply }, fakePorts(), NOW);
      assert.deepEqual(r.outputs, [{ kind: 'text', text: want }], reply);
    }
  });
});
