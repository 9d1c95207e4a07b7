import { z } from 'zod';
import { email, password, roles } from './auth.ts';
import { languages } from './common.ts';

export const inviteBody = z.object({
  email,
  name: z.string().trim().min(1).max(120),
  role: z.enum(roles),
  teamIds: z.array(z.uuid()).max(50).default([]),
});

export const invitation = z.object({
  id: z.uuid(),
  email: z.string(),
  name: z.string(),
  role: z.enum(roles),
  expiresAt: z.iso.datetime(),
  acceptedAt: z.iso.datetime().nullable(),
  createdAt: z.iso.datetime(),
});
export type Invitation = z.infer<typeof invitation>;

export const inviteResponse = z.object({ invitation, link: z.string() });

export const invitationLookup = z.object({
  email: z.string(),
  name: z.string(),
  workspace: z.string(),
  expiresAt: z.iso.datetime(),
});
export const acceptInvitationBody = z.object({
  password,
  name: z.string().trim().min(1).max(120).optional(),
  language: z.enum(languages).optional(),
});

export const updateUserBody = z
  .object({
    name: z.string().trim().min(1).max(120).optional(),
    role: z.enum(roles).optional(),
    active: z.boolean().optional(),
    language: z.enum(languages).optional(),
  })
  .strict();

export const team = z.object({
  id: z.uuid(),
  name: z.string(),
  description: z.string(),
  memberCount: z.number().int(),
  createdAt: z.iso.datetime(),
});
export type Team = z.infer<typeof team>;

export const createTeamBody = z.object({
  name: z.string().trim().min(1).max(120),
  description: z.string().trim().max(1000).default(''),
});
export const updateTeamBody = z
  .object({
    name: z.string().trim().min(1).max(120).optional(),
    description: z.string().trim().max(1000).optional(),
  })
  .strict();
export const teamMemberParams = z.object({ id: z.uuid(), userId: z.uuid() });

export const auditEntry = z.object({
  id: z.uuid(),
  action: z.string(),
  actorId: z.uuid().nullable(),
  targetType: z.string().nullable(),
  targetId: z.string().nullable(),
  ip: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
  createdAt: z.iso.datetime(),
});
