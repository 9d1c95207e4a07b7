import { seedTicketWorkflows } from './core/tickets/builtin-views.ts';
import type { IdGen } from './core/context.ts';
import type { InvitationMessage } from './core/deps.ts';
import type { Secrets } from './security/secrets.ts';
import type { Database } from './storage/db.ts';
import { createRepos } from './storage/repos.ts';
import { INVITE_PREFIX } from './core/users/service.ts';

export interface BootstrapInput {
  slug: string;
  workspaceName: string;
  adminEmail: string;
  publicUrl: string;
  invitationTtlHours: number;
}

/**
 * A production install's first start (no demo data): creates the workspace and invites its
 * first admin, whose link goes out like any invitation (mail, or the log without SMTP).
 * Does nothing once any workspace exists. Returns the invitation, or null.
 */
export async function bootstrapWorkspace(
  database: Database,
  deps: { newId: IdGen; secrets: Secrets; now: Date },
  input: BootstrapInput,
): Promise<InvitationMessage | null> {
  if ((await createRepos(database.db).tenants.count()) > 0) return null;
  const secret = deps.secrets.token(INVITE_PREFIX);
  const expiresAt = new Date(deps.now.getTime() + input.invitationTtlHours * 3_600_000);
  const created = await database.db.transaction().execute(async (tx) => {
    const r = createRepos(tx);
    if ((await r.tenants.count()) > 0) return false; // another node got here first
    const tenant = await r.tenants.insert({ id: deps.newId(), slug: input.slug, name: input.workspaceName });
    const userId = deps.newId();
    await r.users.insert({ id: userId, tenantId: tenant.id, email: input.adminEmail, name: input.adminEmail.split('@')[0]!, role: 'admin', passwordHash: null });
    await seedTicketWorkflows(r, tenant.id, deps.newId, deps.now, { macros: false });
    await r.invitations.insert({
      id: deps.newId(),
      tenantId: tenant.id,
      userId,
      tokenHash: deps.secrets.digest(secret),
      invitedBy: null,
      expiresAt,
      createdAt: deps.now,
    });
    await r.audit.insert({
      id: deps.newId(),
      tenantId: tenant.id,
      actorId: null,
      action: 'user.invited',
      targetType: 'user',
      targetId: userId,
      ip: null,
      details: { email: input.adminEmail, role: 'admin', bootstrap: true },
      createdAt: deps.now,
    });
    await r.events.append(
      tenant.id,
      [{ id: deps.newId(), type: 'tenant.created', aggregateType: 'tenant', aggregateId: tenant.id, actorId: null, topics: ['tenant'], payload: { slug: input.slug, demo: false } }],
      deps.now,
    );
    return true;
  });
  if (!created) return null;
  return {
    email: input.adminEmail,
    name: input.adminEmail.split('@')[0]!,
    link: `${input.publicUrl}/invite/${secret}`,
    workspace: input.workspaceName,
    invitedBy: 'Switchboard',
    expiresAt,
  };
}
