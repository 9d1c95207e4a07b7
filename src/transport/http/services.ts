import type { AuthService } from '../../core/auth/service.ts';
import type { CustomersService } from '../../core/customers/service.ts';
import type { TeamsService } from '../../core/teams/service.ts';
import type { ConversationsService } from '../../core/conversations/service.ts';
import type { UsersService } from '../../core/users/service.ts';
import type { TicketsService } from '../../core/tickets/service.ts';
import type { SearchService } from '../../core/search/service.ts';
import type { Repos } from '../../storage/repos.ts';
import type { SlaService } from '../../core/sla/service.ts';
import type { HealthService } from '../../core/health/service.ts';
import type { SegmentsService } from '../../core/segments/service.ts';
import type { OrdersService } from '../../core/orders/service.ts';
import type { AttachmentsService } from '../../core/attachments/service.ts';
import type { WebhooksService } from '../../core/webhooks/service.ts';
import type { Customer360 } from '../../core/customers/customer-360.ts';
import type { RoutingService } from '../../core/routing/service.ts';

export interface Services {
  auth: AuthService;
  users: UsersService;
  teams: TeamsService;
  conversations: ConversationsService;
  customers: CustomersService;
  tickets: TicketsService;
  search: SearchService;
  customer360: Customer360;
  webhooks: WebhooksService;
  attachments: AttachmentsService;
  orders: OrdersService;
  health: HealthService;
  segments: SegmentsService;
  sla: SlaService;
  routing: RoutingService;
  repos: Repos;
}
