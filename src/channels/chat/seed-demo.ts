import type { IdGen } from '../../core/context.ts';
import type { Repos } from '../../storage/repos.ts';
import { newIdentitySecret } from './token.ts';

const allDay = [{ start: '00:00', end: '24:00' }];

/** The demo chat inbox's widget settings (the demo shop at /demo/shop embeds it). */
export function demoWidgetSettings(calendarId: string, identitySecret = newIdentitySecret()): Record<string, unknown> {
  return {
    enabled: true,
    demo: true,
    title: 'Bennett & Hale Home',
    identitySecret,
    languages: ['en', 'cy', 'pl', 'hi', 'zh-Hans', 'zh-Hant'],
    greeting: {
      en: 'Hi! How can we help with your order today?',
      cy: 'Helo! Sut allwn ni helpu gyda’ch archeb heddiw?',
      pl: 'Dzień dobry! W czym możemy pomóc w sprawie zamówienia?',
      hi: 'नमस्ते! आज हम आपके ऑर्डर में कैसे मदद कर सकते हैं?',
      'zh-Hans': '您好！今天我们能为您的订单提供什么帮助？',
      'zh-Hant': '您好！今天我們能為您的訂單提供什麼協助？',
    },
    closedMessage: {
      en: 'We are closed right now. Leave your email and we reply within one working day.',
      cy: 'Rydym ar gau ar hyn o bryd. Gadewch eich e-bost a byddwn yn ateb o fewn un diwrnod gwaith.',
      pl: 'Jesteśmy teraz zamknięci. Zostaw e-mail, odpowiemy w ciągu jednego dnia roboczego.',
      hi: 'हम अभी बंद हैं। अपना ईमेल छोड़ें, हम एक कार्य दिवस में जवाब देंगे।',
      'zh-Hans': '我们现在不在线。请留下您的邮箱，我们会在一个工作日内回复。',
      'zh-Hant': '我們現在不在線。請留下您的電郵，我們會在一個工作天內回覆。',
    },
    theme: { color: '#8a5a2b', position: 'right', logoUrl: null },
    prechatFields: [
      { key: 'name', type: 'text', required: true, label: { en: 'Name', cy: 'Enw', pl: 'Imię', hi: 'नाम', 'zh-Hans': '姓名', 'zh-Hant': '姓名' } },
      { key: 'email', type: 'email', required: false, label: { en: 'Email', cy: 'E-bost', pl: 'E-mail', hi: 'ईमेल', 'zh-Hans': '邮箱', 'zh-Hant': '電郵' } },
      // The chosen topic tags the new customer: routing sends "billing" + Polish to the Polish billing agent.
      {
        key: 'topic',
        type: 'select',
        required: true,
        tag: true,
        label: { en: 'Topic', cy: 'Pwnc', pl: 'Temat', hi: 'विषय', 'zh-Hans': '主题', 'zh-Hant': '主題' },
        options: [
          { value: 'billing', label: { en: 'Billing and invoices', cy: 'Biliau ac anfonebau', pl: 'Płatności i faktury', hi: 'बिलिंग और चालान', 'zh-Hans': '账单与发票', 'zh-Hant': '帳單與發票' } },
          { value: 'support', label: { en: 'Technical support', cy: 'Cymorth technegol', pl: 'Pomoc techniczna', hi: 'तकनीकी सहायता', 'zh-Hans': '技术支持', 'zh-Hant': '技術支援' } },
          { value: 'sales', label: { en: 'Sales', cy: 'Gwerthiant', pl: 'Sprzedaż', hi: 'बिक्री', 'zh-Hans': '销售咨询', 'zh-Hant': '銷售諮詢' } },
        ],
      },
    ],
    calendarId,
    csat: true,
  };
}

/**
 * Turns the demo's "Website chat" inbox into the demo shop's widget: a 24/7 calendar so the demo
 * works at any hour. Runs inside the seed's transaction, after the demo inboxes exist.
 */
export async function seedDemoWidget(r: Repos, tenantId: string, newId: IdGen, now: Date): Promise<void> {
  const inbox = (await r.inboxes.list(tenantId, { limit: 100 })).items.find((i) => i.channel === 'chat');
  if (!inbox) return;
  const calendarId = newId();
  await r.businessCalendars.insert({ id: calendarId, tenantId, name: 'Chat: always open (demo)', timeZone: 'Europe/London', hours: { mon: allDay, tue: allDay, wed: allDay, thu: allDay, fri: allDay, sat: allDay, sun: allDay }, holidays: [], teamId: null, isDefault: false, at: now });
  await r.inboxes.update(tenantId, inbox.id, { settings: { ...inbox.settings, ...demoWidgetSettings(calendarId) } });
}
