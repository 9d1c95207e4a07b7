import type { AuthService } from '../../core/auth/service.ts';
import type { TeamsService } from '../../core/teams/service.ts';
import type { UsersService } from '../../core/users/service.ts';
import type { Repos } from '../../storage/repos.ts';

export interface Services {
  auth: AuthService;
  users: UsersService;
  teams: TeamsService;
  repos: Repos;
}
