import type { Repos, UnitOfWork } from '../storage/repos.ts';
import type { Hasher, Secrets } from '../security/secrets.ts';
import type { Clock, IdGen } from './context.ts';
import type { BlobStore } from '../storage/blobs/types.ts';

/** What every core service is handed by main.ts. */
export interface CoreDeps {
  repos: Repos;
  uow: UnitOfWork;
  clock: Clock;
  newId: IdGen;
  hasher: Hasher;
  secrets: Secrets;
  /** Where attachment bytes are kept (local disk or S3-compatible). */
  blobs: BlobStore;
  settings: {
    publicUrl: string;
    sessionTtlHours: number;
    loginMaxFailures: number;
    loginLockoutMinutes: number;
    loginIpMaxPerMinute: number;
    defaultWorkspace: string;
    invitationTtlHours: number;
    /** The largest attachment, in bytes (ATTACHMENT_MAX_BYTES). */
    attachmentMaxBytes: number;
  };
  /** Delivers an invitation link: by mail when a mail server is set, else to the log. */
  sendInvitation: (i: InvitationMessage) => void;
}

export interface RequestMeta {
  ip: string | null;
  userAgent: string | null;
}

export interface InvitationMessage {
  email: string;
  name: string;
  link: string;
  workspace: string;
  invitedBy: string;
  expiresAt: Date;
}
