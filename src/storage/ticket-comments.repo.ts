import type { Page } from '../contracts/common.ts';
import type { Executor } from './executor.ts';
import { keysetPage, type PageArgs } from './paginate.ts';

export interface TicketCommentRow {
  id: string;
  tenantId: string;
  ticketId: string;
  authorId: string | null;
  text: string;
  html: string | null;
  mentions: string[];
  public: boolean;
  createdAt: Date;
}

const cols = ['id', 'tenant_id as tenantId', 'ticket_id as ticketId', 'author_id as authorId', 'text', 'html', 'mentions', 'public', 'created_at as createdAt'] as const;

/** Internal notes and public replies of tickets, oldest first. */
export function ticketCommentsRepo(db: Executor) {
  return {
    async insert(c: Omit<TicketCommentRow, 'createdAt' | 'public'> & { public?: boolean; at: Date }): Promise<void> {
      await db
        .insertInto('ticket_comments')
        .values({ id: c.id, tenant_id: c.tenantId, ticket_id: c.ticketId, author_id: c.authorId, text: c.text, html: c.html, mentions: c.mentions, public: c.public ?? false, created_at: c.at })
        .execute();
    },
    async byId(tenantId: string, id: string): Promise<TicketCommentRow | undefined> {
      return db.selectFrom('ticket_comments').select(cols).where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
    },
    async list(tenantId: string, ticketId: string, args: PageArgs): Promise<Page<TicketCommentRow>> {
      const q = db.selectFrom('ticket_comments').select(cols).where('tenant_id', '=', tenantId).where('ticket_id', '=', ticketId);
      return keysetPage(q, 'id', args, 'asc');
    },
  };
}
export type TicketCommentsRepo = ReturnType<typeof ticketCommentsRepo>;
