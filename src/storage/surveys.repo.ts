import { sql } from 'kysely';
import type { Page } from '../contracts/common.ts';
import { SENTIMENT_CUTOFF } from '../contracts/surveys.ts';
import type { Executor } from './executor.ts';
import { keysetPage } from './paginate.ts';

/** A survey invitation (0025_surveys.sql); the token itself is never stored. */
export interface SurveyInvitationRow {
  id: string;
  tenantId: string;
  customerId: string;
  conversationId: string | null;
  sourceEventId: string;
  channel: string;
  kind: 'csat' | 'nps';
  language: string;
  tokenHash: string;
  sentAt: Date;
  expiresAt: Date;
  answeredAt: Date | null;
  responseId: string | null;
}

export interface SurveyAnswerRow {
  id: string;
  tenantId: string;
  customerId: string;
  kind: 'csat' | 'nps';
  score: number;
  comment: string | null;
  conversationId: string | null;
  invitationId: string | null;
  channel: string | null;
  language: string | null;
  respondedAt: Date;
}

export interface VocFilter {
  from?: Date;
  to?: Date;
  kind?: 'csat' | 'nps';
  theme?: string;
  sentiment?: 'positive' | 'neutral' | 'negative';
  q?: string;
}

export interface VocCommentRow {
  id: string;
  kind: 'csat' | 'nps';
  score: number;
  comment: string;
  language: string | null;
  channel: string | null;
  sentiment: number | null;
  themes: string[] | null;
  customerId: string;
  customerName: string;
  conversationId: string | null;
  respondedAt: Date;
}

const invCols = [
  'id', 'tenant_id as tenantId', 'customer_id as customerId', 'conversation_id as conversationId', 'source_event_id as sourceEventId',
  'channel', 'kind', 'language', 'token_hash as tokenHash', 'sent_at as sentAt', 'expires_at as expiresAt', 'answered_at as answeredAt',
  'response_id as responseId',
] as const;

