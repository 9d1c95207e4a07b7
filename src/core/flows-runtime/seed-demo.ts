import type { IdGen } from '../context.ts';
import { flowDefinition, type FlowDefinitionInput, type LocalizedText } from '../flows/schema.ts';
import type { Repos } from '../../storage/repos.ts';

/**
 * The demo workspace's chatbot (called from src/seed.ts after routing, whose queues it names):
 * five intents with example phrases in the six demo languages, and the published flow "Shop
 * assistant" on the demo chat inbox: greeting → language → "How can I help?" → intent →
 * knowledge-base answer with "did that answer your question?" → thanks, or a hand-over to Support
 * (Billing for returns/refunds and payment) with what the bot collected.
 */

/** The name the demo flow is found by (tests, the builder). */
export const DEMO_FLOW_NAME = 'Shop assistant';

export const demoIntents: Record<string, string[]> = {
  opening_hours: [
    'What time do you open?', 'When are you open?', 'What are your opening hours?', 'Are you open on Saturday?',
    "Faint o'r gloch ydych chi'n agor?", 'Pryd ydych chi ar agor?', 'Beth yw eich oriau agor?', 'Ydych chi ar agor ddydd Sadwrn?',
    'O której otwieracie?', 'Jakie są godziny otwarcia?', 'Kiedy sklep jest otwarty?', 'Czy jesteście otwarci w sobotę?',
    'आप कितने बजे खुलते हैं?', 'दुकान कब खुलती है?', 'दुकान खुलने का समय क्या है?', 'क्या आप शनिवार को खुले हैं?',
    '你们几点开门？', '营业时间是什么？', '周六营业吗？', '门店什么时候开门？',
    '你們幾點開門？', '營業時間是什麼？', '週六有營業嗎？', '門市什麼時候開門？',
  ],
  returns: [
    'I want to return an item', 'How do I get a refund?', "I'd like my money back", 'Can I send this back?',
    "Rydw i eisiau dychwelyd eitem", "Sut ydw i'n cael ad-daliad?", "Hoffwn gael fy arian yn ôl", 'Alla i anfon hwn yn ôl?',
    'Chcę zwrócić produkt', 'Jak otrzymać zwrot pieniędzy?', 'Proszę o zwrot pieniędzy', 'Czy mogę odesłać zamówienie?',
    'मैं सामान वापस करना चाहता हूँ', 'मुझे रिफ़ंड कैसे मिलेगा?', 'मुझे मेरे पैसे वापस चाहिए', 'क्या मैं यह वापस भेज सकता हूँ?',
    '我想退货', '我想申请退款', '怎么退款？', '可以退回这个商品吗？',
    '我想退貨', '我想申請退款', '怎麼退款？', '可以退回這個商品嗎？',
  ],
  delivery: [
    'Where is my order?', 'How long does delivery take?', 'How much is shipping?', 'When will my parcel arrive?',
    'Ble mae fy archeb?', "Pa mor hir mae danfon yn ei gymryd?", "Faint yw'r gost danfon?", 'Pryd fydd fy mharsel yn cyrraedd?',
    'Gdzie jest moje zamówienie?', 'Ile trwa dostawa?', 'Ile kosztuje wysyłka?', 'Kiedy dotrze moja paczka?',
    'मेरा ऑर्डर कहाँ है?', 'डिलीवरी में कितना समय लगता है?', 'शिपिंग का शुल्क कितना है?', 'मेरा पार्सल कब पहुँचेगा?',
    '我的订单到哪里了？', '配送需要多长时间？', '运费多少钱？', '我的包裹什么时候到？',
    '我的訂單到哪裡了？', '配送需要多久？', '運費多少錢？', '我的包裹什麼時候到？',
  ],
  payment: [
    'Which payment methods do you accept?', 'Can I pay with PayPal?', 'My card was declined', 'I was charged twice',
    "Pa ddulliau talu ydych chi'n eu derbyn?", 'Alla i dalu gyda PayPal?', 'Cafodd fy ngherdyn ei wrthod', 'Codwyd tâl arna i ddwywaith',
    'Jakie metody płatności akceptujecie?', 'Czy mogę zapłacić przez PayPal?', 'Moja karta została odrzucona', 'Pobrano ode mnie opłatę dwa razy',
    'आप कौन से भुगतान तरीके स्वीकार करते हैं?', 'क्या मैं UPI से भुगतान कर सकता हूँ?', 'मेरा कार्ड अस्वीकार हो गया', 'मुझसे दो बार पैसे काटे गए',
    '你们支持哪些付款方式？', '可以用支付宝付款吗？', '我的银行卡被拒绝了', '我被扣了两次款',
    '你們支援哪些付款方式？', '可以用信用卡付款嗎？', '我的卡被拒絕了', '我被扣了兩次款',
  ],
  human: [
    'I want to talk to a person', 'Can I speak to an agent?', 'Let me talk to a human',
    'Rydw i eisiau siarad â pherson', "Alla i siarad ag aelod o staff?", "Hoffwn siarad â rhywun go iawn",
    'Chcę rozmawiać z konsultantem', 'Poproszę człowieka', 'Czy mogę porozmawiać z pracownikiem?',
    'मुझे किसी इंसान से बात करनी है', 'क्या मैं किसी एजेंट से बात कर सकता हूँ?', 'कृपया मुझे ग्राहक सेवा से जोड़ें',
    '我要找人工客服', '转人工', '我想和真人说话',
    '我要找真人客服', '轉人工', '我想和真人說話',
  ],
};

