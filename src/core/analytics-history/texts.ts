import type { Rng } from './random.ts';

/** Words for generated history: customer names and short message texts by channel (written for this project). */

const first = ['Amelia', 'Noah', 'Olivia', 'Rhys', 'Zofia', 'Arjun', 'Mei', 'Tomasz', 'Isla', 'Kiran', 'Ffion', 'Jakub', 'Ananya', 'Wei', 'Harper', 'Dylan', 'Marta', 'Rohan', 'Lin', 'Gwen', 'Oscar', 'Priyanka', 'Hannah', 'Bartek'];
const last = ['Jones', 'Davies', 'Nowak', 'Patel', 'Chen', 'Evans', 'Kowalski', 'Singh', 'Wang', 'Hughes', 'Lewandowska', 'Gupta', 'Zhang', 'Roberts', 'Wiśniewski', 'Rao', 'Liu', 'Thomas', 'Price', 'Mehta'];

export const customerName = (rng: Rng): string => `${rng.pick(first)} ${rng.pick(last)}`;

const openers: Record<string, string[]> = {
  voice: ['Incoming call', 'Call from the customer'],
  email: ['Question about my last invoice', 'My order has not arrived yet', 'Please help me change my plan', 'Refund request for order'],
  default: ['Hi, I need some help with my account', 'Hello, where is my order?', 'Can I change my delivery address?', 'I was charged twice this month', 'How do I reset my password?', 'Do you ship to Poland?'],
};
const followUps = ['Thanks, that makes sense', 'It still does not work', 'OK, I will try that now', 'Could you check again please?', 'Great, thank you!'];
const replies = ['Thanks for getting in touch, let me check that for you.', 'I can see your order here; one moment please.', 'I have updated that for you now.', 'Sorry for the wait, I am looking into it.'];
const closers = ['Is there anything else I can help with?', 'All sorted; have a good day!', 'I have made the change; you will get a confirmation email.'];
const botLines = ['Hi! I am the shop assistant. What can I help you with?', 'Here is an article that may help: "Tracking your order".', 'Did that answer your question?'];

export const openerText = (rng: Rng, channel: string): string => rng.pick(openers[channel] ?? openers.default!);
export const followUpText = (rng: Rng): string => rng.pick(followUps);
export const replyText = (rng: Rng): string => rng.pick(replies);
export const closerText = (rng: Rng): string => rng.pick(closers);
export const botText = (i: number): string => botLines[Math.min(i, botLines.length - 1)]!;

export const subjectOf = (opener: string, tag: string | null): string => (tag ? `${opener} (${tag})` : opener).slice(0, 200);
