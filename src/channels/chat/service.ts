import type { Readable } from 'node:stream';
import type { CoreDeps } from '../../core/deps.ts';
import type { IntakeResult } from '../../core/conversations/intake.ts';
import type { IntakeInput } from '../../core/conversations/service.ts';
import { AppError, conflict, invalid, notFound } from '../../core/errors.ts';
import { draftEvent } from '../../core/events/draft.ts';
import { intakeBatcher } from '../../core/conversations/intake-batch.ts';
import { discardBlobs, storeBlob } from '../../core/attachments/service.ts';
import { normalizeContentType } from '../../core/attachments/files.ts';
import { isOpen, addBusinessMinutes } from '../../core/sla/business-time.ts';
import { toCalendar } from '../../storage/business-calendars.repo.ts';
import type { Db } from '../../storage/db.ts';
import type { MessageRow } from '../../storage/messages.repo.ts';
import type { InboxRow } from '../../storage/inboxes.repo.ts';
import { WIDGET_API_BASE, WIDGET_TOKEN_TTL_MS, type WidgetConfig, type WidgetMessage } from '../../contracts/widget.ts';
import { chatRepo, chatUnitOfWork } from './widget-repo.ts';
import { parseSurveySettings } from '../../core/surveys/settings.ts';
import { isLanguage, parseChatSettings, prechatSelections, type ChatSettings } from './settings.ts';
import { identityValid, peekToken, signToken, verifyToken, type VisitorClaims } from './token.ts';
import { badToken, unavailable, UnsupportedTypeError } from './errors.ts';

export interface ChatDeps {
  core: CoreDeps;
  db: Db;
  intake: (tenantId: string, input: IntakeInput) => Promise<IntakeResult>;
  /** After a commit that appended events (the outbox dispatcher). */
  poke: () => void | Promise<void>;
}

export interface ChatInbox {
  inbox: InboxRow;
  settings: ChatSettings;
  tenantSlug: string;
}

const convTopics = (id: string) => ['tenant', `conversation:${id}`];

/** Pre-chat answers as flat customer attributes (`prechat_<key>`): unverified, never identities. */
const prechatAttributes = (prechat: Record<string, string>) =>
  Object.fromEntries(Object.entries(prechat).filter(([k]) => /^[a-zA-Z][a-zA-Z0-9_]{0,39}$/.test(k)).map(([k, v]) => [`prechat_${k}`, v.slice(0, 500)]));

