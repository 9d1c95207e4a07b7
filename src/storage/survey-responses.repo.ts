import type { Page } from '../contracts/common.ts';
import type { Executor } from './executor.ts';
import { keysetPage, type PageArgs } from './paginate.ts';

/** A survey answer (0009_segments_health.sql). Issue 8 (surveys) builds on this table. */
export interface SurveyResponseRow {
  id: string;
  tenantId: string;
  customerId: string;
  kind: 'csat' | 'nps';
  score: number;
  comment: string | null;
  conversationId: string | null;
  ticketId: string | null;
  respondedAt: Date;
}

const cols = [
  'id',
  'tenant_id as tenantId',
  'customer_id as customerId',
  'kind',
  'score',
  'comment',
  'conversation_id as conversationId',
  'ticket_id as ticketId',
  'responded_at as respondedAt',
] as const;

/** Survey answers; every query scoped by tenant. */
export function surveyResponsesRepo(db: Executor) {
  return {
    async insert(r: SurveyResponseRow): Promise<void> {
      await db
        .insertInto('survey_responses')
        .values({
          id: r.id, tenant_id: r.tenantId, customer_id: r.customerId, kind: r.kind, score: r.score, comment: r.comment,
          conversation_id: r.conversationId, ticket_id: r.ticketId, responded_at: r.respondedAt, created_at: r.respondedAt,
        })
        .execute();
    },
    /** Demo data only (src/seed.ts): one sentiment on all of a customer's inbound messages. */
    async setInboundSentiment(tenantId: string, customerId: string, sentiment: number): Promise<void> {
      await db
        .updateTable('messages')
        .set({ sentiment })
        .where('tenant_id', '=', tenantId)
        .where('direction', '=', 'inbound')
        .where('conversation_id', 'in', (eb) => eb.selectFrom('conversations').select('id').where('tenant_id', '=', tenantId).where('customer_id', '=', customerId))
        .execute();
    },
    /** A customer's answers, newest first. */
    async listForCustomer(tenantId: string, customerId: string, args: PageArgs): Promise<Page<SurveyResponseRow>> {
      const q = db.selectFrom('survey_responses').select(cols).where('tenant_id', '=', tenantId).where('customer_id', '=', customerId);
      return keysetPage(q, 'id', args, 'desc');
    },
  };
}
export type SurveyResponsesRepo = ReturnType<typeof surveyResponsesRepo>;