const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** Survey settings, invitations, answers with their links, and the VoC reads; every query scoped by tenant but the token lookup. */
export function surveysRepo(db: Executor) {
  return {
    async settings(tenantId: string): Promise<{ settings: Record<string, unknown>; updatedAt: Date } | undefined> {
      return db.selectFrom('survey_settings').select(['settings', 'updated_at as updatedAt']).where('tenant_id', '=', tenantId).executeTakeFirst();
    },
    async putSettings(tenantId: string, settings: Record<string, unknown>, by: string | null, at: Date): Promise<void> {
      const json = JSON.stringify(settings);
      await db
        .insertInto('survey_settings')
        .values({ tenant_id: tenantId, settings: json, updated_by: by, updated_at: at })
        .onConflict((oc) => oc.column('tenant_id').doUpdateSet({ settings: json, updated_by: by, updated_at: at }))
        .execute();
    },

    /** Serialises invitations of one customer (the throttle) until the transaction ends. */
    async lockCustomer(tenantId: string, customerId: string): Promise<boolean> {
      const r = await db.selectFrom('customers').select('id').where('tenant_id', '=', tenantId).where('id', '=', customerId).forUpdate().executeTakeFirst();
      return !!r;
    },
    async lastInvitedAt(tenantId: string, customerId: string): Promise<Date | null> {
      const r = await db.selectFrom('survey_invitations').select('sent_at').where('tenant_id', '=', tenantId).where('customer_id', '=', customerId)
        .orderBy('sent_at', 'desc').limit(1).executeTakeFirst();
      return r?.sent_at ?? null;
    },
    async bySourceEvent(tenantId: string, sourceEventId: string): Promise<{ id: string } | undefined> {
      return db.selectFrom('survey_invitations').select('id').where('tenant_id', '=', tenantId).where('source_event_id', '=', sourceEventId).executeTakeFirst();
    },
    /** False when this resolution event already made one (redelivery, another node). */
    async insertInvitation(r: SurveyInvitationRow): Promise<boolean> {
      const res = await db
        .insertInto('survey_invitations')
        .values({
          id: r.id, tenant_id: r.tenantId, customer_id: r.customerId, conversation_id: r.conversationId, source_event_id: r.sourceEventId,
          channel: r.channel, kind: r.kind, language: r.language, token_hash: r.tokenHash, sent_at: r.sentAt, expires_at: r.expiresAt,
        })
        .onConflict((oc) => oc.columns(['tenant_id', 'source_event_id']).doNothing())
        .executeTakeFirst();
      return Number(res.numInsertedOrUpdatedRows ?? 0) > 0;
    },
    /** The public page's lookup: the link carries no tenant, only the token (by its hash). */
    async invitationByTokenHash(tokenHash: string): Promise<SurveyInvitationRow | undefined> {
      return db.selectFrom('survey_invitations').select(invCols).where('token_hash', '=', tokenHash).executeTakeFirst();
    },
    async lockInvitation(tenantId: string, id: string): Promise<SurveyInvitationRow | undefined> {
      return db.selectFrom('survey_invitations').select(invCols).where('tenant_id', '=', tenantId).where('id', '=', id).forUpdate().executeTakeFirst();
    },
    async markAnswered(tenantId: string, id: string, responseId: string, at: Date): Promise<void> {
      await db.updateTable('survey_invitations').set({ answered_at: at, response_id: responseId }).where('tenant_id', '=', tenantId).where('id', '=', id).execute();
    },
    /** The conversation's unanswered, unexpired chat invitation (the widget's CSAT answers it). */
    async openChatInvitation(tenantId: string, conversationId: string, now: Date): Promise<SurveyInvitationRow | undefined> {
      return db.selectFrom('survey_invitations').select(invCols).where('tenant_id', '=', tenantId).where('conversation_id', '=', conversationId)
        .where('channel', '=', 'chat').where('answered_at', 'is', null).where('expires_at', '>', now).orderBy('sent_at', 'desc').limit(1).executeTakeFirst();
    },
    async invitationsOf(tenantId: string, conversationId: string): Promise<SurveyInvitationRow[]> {
      return db.selectFrom('survey_invitations').select(invCols).where('tenant_id', '=', tenantId).where('conversation_id', '=', conversationId).orderBy('sent_at').execute();
    },

    /** Whether a person (not the bot) wrote to the customer in this conversation. */
    async staffReplied(tenantId: string, conversationId: string): Promise<boolean> {
      const r = await db.selectFrom('messages').select('id').where('tenant_id', '=', tenantId).where('conversation_id', '=', conversationId)
        .where('direction', '=', 'outbound').where('author_user_id', 'is not', null).limit(1).executeTakeFirst();
      return !!r;
    },
    /** The customer's email address to send a survey to: a verified one first. */
    async customerEmail(tenantId: string, customerId: string): Promise<string | null> {
      const r = await db.selectFrom('customer_identities').select('value').where('tenant_id', '=', tenantId).where('customer_id', '=', customerId)
        .where('kind', '=', 'email').orderBy('verified', 'desc').orderBy('created_at', 'desc').limit(1).executeTakeFirst();
      return r?.value ?? null;
    },

    async insertAnswer(a: SurveyAnswerRow): Promise<void> {
      await db
        .insertInto('survey_responses')
        .values({
          id: a.id, tenant_id: a.tenantId, customer_id: a.customerId, kind: a.kind, score: a.score, comment: a.comment, conversation_id: a.conversationId,
          ticket_id: null, invitation_id: a.invitationId, channel: a.channel, language: a.language, responded_at: a.respondedAt, created_at: a.respondedAt,
        })
        .execute();
    },
    /** Links a widget answer (inserted by the chat channel) to its invitation. */
    async linkAnswer(tenantId: string, responseId: string, invitationId: string, channel: string, language: string): Promise<void> {
      await db.updateTable('survey_responses').set({ invitation_id: invitationId, channel, language }).where('tenant_id', '=', tenantId).where('id', '=', responseId).execute();
    },

    /** What the comment analysis needs: the comment, its language, the customer's and the conversation's tags. */
    async forAnalysis(tenantId: string, responseId: string) {
      return db
        .selectFrom('survey_responses as s')
        .leftJoin('customers as c', (j) => j.onRef('c.tenant_id', '=', 's.tenant_id').onRef('c.id', '=', 's.customer_id'))
        .leftJoin('conversations as v', (j) => j.onRef('v.tenant_id', '=', 's.tenant_id').onRef('v.id', '=', 's.conversation_id'))
        .select(['s.id', 's.comment', 's.language', 'c.language as customerLanguage', 'v.tags as tags'])
        .where('s.tenant_id', '=', tenantId)
        .where('s.id', '=', responseId)
        .executeTakeFirst();
    },
    async putInsights(tenantId: string, responseId: string, i: { language: string; sentiment: number | null; themes: string[] }, at: Date): Promise<void> {
      const v = { language: i.language, sentiment: i.sentiment, themes: i.themes, analyzed_at: at };
      await db.insertInto('survey_comment_insights').values({ response_id: responseId, tenant_id: tenantId, ...v })
        .onConflict((oc) => oc.column('response_id').doUpdateSet(v)).execute();
    },

    /** Answers with a comment, newest first, filtered for the VoC list. */
    async comments(tenantId: string, f: VocFilter, args: { limit: number; cursor?: string }): Promise<Page<VocCommentRow>> {
      let q = db
        .selectFrom('survey_responses as s')
        .innerJoin('customers as c', (j) => j.onRef('c.tenant_id', '=', 's.tenant_id').onRef('c.id', '=', 's.customer_id'))
        .leftJoin('survey_comment_insights as i', (j) => j.onRef('i.tenant_id', '=', 's.tenant_id').onRef('i.response_id', '=', 's.id'))
        .select([
          's.id as id', 's.kind as kind', 's.score as score', sql<string>`s.comment`.as('comment'), sql<string | null>`coalesce(i.language, s.language)`.as('language'),
          's.channel as channel', 'i.sentiment as sentiment', 'i.themes as themes', 's.customer_id as customerId', 'c.name as customerName',
          's.conversation_id as conversationId', 's.responded_at as respondedAt',
        ])
        .where('s.tenant_id', '=', tenantId)
        .where('s.comment', 'is not', null)
        .where('s.comment', '<>', '');
      if (f.from) q = q.where('s.responded_at', '>=', f.from);
      if (f.to) q = q.where('s.responded_at', '<', f.to);
      if (f.kind) q = q.where('s.kind', '=', f.kind);
      if (f.theme) q = q.where(sql<boolean>`${f.theme} = ANY(i.themes)`);
      if (f.sentiment === 'positive') q = q.where('i.sentiment', '>', SENTIMENT_CUTOFF);
      if (f.sentiment === 'negative') q = q.where('i.sentiment', '<', -SENTIMENT_CUTOFF);
      if (f.sentiment === 'neutral') q = q.where('i.sentiment', '>=', -SENTIMENT_CUTOFF).where('i.sentiment', '<=', SENTIMENT_CUTOFF);
      if (f.q) q = q.where(sql<boolean>`s.comment ILIKE ${`%${likeEscape(f.q)}%`}`);
      return keysetPage(q, 's.id', args, 'desc');
    },

    /** Themes of the comments in a range: how many comments carry each, their mean sentiment and score. */
    async themes(tenantId: string, f: Pick<VocFilter, 'from' | 'to' | 'kind'>, limit: number) {
      const where = sql.join([
        sql`s.tenant_id = ${tenantId}`,
        sql`s.comment IS NOT NULL AND s.comment <> ''`,
        ...(f.from ? [sql`s.responded_at >= ${f.from}`] : []),
        ...(f.to ? [sql`s.responded_at < ${f.to}`] : []),
        ...(f.kind ? [sql`s.kind = ${f.kind}`] : []),
      ], sql` AND `);
      const rows = await sql<{ theme: string; n: number; avg_sentiment: number | null; avg_score: number | null }>`
        SELECT t.theme, count(*)::int AS n, avg(i.sentiment)::float8 AS avg_sentiment,
               avg(CASE WHEN s.kind = 'csat' THEN s.score END)::float8 AS avg_score
          FROM survey_responses s
          JOIN survey_comment_insights i ON i.tenant_id = s.tenant_id AND i.response_id = s.id
          CROSS JOIN LATERAL unnest(i.themes) AS t(theme)
         WHERE ${where}
         GROUP BY t.theme
         ORDER BY n DESC, t.theme
         LIMIT ${limit}`.execute(db);
      const total = await sql<{ n: number }>`SELECT count(*)::int AS n FROM survey_responses s WHERE ${where}`.execute(db);
      return { themes: rows.rows, comments: Number(total.rows[0]?.n ?? 0) };
    },
  };
}
export type SurveysRepo = ReturnType<typeof surveysRepo>;