const greeting: LocalizedText = {
  en: "Hi, I'm the shop assistant. I can help with opening hours, delivery, returns and payment.",
  cy: "Helo, fi yw cynorthwyydd y siop. Gallaf helpu gydag oriau agor, danfon, dychwelyd a thalu.",
  pl: 'Dzień dobry, jestem asystentem sklepu. Pomogę w sprawie godzin otwarcia, dostawy, zwrotów i płatności.',
  hi: 'नमस्ते, मैं दुकान का सहायक हूँ। मैं खुलने के समय, डिलीवरी, वापसी और भुगतान में मदद कर सकता हूँ।',
  'zh-Hans': '您好，我是商店助手，可以为您解答营业时间、配送、退货和付款方面的问题。',
  'zh-Hant': '您好，我是商店助理，可以為您解答營業時間、配送、退貨和付款方面的問題。',
};
const howCanIHelp: LocalizedText = {
  en: 'How can I help?', cy: 'Sut alla i helpu?', pl: 'W czym mogę pomóc?', hi: 'मैं आपकी कैसे मदद कर सकता हूँ?', 'zh-Hans': '请问有什么可以帮您？', 'zh-Hant': '請問有什麼可以幫您？',
};
const thanks: LocalizedText = {
  en: 'Glad I could help. Have a nice day!', cy: "Falch o allu helpu. Mwynhewch eich diwrnod!", pl: 'Cieszę się, że mogłem pomóc. Miłego dnia!',
  hi: 'खुशी हुई कि मैं मदद कर सका। आपका दिन शुभ हो!', 'zh-Hans': '很高兴能帮到您，祝您愉快！', 'zh-Hant': '很高興能幫到您，祝您愉快！',
};

const LANGS = ['en', 'cy', 'pl', 'hi', 'zh-Hans', 'zh-Hant'];

