import type { AuthService } from '../../core/auth/service.ts';
import type { CustomersService } from '../../core/customers/service.ts';
import type { TeamsService } from '../../core/teams/service.ts';
import type { ConversationsService } from '../../core/conversations/service.ts';
import type { UsersService } from '../../core/users/service.ts';
import type { TicketsService } from '../../core/tickets/service.ts';
import type { Repos } from '../../storage/repos.ts';

export interface Services {
  auth: AuthService;
  users: UsersService;
  teams: TeamsService;
  conversations: ConversationsService;
  customers: CustomersService;
  tickets: TicketsService;
  repos: Repos;
}
