import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { step } from './engine.ts';
import { buildFlow, edge, fakePorts, node, NOW } from './test-kit.ts';
import { builtIn } from './texts.ts';
import type { FlowEffect, FlowState, StepResult } from './types.ts';

interface Lang {
  lang: string;
  question: string;
  unknown: string;
  yes: string;
  no: string;
  negative: string;
  human: string;
}

const LANGS: Lang[] = [
  { lang: 'en', question: 'What time do you open?', unknown: 'Can I pay with seashells?', yes: 'yes', no: 'no', negative: 'This is useless, terrible service', human: 'I want to speak to a human' },
  { lang: 'cy', question: "Pryd ydych chi'n agor?", unknown: 'Ga i dalu gyda chregyn?', yes: 'Do', no: 'Naddo', negative: "Mae hyn yn ofnadwy ac yn ddiwerth", human: "Dw i eisiau siarad â pherson go iawn" },
  { lang: 'pl', question: 'O której otwieracie?', unknown: 'Czy mogę zapłacić muszelkami?', yes: 'Tak', no: 'Nie', negative: 'To jest beznadziejne, okropna obsługa', human: 'Chcę rozmawiać z konsultantem' },
  { lang: 'hi', question: 'आप कितने बजे खुलते हैं?', unknown: 'क्या मैं सीपियों से भुगतान कर सकता हूँ?', yes: 'हाँ', no: 'नहीं', negative: 'यह बिल्कुल बेकार और घटिया सेवा है', human: 'मुझे किसी इंसान से बात करनी है' },
  { lang: 'zh-Hans', question: '你们几点开门？', unknown: '可以用贝壳付款吗？', yes: '是的', no: '没有', negative: '太差了，简直是垃圾服务', human: '我要转人工客服' },
  { lang: 'zh-Hant', question: '你們幾點開門？', unknown: '可以用貝殼付款嗎？', yes: '是的', no: '沒有', negative: '太差了，根本是垃圾服務', human: '我要找真人客服' },
];

const faqFlow = (maxAttempts = 1) => buildFlow(
  [
    node('ask', 'ask', { prompt: { en: 'How can I help?', cy: 'Sut alla i helpu?', pl: 'W czym mogę pomóc?', hi: 'मैं आपकी कैसे मदद कर सकता हूँ?', 'zh-Hans': '有什么可以帮您？', 'zh-Hant': '有什麼可以幫您？' }, kind: 'text', variable: 'question' }),
    node('kb', 'kb_answer', { threshold: 0.6, maxAttempts }),
    node('thanks', 'end', { text: { en: 'Glad to help!' } }),
    node('agent', 'handover', { queueId: 'support', note: 'FAQ failed: {{question}}' }),
  ],
  [edge('ask', 'next', 'kb'), edge('kb', 'yes', 'thanks'), edge('kb', 'handover', 'agent')],
  { handover: { queueId: 'general', skills: [], priority: 0 } },
);

function portsFor(l: Lang) {
  return fakePorts({
    kb: (q) => (q === l.question ? { articleId: 'a-hours', title: 'Opening hours', answerText: 'We open at 9:00.', score: 0.92 } : { articleId: 'a-x', title: 'Payment', answerText: '…', score: 0.2 }),
  });
}

const handoverOf = (r: StepResult) => r.effects.find((e): e is Extract<FlowEffect, { kind: 'handover' }> => e.kind === 'handover');

async function askQuestion(l: Lang, text: string, maxAttempts = 1): Promise<{ r: StepResult; ports: ReturnType<typeof portsFor> }> {
  const ports = portsFor(l);
  const f = faqFlow(maxAttempts);
  const s = await step(f, null, { kind: 'start', language: l.lang }, ports, NOW);
  return { r: await step(f, s.state, { kind: 'text', text }, ports, NOW), ports };
}

const reply = (state: FlowState, text: string, l: Lang, maxAttempts = 1) => step(faqFlow(maxAttempts), state, { kind: 'text', text }, portsFor(l), NOW);