/** The "Shop assistant" definition: hand-overs go to the routing workflow, which picks the queue. */
export function shopAssistant(): FlowDefinitionInput {
  let y = 0;
  const at = (x = 0) => ({ x, y: (y += 130) });
  const kb = (id: string, x: number) => ({ id, type: 'kb_answer' as const, position: at(x), data: { threshold: 0.5, maxAttempts: 1, handoverOnNegative: true } });
  // No queue of its own: the routing workflow places the task (a Polish billing question goes to
  // the Polish billing agent first, src/core/routing/seed-demo.ts), from its tags, intent and language.
  const human = (id: string, x: number) => ({ id, type: 'handover' as const, position: at(x), data: { queueId: null, skills: [], priority: 0, note: 'Question: {{question}}' } });
  return {
    version: 1,
    start: 'greet',
    defaultLanguage: 'en',
    variables: [{ name: 'question', type: 'string' }],
    handover: { queueId: null, skills: [], priority: 0 },
    nodes: [
      { id: 'greet', type: 'message', position: at(), data: { text: greeting } },
      { id: 'language', type: 'language', position: at(), data: { languages: LANGS, ask: false } },
      { id: 'ask', type: 'ask', position: at(), data: { prompt: howCanIHelp, kind: 'text', variable: 'question', retries: 1 } },
      { id: 'intent', type: 'intent', position: at(), data: { threshold: 0.3 } },
      kb('answer', -200),
      kb('answer_billing', 200),
      { id: 'thanks', type: 'end', position: at(), data: { text: thanks } },
      human('to_support', -200),
      human('to_billing', 200),
    ],
    edges: [
      { id: 'e-greet', source: 'greet', sourceHandle: 'next', target: 'language' },
      ...LANGS.map((l) => ({ id: `e-lang-${l}`, source: 'language', sourceHandle: `lang:${l}`, target: 'ask' })),
      { id: 'e-lang-other', source: 'language', sourceHandle: 'next', target: 'ask' },
      { id: 'e-ask', source: 'ask', sourceHandle: 'next', target: 'intent' },
      { id: 'e-ask-error', source: 'ask', sourceHandle: 'error', target: 'to_support' },
      { id: 'e-hours', source: 'intent', sourceHandle: 'option:opening_hours', target: 'answer' },
      { id: 'e-delivery', source: 'intent', sourceHandle: 'option:delivery', target: 'answer' },
      { id: 'e-returns', source: 'intent', sourceHandle: 'option:returns', target: 'answer_billing' },
      { id: 'e-payment', source: 'intent', sourceHandle: 'option:payment', target: 'answer_billing' },
      { id: 'e-human', source: 'intent', sourceHandle: 'option:human', target: 'to_support' },
      { id: 'e-nomatch', source: 'intent', sourceHandle: 'nomatch', target: 'answer' },
      { id: 'e-yes', source: 'answer', sourceHandle: 'yes', target: 'thanks' },
      { id: 'e-no', source: 'answer', sourceHandle: 'no', target: 'to_support' },
      { id: 'e-handover', source: 'answer', sourceHandle: 'handover', target: 'to_support' },
      { id: 'e-b-yes', source: 'answer_billing', sourceHandle: 'yes', target: 'thanks' },
      { id: 'e-b-no', source: 'answer_billing', sourceHandle: 'no', target: 'to_billing' },
      { id: 'e-b-handover', source: 'answer_billing', sourceHandle: 'handover', target: 'to_billing' },
    ],
  };
}

/** Intents, the published "Shop assistant" and its assignment to the demo chat inbox (settings.demo). */
export async function seedDemoFlows(r: Repos, tenantId: string, newId: IdGen, now: Date): Promise<void> {
  for (const [name, examples] of Object.entries(demoIntents)) await r.flowsConfig.insertIntent({ id: newId(), tenantId, name, examples, at: now });
  const flowId = newId();
  await r.flows.insert({ id: flowId, tenantId, name: DEMO_FLOW_NAME, description: 'Answers everyday questions from the knowledge base and hands over to a person when it cannot.', channelKinds: ['chat'], createdBy: null, at: now });
  await r.flows.insertVersion({ tenantId, flowId, version: 1, definition: flowDefinition.parse(shopAssistant()), createdBy: null, at: now });
  await r.flows.publishDraft(tenantId, flowId, 1, null, now);
  const inbox = (await r.inboxes.list(tenantId, { limit: 100 })).items.find((i) => i.channel === 'chat' && i.settings.demo === true);
  if (inbox) await r.flows.assign(tenantId, inbox.id, flowId, null, now);
}