/** The widget's server side: config, sessions, messages, uploads, CSAT, offline messages, receipts. */
export function createChatService(d: ChatDeps) {
  const { core } = d;
  const reads = chatRepo(d.db);
  const chatUow = chatUnitOfWork(d.db, d.poke);
  // A tick's sends of one inbox share a transaction (decision 016).
  const intake = intakeBatcher(core, d.intake);
  const now = () => core.clock.now();

  /** A chat inbox that is switched on, by id alone (the widget knows no tenant); else `unavailable`. */
  async function chatInbox(inboxId: string, workspace?: string): Promise<ChatInbox> {
    const row = await d.db
      .selectFrom('inboxes')
      .innerJoin('tenants', 'tenants.id', 'inboxes.tenant_id')
      .select(['inboxes.tenant_id as tenantId', 'tenants.slug as slug'])
      .where('inboxes.id', '=', inboxId)
      .executeTakeFirst();
    if (!row || (workspace && workspace !== row.slug)) throw unavailable();
    const inbox = await core.repos.inboxes.byId(row.tenantId, inboxId);
    if (!inbox || inbox.channel !== 'chat') throw unavailable();
    const settings = parseChatSettings(inbox.settings);
    if (!settings.enabled || !settings.identitySecret) throw unavailable();
    return { inbox, settings, tenantSlug: row.slug };
  }

  /** Checks a token against its inbox's secret; the inbox must still be a switched-on chat inbox. */
  async function authenticate(token: string | undefined): Promise<{ claims: VisitorClaims; chat: ChatInbox }> {
    if (!token) throw badToken('missing; send Authorization: Bearer <token>');
    const peek = peekToken(token);
    if (!peek) throw badToken('malformed');
    const chat = await chatInbox(peek.i).catch(() => {
      throw badToken('its inbox is unavailable');
    });
    if (chat.inbox.tenantId !== peek.t) throw badToken('wrong workspace');
    const check = verifyToken(token, chat.settings.identitySecret!, now().getTime());
    if (!check.ok) throw badToken(check.reason);
    return { claims: check.claims, chat };
  }

  const fromOf = (c: VisitorClaims, name?: string): IntakeInput['from'] =>
    c.ver && c.x ? { kind: 'external', value: c.x, name } : { kind: 'visitor', value: c.v, name };

  /** The visitor's customer now (follows merges through the identity), or null before a first message. */
  async function customerOf(c: VisitorClaims): Promise<string | null> {
    const from = fromOf(c);
    return (await core.repos.customers.identityOwner(c.t, from.kind, from.value)) ?? null;
  }

  /** The visitor's latest conversation on the token's inbox. */
  async function conversationOf(c: VisitorClaims) {
    const customerId = await customerOf(c);
    return customerId ? core.repos.conversations.latestFor(c.t, c.i, customerId) : undefined;
  }

  /** A conversation id the visitor names must be theirs (same inbox, same customer); else not found. */
  async function ownConversation(c: VisitorClaims, conversationId: string) {
    const conv = await core.repos.conversations.byId(c.t, conversationId);
    const customerId = await customerOf(c);
    if (!conv || conv.inboxId !== c.i || !customerId || conv.customerId !== customerId) throw notFound('Conversation');
    return conv;
  }

  /** A bot message's mark and quick replies (from the flow runtime's message metadata). */
  function botFields(mark: { authorKind: 'bot' | null; metadata: unknown } | undefined): Pick<WidgetMessage, 'bot' | 'choices'> {
    if (mark?.authorKind !== 'bot') return {};
    const md = mark.metadata as { kind?: unknown; options?: unknown } | null;
    if (!md || md.kind !== 'choices' || !Array.isArray(md.options)) return { bot: true };
    const choices = md.options
      .filter((o): o is { key: string; label: string; number: number } => !!o && typeof o.key === 'string' && typeof o.label === 'string' && Number.isInteger(o.number))
      .slice(0, 20)
      .map((o) => ({ key: o.key, label: o.label.slice(0, 200), number: o.number }));
    return { bot: true, ...(choices.length > 0 && { choices }) };
  }

  async function toWidget(tenantId: string, rows: MessageRow[]): Promise<WidgetMessage[]> {
    const visible = rows.filter((m) => m.direction === 'inbound' || m.direction === 'outbound');
    if (visible.length === 0) return [];
    // The rows already say who wrote them; only the bot's need their quick replies read.
    const botIds = visible.filter((m) => m.authorKind === 'bot').map((m) => m.id);
    const [files, names, marks] = await Promise.all([
      core.repos.attachments.forMessages(tenantId, visible.map((m) => m.id)),
      reads.userNames(tenantId, [...new Set(visible.map((m) => m.authorUserId).filter((u): u is string => !!u))]),
      core.repos.flowSessions.messageMarks(tenantId, botIds),
    ]);
    const byMessage = new Map<string, typeof files>();
    for (const a of files) byMessage.set(a.messageId!, [...(byMessage.get(a.messageId!) ?? []), a]);
    return visible.map((m) => ({
      id: m.id,
      seq: m.seq,
      direction: m.direction as 'inbound' | 'outbound',
      clientId: m.direction === 'inbound' && m.providerMessageId?.includes(':') ? m.providerMessageId.slice(m.providerMessageId.indexOf(':') + 1) : null,
      text: m.text,
      authorName: m.direction === 'outbound' ? (m.authorUserId ? (names.get(m.authorUserId) ?? null) : null) : null,
      at: m.createdAt.toISOString(),
      attachments: (byMessage.get(m.id) ?? []).map((a) => ({ id: a.id, filename: a.filename, contentType: a.contentType, size: a.sizeBytes, url: `${WIDGET_API_BASE}/attachments/${a.id}` })),
      ...botFields(marks.get(m.id)),
    }));
  }

  function businessHours(s: ChatSettings, cal: Parameters<typeof isOpen>[1] | null) {
    const at = now();
    if (!cal) return { open: true, nextOpenAt: null, closedMessage: s.closedMessage };
    const open = isOpen(at, cal);
    let nextOpenAt: string | null = null;
    if (!open) {
      try {
        nextOpenAt = addBusinessMinutes(at, 1 / 60_000, cal).toISOString();
      } catch {
        nextOpenAt = null;
      }
    }
    return { open, nextOpenAt, closedMessage: s.closedMessage };
  }

  return {
    chatInbox,
    authenticate,
    conversationOf,
    toWidget,

    async config(inboxId: string, workspace?: string): Promise<WidgetConfig> {
      const { inbox, settings: s } = await chatInbox(inboxId, workspace);
      const cal = s.calendarId ? await core.repos.businessCalendars.byId(inbox.tenantId, s.calendarId) : undefined;
      return {
        inboxId: inbox.id,
        available: true,
        name: s.title ?? inbox.name,
        languages: s.languages,
        greeting: s.greeting,
        theme: s.theme,
        prechatFields: s.prechatFields,
        businessHours: businessHours(s, cal ? toCalendar(cal) : null),
        attachments: { maxBytes: Math.min(s.attachments.maxBytes, core.settings.attachmentMaxBytes), contentTypes: s.attachments.contentTypes },
        csat: s.csat,
      };
    },

    /**
     * A session: a verified visitor when the host's identity signature is good and unexpired (the
     * customer with identity external:<id> is found or made, with the email as a verified identity
     * when free); otherwise an anonymous visitor:<visitorId>, whatever identity was claimed.
     */
    async session(inboxId: string, body: { visitorId?: string; language: string; prechat?: Record<string, string>; identity?: Parameters<typeof identityValid>[0] }, workspace?: string) {
      const { inbox, settings } = await chatInbox(inboxId, workspace);
      const tenantId = inbox.tenantId;
      const at = now();
      const visitorId = body.visitorId ?? core.newId();
      const verified = !!body.identity && identityValid(body.identity, settings.identitySecret, at.getTime());
      const name = (verified ? body.identity?.name : undefined) ?? body.prechat?.name?.trim() ?? undefined;
      let customerId: string | null = null;
      if (verified) {
        const idn = body.identity!;
        customerId = await core.uow(async (r) => {
          const { customerId: id } = await r.customers.resolveIdentity(tenantId, { kind: 'external', value: idn.id, verified: true }, { newId: core.newId, name: name || undefined, at });
          if (idn.email) await r.customers.addIdentity({ id: core.newId(), tenantId, customerId: id, kind: 'email', value: idn.email.trim().toLowerCase(), verified: true, at });
          return id;
        });
      } else if (body.prechat && Object.keys(body.prechat).length > 0) {
        // The pre-chat form makes the visitor a customer now (named); its email stays an unverified
        // attribute, never an identity, so a visitor can't join someone else's history by typing an address.
        // A select answer must be one of its options; a tagging select adds the chosen value to a NEW
        // customer's tags (never free text), and the session's language becomes the customer's.
        const prechat = body.prechat;
        const { tags } = prechatSelections(settings.prechatFields, prechat);
        const language = isLanguage(body.language) ? body.language : null;
        customerId = await core.uow(async (r) => {
          const { customerId: id, created } = await r.customers.resolveIdentity(tenantId, { kind: 'visitor', value: visitorId }, { newId: core.newId, name: name || undefined, language, at });
          if (created) await r.customers.update(tenantId, id, { attributes: prechatAttributes(prechat), ...(tags.length > 0 && { tags }) }, at);
          return id;
        });
      } else {
        customerId = (await core.repos.customers.identityOwner(tenantId, 'visitor', visitorId)) ?? null;
      }
      const conv = customerId ? await core.repos.conversations.latestFor(tenantId, inbox.id, customerId) : undefined;
      const exp = at.getTime() + WIDGET_TOKEN_TTL_MS;
      const claims: VisitorClaims = { t: tenantId, i: inbox.id, v: visitorId, c: customerId, ver: verified, ...(verified && { x: body.identity!.id }), exp };
      return { token: signToken(claims, settings.identitySecret!), visitorId, verified, conversationId: conv?.id ?? null, expiresAt: new Date(exp).toISOString() };
    },

    async history(c: VisitorClaims, afterSeq: number) {
      const conv = await conversationOf(c);
      if (!conv) return { conversationId: null, messages: [], receipt: { deliveredSeq: 0, readSeq: 0 }, status: null, queue: null };
      const page = await core.repos.messages.list(c.t, conv.id, { limit: 200, afterSeq });
      const [messages, receipt, queue] = await Promise.all([toWidget(c.t, page.items), reads.receipt(c.t, conv.id), conv.status === 'resolved' ? null : reads.queueOf(c.t, conv.id)]);
      return { conversationId: conv.id, messages, receipt, status: conv.status, queue };
    },

    /** The visitor's message; idempotent on clientId (per visitor): a resend returns the first ack. */
    async send(c: VisitorClaims, m: { clientId: string; text: string; attachmentIds?: string[] }) {
      const text = m.text.trim();
      const ids = m.attachmentIds ?? [];
      if (!text && ids.length === 0) throw invalid('A message needs text or an attachment', [{ path: 'text', message: 'empty' }]);
      // No name: a visitor's customer is made by the session (pre-chat) or by this first message.
      // Uploads go on the message in its own transaction, and only the visitor's own uploads.
      const res = await intake(c.t, { inboxId: c.i, providerMessageId: `${c.v}:${m.clientId}`, from: fromOf(c), text, ...(ids.length > 0 && { uploads: { ids, visitor: `${c.i}:${c.v}` } }) });
      return { clientId: m.clientId, seq: res.message.seq, messageId: res.message.id, conversationId: res.conversation.id, created: res.created };
    },

    /** An upload within the inbox's limits (size and type); not on a message until sent with one. */
    async upload(c: VisitorClaims, chat: ChatInbox, input: { filename: string; contentType: string | undefined; data: Readable | Buffer; declaredSize?: number }) {
      const limits = chat.settings.attachments;
      const type = normalizeContentType(input.contentType);
      if (!limits.contentTypes.includes(type)) throw new UnsupportedTypeError(type, limits.contentTypes);
      const b = await storeBlob(core, c.t, input, Math.min(limits.maxBytes, core.settings.attachmentMaxBytes));
      const at = now();
      try {
        await chatUow(async (r) => {
          await r.attachments.insert({ ...b, tenantId: c.t, conversationId: null, messageId: null, uploadedBy: null, uploadedByVisitor: `${c.i}:${c.v}`, at });
          await r.events.append(c.t, [draftEvent(core.newId, {
            type: 'attachment.uploaded', aggregateType: 'attachment', aggregateId: b.id, actorId: null, topics: [],
            payload: { filename: b.filename, contentType: b.contentType, size: b.sizeBytes, sha256: b.sha256, visitorId: c.v, inboxId: c.i },
          })], at);
        });
      } catch (e) {
        await discardBlobs(core, [b]);
        throw e;
      }
      return { id: b.id, filename: b.filename, contentType: b.contentType, size: b.sizeBytes, url: `${WIDGET_API_BASE}/attachments/${b.id}` };
    },

    /** A file on the visitor's own conversation. */
    async openAttachment(c: VisitorClaims, id: string) {
      const a = await core.repos.attachments.byId(c.t, id);
      const conv = await conversationOf(c);
      if (!a || !conv || a.conversationId !== conv.id) throw notFound('Attachment');
      return { attachment: a, stream: await core.blobs.get(a.storageKey) };
    },

    /** Marks agent messages up to seq read and tells the agents (message.read). */
    async read(c: VisitorClaims, seq: number) {
      const conv = await conversationOf(c);
      if (!conv) return 0;
      return chatUow(async (r, chat) => {
        const upTo = await chat.markRead(c.t, conv.id, seq);
        if (upTo > 0) {
          await r.events.append(c.t, [draftEvent(core.newId, {
            type: 'message.read', aggregateType: 'conversation', aggregateId: conv.id, actorId: null,
            topics: ['tenant', `conversation:${conv.id}`, ...(conv.assigneeId ? [`user:${conv.assigneeId}`] : [])],
            payload: { conversationId: conv.id, seq: upTo, by: 'customer' },
          })], now());
        }
        return upTo;
      });
    },

    /** The demo shop page with the demo chat inbox (settings.demo) filled in; without one, the widget shows "unavailable". */
    async demoShopHtml(template: string) {
      const row = await d.db
        .selectFrom('inboxes')
        .innerJoin('tenants', 'tenants.id', 'inboxes.tenant_id')
        .select(['inboxes.id as id', 'tenants.slug as slug', 'inboxes.settings as settings'])
        .where('inboxes.channel', '=', 'chat')
        .orderBy('inboxes.id')
        .execute();
      const demo = row.find((r) => (r.settings as { demo?: unknown; enabled?: unknown }).demo === true && (r.settings as { enabled?: unknown }).enabled === true);
      const esc = (s: string) => s.replace(/[^a-zA-Z0-9_-]/g, '');
      return template.replaceAll('{{INBOX_ID}}', esc(demo?.id ?? '')).replaceAll('{{WORKSPACE}}', esc(demo?.slug ?? ''));
    },
    markDelivered: (tenantId: string, ids: string[]) => reads.markDelivered(tenantId, ids),
    messageById: (tenantId: string, id: string) => core.repos.messages.byId(tenantId, id),
    receipt: (tenantId: string, conversationId: string) => reads.receipt(tenantId, conversationId),

    /** The rating the widget asks for at resolution: NPS when the workspace's surveys send NPS then, else CSAT. */
    async surveyKind(tenantId: string): Promise<'csat' | 'nps'> {
      const s = parseSurveySettings((await core.repos.surveys.settings(tenantId))?.settings);
      return s.enabled && s.atResolution === 'nps' ? 'nps' : 'csat';
    },

    /** One rating per conversation (a second is a 409): CSAT 1–5, or NPS 0–10. */
    async csat(c: VisitorClaims, body: { conversationId: string; kind?: 'csat' | 'nps'; score: number; comment?: string }) {
      const kind = body.kind ?? 'csat';
      if (kind === 'csat' ? body.score < 1 || body.score > 5 : body.score < 0 || body.score > 10) {
        throw invalid(`The score must be ${kind === 'csat' ? '1 to 5' : '0 to 10'} for ${kind.toUpperCase()}`, [{ path: 'score', message: 'out of range' }]);
      }
      const conv = await ownConversation(c, body.conversationId);
      const id = core.newId();
      const at = now();
      await chatUow(async (r, chat) => {
        await chat.lockConversation(c.t, conv.id);
        if (await chat.csatExists(c.t, conv.id)) throw conflict('This conversation was already rated; thank you');
        await r.surveyResponses.insert({ id, tenantId: c.t, customerId: conv.customerId, kind, score: body.score, comment: body.comment?.trim() || null, conversationId: conv.id, ticketId: null, respondedAt: at });
        // The survey invitation made at resolution (src/core/surveys), when there is one, is answered by this.
        const inv = await r.surveys.openChatInvitation(c.t, conv.id, at);
        if (inv) {
          await r.surveys.markAnswered(c.t, inv.id, id, at);
          await r.surveys.linkAnswer(c.t, id, inv.id, 'chat', inv.language);
        }
        await r.events.append(c.t, [draftEvent(core.newId, {
          type: 'survey.responded', aggregateType: 'conversation', aggregateId: conv.id, actorId: null,
          topics: convTopics(conv.id), payload: { conversationId: conv.id, customerId: conv.customerId, kind, score: body.score, responseId: id, ...(inv && { invitationId: inv.id }), channel: 'chat' },
        })], at);
      });
      return { id };
    },

    /** Closed hours: the message joins the visitor's conversation and a new ticket gathers it. */
    async offline(c: VisitorClaims, body: { email: string; name?: string; text: string }) {
      const res = await d.intake(c.t, { inboxId: c.i, providerMessageId: `${c.v}:offline:${core.newId()}`, from: fromOf(c, body.name), text: body.text });
      const ticketId = core.newId();
      const at = now();
      const subject = `Chat message while closed, reply to ${body.email}`.slice(0, 250);
      await chatUow(async (r) => {
        const number = await r.tickets.nextNumber(c.t);
        await r.tickets.insert({
          id: ticketId, tenantId: c.t, number, subject, status: 'new', priority: 'normal', type: null, requesterId: res.conversation.customerId,
          assigneeId: null, teamId: null, tags: ['chat-offline'], custom: {}, createdBy: null, createdAt: at, solvedAt: null,
        });
        await r.tickets.link(c.t, ticketId, res.conversation.id, null, at);
        const customer = await r.customers.byId(c.t, res.conversation.customerId);
        if (customer) await r.customers.update(c.t, customer.id, { attributes: { ...customer.attributes, chat_offline_email: body.email } }, at);
        await r.events.append(c.t, [draftEvent(core.newId, {
          type: 'ticket.created', aggregateType: 'ticket', aggregateId: ticketId, actorId: null,
          topics: ['tenant', `ticket:${ticketId}`, `conversation:${res.conversation.id}`],
          payload: { number, subject, status: 'new', priority: 'normal', type: null, requesterId: res.conversation.customerId, assigneeId: null, teamId: null, tags: ['chat-offline'], custom: {}, followerIds: [], conversationIds: [res.conversation.id], replyTo: body.email },
        })], at);
      });
      return { ticketId };
    },
  };
}
export type ChatService = ReturnType<typeof createChatService>;
export { AppError };
