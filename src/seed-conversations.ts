import type { IdGen } from './core/context.ts';
import type { Repos } from './storage/repos.ts';
import type { Channel } from './storage/schema.ts';

type Direction = 'inbound' | 'outbound' | 'note';
interface DemoThread {
  customer: string;
  inbox: 'chat' | 'email';
  assignee?: string;
  team?: string;
  status: 'open' | 'pending' | 'resolved';
  /** Minutes ago the thread started. */
  startedAgo: number;
  messages: [Direction, string, string?][];
}

const threads: DemoThread[] = [
  {
    customer: 'Olivia Bennett', inbox: 'chat', assignee: 'alex@demo.example', team: 'Support', status: 'pending', startedAgo: 180,
    messages: [
      ['inbound', 'Hi, I was charged twice for my March invoice.'],
      ['outbound', 'Sorry about that, Olivia. I can see two charges and I am refunding the duplicate now.', 'alex@demo.example'],
      ['note', 'Refund raised in the billing system, reference R-2291.', 'alex@demo.example'],
    ],
  },
  {
    customer: 'Olivia Bennett', inbox: 'email', status: 'open', startedAgo: 30,
    messages: [['inbound', 'Following up on the double charge: has the refund gone through yet?']],
  },
  {
    customer: 'Li Na', inbox: 'chat', assignee: 'wen@demo.example', team: 'Sales', status: 'open', startedAgo: 45,
    messages: [
      ['inbound', '你好，我想把我们公司升级到企业版，需要多少钱？'],
      ['outbound', '您好！企业版按席位计费，我马上给您发一份报价。', 'wen@demo.example'],
    ],
  },
  {
    customer: 'Arjun Mehta', inbox: 'email', assignee: 'priya@demo.example', team: 'Support', status: 'open', startedAgo: 90,
    messages: [['inbound', 'मेरे ऐप में लॉगिन नहीं हो रहा है, पासवर्ड रीसेट का ईमेल भी नहीं आया।']],
  },
  {
    customer: 'Zofia Kowalska', inbox: 'chat', status: 'resolved', startedAgo: 1500,
    messages: [
      ['inbound', 'Dzień dobry, kiedy otrzymam fakturę za luty?'],
      ['outbound', 'Dzień dobry! Faktura została właśnie wysłana na Pani adres e-mail.', 'alex@demo.example'],
    ],
  },
  {
    customer: 'Rhys Llewellyn', inbox: 'chat', status: 'open', startedAgo: 5,
    messages: [['inbound', 'Helo! Oes modd newid fy nghyfeiriad bilio, os gwelwch yn dda?']],
  },
];

/**
 * Demo inboxes, conversations on two channels and one ticket gathering two of them, so a fresh
 * install shows a customer's chat, email and ticket together. Runs inside the seed's transaction.
 */
export async function seedDemoConversations(
  r: Repos,
  tenantId: string,
  newId: IdGen,
  now: Date,
  ids: { customers: Map<string, string>; users: Map<string, string>; teams: Map<string, string> },
): Promise<void> {
  const inboxes = new Map<'chat' | 'email', string>();
  for (const [key, name, channel] of [['chat', 'Website chat', 'chat'], ['email', 'Support email', 'email']] as const) {
    const id = newId();
    await r.inboxes.insert({ id, tenantId, name, channel: channel as Channel, reopenWindowMs: 7 * 86_400_000, settings: {}, at: now });
    inboxes.set(key, id);
  }
  const olivia: string[] = [];
  for (const th of threads) {
    const customerId = ids.customers.get(th.customer)!;
    const inboxId = inboxes.get(th.inbox)!;
    const id = newId();
    const started = new Date(now.getTime() - th.startedAgo * 60_000);
    await r.conversations.insert({ id, tenantId, inboxId, customerId, at: started });
    let at = started.getTime();
    for (const [direction, text, author] of th.messages) {
      at += 4 * 60_000;
      const when = new Date(Math.min(at, now.getTime()));
      const seq = await r.conversations.nextSeq(tenantId, id, when);
      await r.messages.insert({
        id: newId(), tenantId, conversationId: id, inboxId, seq, direction,
        authorUserId: author ? ids.users.get(author)! : null,
        text, html: null, providerMessageId: direction === 'inbound' ? `demo-${id}-${seq}` : null,
        deliveryStatus: direction === 'outbound' ? 'delivered' : 'received', at: when,
      });
    }
    await r.conversations.update(
      tenantId,
      id,
      {
        status: th.status,
        assigneeId: th.assignee ? ids.users.get(th.assignee)! : null,
        teamId: th.team ? ids.teams.get(th.team)! : null,
        resolvedAt: th.status === 'resolved' ? new Date(at) : null,
      },
      new Date(Math.min(at, now.getTime())),
    );
    if (th.customer === 'Olivia Bennett') olivia.push(id);
  }
  const ticketId = newId();
  const number = await r.tickets.nextNumber(tenantId);
  await r.tickets.insert({
    id: ticketId, tenantId, number, subject: 'Duplicate charge on the March invoice',
    status: 'open', priority: 'high', type: 'problem', requesterId: ids.customers.get('Olivia Bennett')!,
    assigneeId: ids.users.get('alex@demo.example')!, teamId: ids.teams.get('Support')!, tags: ['billing', 'refund'], custom: {},
    createdBy: ids.users.get('alex@demo.example')!, createdAt: new Date(now.getTime() - 170 * 60_000), solvedAt: null,
  });
  for (const c of olivia) await r.tickets.link(tenantId, ticketId, c, ids.users.get('alex@demo.example')!, now);
  // Its creation is an event like any other, so the SLA engine gives it targets and search indexes it.
  const ticketAt = new Date(now.getTime() - 170 * 60_000);
  await r.events.append(tenantId, [{
    id: newId(), type: 'ticket.created', aggregateType: 'ticket', aggregateId: ticketId, actorId: ids.users.get('alex@demo.example')!,
    topics: ['tenant', `ticket:${ticketId}`],
    payload: {
      number, subject: 'Duplicate charge on the March invoice', status: 'open', priority: 'high', type: 'problem',
      requesterId: ids.customers.get('Olivia Bennett')!, assigneeId: ids.users.get('alex@demo.example')!, teamId: ids.teams.get('Support')!,
      tags: ['billing', 'refund'], custom: {}, followerIds: [], conversationIds: olivia,
    },
  }], ticketAt);
}
