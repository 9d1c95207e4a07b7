import type { Repos, UnitOfWork } from '../storage/repos.ts';
import type { Hasher, Secrets } from '../security/secrets.ts';
import type { Clock, IdGen } from './context.ts';

/** What every core service is handed by main.ts. */
export interface CoreDeps {
  repos: Repos;
  uow: UnitOfWork;
  clock: Clock;
  newId: IdGen;
  hasher: Hasher;
  secrets: Secrets;
  settings: {
    publicUrl: string;
    sessionTtlHours: number;
    loginMaxFailures: number;
    loginLockoutMinutes: number;
    loginIpMaxPerMinute: number;
    defaultWorkspace: string;
    invitationTtlHours: number;
  };
  /** Where messages to people go when no mail server is set (the log). */
  notify: (message: string, fields: Record<string, unknown>) => void;
}

export interface RequestMeta {
  ip: string | null;
  userAgent: string | null;
}