for (const l of LANGS) {
  describe(`FAQ bot in ${l.lang}`, () => {
    test('a confident answer, "did that answer your question?", yes → next', async () => {
      const { r, ports } = await askQuestion(l, l.question);
      assert.deepEqual(ports.calls.kb, [{ query: l.question, language: l.lang }]);
      assert.equal(r.status, 'waiting');
      assert.deepEqual(r.outputs[0], { kind: 'article', articleId: 'a-hours', title: 'Opening hours', text: 'We open at 9:00.' });
      const confirm = r.outputs[1];
      assert.ok(confirm?.kind === 'choices');
      assert.equal(confirm.prompt, builtIn('kbConfirm', l.lang));
      assert.deepEqual(confirm.options.map((o) => o.label), [builtIn('yes', l.lang), builtIn('no', l.lang)]);
      const done = await reply(r.state, l.yes, l);
      assert.equal(done.status, 'ended');
      assert.equal(handoverOf(done), undefined);
    });

    test('"no" hands over with the transcript and variables', async () => {
      const { r } = await askQuestion(l, l.question);
      const h = await reply(r.state, l.no, l);
      assert.equal(h.status, 'handover');
      const eff = handoverOf(h)!;
      assert.equal(eff.reason, 'kb_no');
      assert.equal(eff.queueId, 'support');
      assert.equal(eff.note, `FAQ failed: ${l.question}`);
      assert.deepEqual(eff.variables, { question: l.question });
      assert.deepEqual(eff.transcript.filter((t) => t.from === 'customer').map((t) => t.text), [l.question, l.no]);
      assert.equal(h.outputs.at(-1)?.kind === 'text' && h.outputs.at(-1)?.kind, 'text');
      assert.deepEqual(h.outputs, [{ kind: 'text', text: builtIn('handover', l.lang) }]);
    });

    test('low confidence hands over at once', async () => {
      const { r } = await askQuestion(l, l.unknown);
      assert.equal(r.status, 'handover');
      assert.equal(handoverOf(r)?.reason, 'kb_low_confidence');
      assert.ok(!r.outputs.some((o) => o.kind === 'article'), 'a weak match is not shown');
    });

    test('repeated failure: rephrase once, then hand over', async () => {
      const { r } = await askQuestion(l, l.unknown, 2);
      assert.equal(r.status, 'waiting');
      assert.deepEqual(r.outputs, [{ kind: 'text', text: builtIn('kbRephrase', l.lang) }]);
      const again = await reply(r.state, l.unknown, l, 2);
      assert.equal(handoverOf(again)?.reason, 'kb_repeated_failure');
      // and after a "no" to a good answer, the second try may succeed
      const { r: good } = await askQuestion(l, l.question, 2);
      const no = await reply(good.state, l.no, l, 2);
      assert.equal(no.status, 'waiting');
      const yes = await reply((await reply(no.state, l.question, l, 2)).state, l.yes, l, 2);
      assert.equal(yes.status, 'ended');
    });

    test('a clearly negative message hands over', async () => {
      const { r } = await askQuestion(l, l.question);
      const h = await reply(r.state, l.negative, l);
      assert.equal(handoverOf(h)?.reason, 'negative_sentiment');
      const { r: first } = await askQuestion(l, l.negative);
      assert.equal(handoverOf(first)?.reason, 'negative_sentiment');
    });

    test('asking for a person hands over from any waiting step', async () => {
      // at the first question (an ask node without a handover port: the flow's default queue)
      const f = faqFlow();
      const s = await step(f, null, { kind: 'start', language: l.lang }, portsFor(l), NOW);
      const h1 = await step(f, s.state, { kind: 'text', text: l.human }, portsFor(l), NOW);
      assert.equal(handoverOf(h1)?.reason, 'human_request');
      assert.equal(handoverOf(h1)?.queueId, 'general');
      // at "did that answer your question?" (through the FAQ's handover port)
      const { r } = await askQuestion(l, l.question);
      const h2 = await reply(r.state, l.human, l);
      assert.equal(handoverOf(h2)?.reason, 'human_request');
      assert.equal(handoverOf(h2)?.queueId, 'support');
    });
  });
}

describe('FAQ bot details', () => {
  test('buttons and phone keys answer the confirmation', async () => {
    const en = LANGS[0]!;
    const { r } = await askQuestion(en, en.question);
    assert.equal((await reply(r.state, 'Yes', en)).status, 'ended');
    assert.equal((await step(faqFlow(), r.state, { kind: 'choice', key: 'yes' }, portsFor(en), NOW)).status, 'ended');
    assert.equal((await step(faqFlow(), r.state, { kind: 'dtmf', digits: '2' }, portsFor(en), NOW)).status, 'handover');
  });

  test('a new question instead of yes/no is answered afresh', async () => {
    const en = LANGS[0]!;
    const { r, ports } = await askQuestion(en, en.question);
    const again = await step(faqFlow(), r.state, { kind: 'text', text: en.question }, ports, NOW);
    assert.equal(again.status, 'waiting');
    assert.equal(again.outputs[0]?.kind, 'article');
  });
});
