import { sql, type RawBuilder } from 'kysely';
import { AppError } from '../core/errors.ts';
import type { Executor } from './executor.ts';

export const TIMELINE_KINDS = ['conversation', 'call', 'message', 'ticket', 'order', 'survey', 'note'] as const;
export type TimelineKind = (typeof TIMELINE_KINDS)[number];

export interface TimelineRow {
  kind: TimelineKind;
  id: string;
  at: Date;
  conversationId: string | null;
  ticketId: string | null;
  /** Kind-specific fields (see the contract): status, subject, text excerpt, total… */
  data: Record<string, unknown>;
}

/** The cursor is the (time, id) of the last item: items of different tables share no other order. */
export function encodeTimelineCursor(at: Date, id: string): string {
  return Buffer.from(`${at.toISOString()}|${id}`, 'utf8').toString('base64url');
}

function decodeTimelineCursor(cursor: string | undefined): { at: Date; id: string } | undefined {
  if (!cursor) return undefined;
  const [iso, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const at = new Date(iso ?? '');
  if (!id || !/^[0-9a-f-]{36}$/.test(id) || Number.isNaN(at.getTime())) {
    throw new AppError('invalid', 'The cursor is not one this API returned; pass nextCursor from the previous page unchanged', [{ path: 'cursor', message: 'unknown cursor' }]);
  }
  return { at, id };
}

/**
 * One customer's timeline across every table that records something about them, newest first.
 * Each branch is itself ordered and limited on its own index, so a page costs a few small index
 * scans however long the history is; the union then takes the newest `limit` of them.
 */
export function timelineRepo(db: Executor) {
  return {
    async page(tenantId: string, customerId: string, args: { limit: number; cursor?: string; kinds?: readonly TimelineKind[] }) {
      const after = decodeTimelineCursor(args.cursor);
      const kinds = new Set(args.kinds?.length ? args.kinds : TIMELINE_KINDS);
      const n = args.limit + 1;
      const before = (at: RawBuilder<unknown>, id: RawBuilder<unknown>) => (after ? sql`AND (${at}, ${id}) < (${after.at}::timestamptz, ${after.id}::uuid)` : sql``);
      const branches: RawBuilder<unknown>[] = [];
      if (kinds.has('conversation') || kinds.has('call')) {
        // A conversation on a voice inbox is a call.
        const channels = kinds.has('conversation') && kinds.has('call') ? sql`` : kinds.has('call') ? sql`AND i.channel = 'voice'` : sql`AND i.channel <> 'voice'`;
        branches.push(sql`(SELECT CASE WHEN i.channel = 'voice' THEN 'call' ELSE 'conversation' END AS kind, c.id, c.created_at AS at, c.id AS conversation_id, NULL::uuid AS ticket_id,
            jsonb_build_object('status', c.status, 'subject', c.subject, 'channel', i.channel, 'inboxId', c.inbox_id, 'inboxName', i.name, 'lastMessageAt', c.last_message_at, 'assigneeId', c.assignee_id) AS data
          FROM conversations c JOIN inboxes i ON i.tenant_id = c.tenant_id AND i.id = c.inbox_id
          WHERE c.tenant_id = ${tenantId} AND c.customer_id = ${customerId} ${channels} ${before(sql`c.created_at`, sql`c.id`)}
          ORDER BY c.created_at DESC, c.id DESC LIMIT ${n})`);
      }
      if (kinds.has('message')) {
        branches.push(sql`(SELECT 'message' AS kind, m.id, m.created_at AS at, m.conversation_id, NULL::uuid AS ticket_id,
            jsonb_build_object('direction', m.direction, 'text', left(m.text, 280), 'channel', i.channel, 'seq', m.seq, 'authorUserId', m.author_user_id, 'deliveryStatus', m.delivery_status) AS data
          FROM conversations c
          JOIN messages m ON m.tenant_id = c.tenant_id AND m.conversation_id = c.id
          JOIN inboxes i ON i.tenant_id = c.tenant_id AND i.id = c.inbox_id
          WHERE c.tenant_id = ${tenantId} AND c.customer_id = ${customerId} ${before(sql`m.created_at`, sql`m.id`)}
          ORDER BY m.created_at DESC, m.id DESC LIMIT ${n})`);
      }
      if (kinds.has('ticket')) {
        branches.push(sql`(SELECT 'ticket' AS kind, t.id, t.created_at AS at, NULL::uuid AS conversation_id, t.id AS ticket_id,
            jsonb_build_object('number', t.number, 'subject', t.subject, 'status', t.status, 'priority', t.priority, 'assigneeId', t.assignee_id) AS data
          FROM tickets t
          WHERE t.tenant_id = ${tenantId} AND t.requester_id = ${customerId} ${before(sql`t.created_at`, sql`t.id`)}
          ORDER BY t.created_at DESC, t.id DESC LIMIT ${n})`);
      }
      if (kinds.has('order')) {
        branches.push(sql`(SELECT 'order' AS kind, o.id, o.ordered_at AS at, NULL::uuid AS conversation_id, NULL::uuid AS ticket_id,
            jsonb_build_object('externalId', o.external_id, 'status', o.status, 'currency', o.currency, 'total', o.total::text, 'items', jsonb_array_length(o.items)) AS data
          FROM orders o
          WHERE o.tenant_id = ${tenantId} AND o.customer_id = ${customerId} ${before(sql`o.ordered_at`, sql`o.id`)}
          ORDER BY o.ordered_at DESC, o.id DESC LIMIT ${n})`);
      }
      if (kinds.has('survey')) {
        branches.push(sql`(SELECT 'survey' AS kind, s.id, s.responded_at AS at, s.conversation_id, s.ticket_id,
            jsonb_build_object('surveyKind', s.kind, 'score', s.score, 'comment', s.comment) AS data
          FROM survey_responses s
          WHERE s.tenant_id = ${tenantId} AND s.customer_id = ${customerId} ${before(sql`s.responded_at`, sql`s.id`)}
          ORDER BY s.responded_at DESC, s.id DESC LIMIT ${n})`);
      }
      if (kinds.has('note')) {
        branches.push(sql`(SELECT 'note' AS kind, n.id, n.created_at AS at, NULL::uuid AS conversation_id, NULL::uuid AS ticket_id,
            jsonb_build_object('text', n.text, 'html', n.html, 'authorId', n.author_id) AS data
          FROM customer_notes n
          WHERE n.tenant_id = ${tenantId} AND n.customer_id = ${customerId} ${before(sql`n.created_at`, sql`n.id`)}
          ORDER BY n.created_at DESC, n.id DESC LIMIT ${n})`);
      }
      const r = await sql<{ kind: TimelineKind; id: string; at: Date | string; conversation_id: string | null; ticket_id: string | null; data: Record<string, unknown> | string }>`
        SELECT * FROM (${sql.join(branches, sql` UNION ALL `)}) AS timeline ORDER BY at DESC, id DESC LIMIT ${n}`.execute(db);
      const rows: TimelineRow[] = r.rows.map((x) => ({
        kind: x.kind,
        id: x.id,
        at: new Date(x.at),
        conversationId: x.conversation_id,
        ticketId: x.ticket_id,
        data: typeof x.data === 'string' ? (JSON.parse(x.data) as Record<string, unknown>) : x.data,
      }));
      const more = rows.length > args.limit;
      const items = more ? rows.slice(0, args.limit) : rows;
      const last = items[items.length - 1];
      return { items, nextCursor: more && last ? encodeTimelineCursor(last.at, last.id) : null };
    },
  };
}
