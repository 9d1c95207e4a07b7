/**
 * The flows API's wire schemas (server routes and web/src/api/flows.ts import the same file).
 * Flow definitions themselves are validated with src/core/flows/schema.ts.
 */
import { z } from 'zod';

const uuid = z.uuid();
export const channelKind = z.enum(['chat', 'voice', 'sms', 'whatsapp', 'messenger', 'telegram', 'email', 'api']);

export const flowCreateBody = z.object({
  name: z.string().trim().min(1).max(120),
  description: z.string().trim().max(1000).default(''),
  channelKinds: z.array(channelKind).min(1).max(8).default(['chat']),
  /** The first draft; a minimal "message → end" flow when absent. */
  definition: z.unknown().optional(),
});
export const flowPatchBody = z
  .object({ name: z.string().trim().min(1).max(120), description: z.string().trim().max(1000), channelKinds: z.array(channelKind).min(1).max(8) })
  .partial()
  .refine((p) => Object.keys(p).length > 0, { message: 'change at least one of name, description, channelKinds' });

/** One problem of a flow, on a node when it concerns one (the editor outlines it in red). */
export const flowIssue = z.object({
  nodeId: z.string().nullable(),
  edgeId: z.string().nullable().optional(),
  code: z.string(),
  message: z.string(),
  path: z.string().optional(),
});
export type FlowIssue = z.infer<typeof flowIssue>;

export const flowDto = z.object({
  id: uuid,
  name: z.string(),
  description: z.string(),
  channelKinds: z.array(z.string()),
  publishedVersion: z.number().int().nullable(),
  draftVersion: z.number().int().nullable(),
  inboxIds: z.array(uuid),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type FlowDto = z.infer<typeof flowDto>;

export const flowVersionDto = z.object({
  version: z.number().int(),
  status: z.enum(['draft', 'published']),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  publishedAt: z.iso.datetime().nullable(),
  publishedBy: z.uuid().nullable(),
});
export type FlowVersionDto = z.infer<typeof flowVersionDto>;
export const flowVersionFull = flowVersionDto.extend({ definition: z.unknown() });

export const draftBody = z.object({ definition: z.unknown() });
export const draftSaved = z.object({ version: flowVersionDto, issues: z.array(flowIssue) });
export const validateBody = z.object({ definition: z.unknown() });
export const validateResult = z.object({ ok: z.boolean(), issues: z.array(flowIssue) });
export const publishBody = z.object({ version: z.number().int().min(1).optional() }).default({});

export const flowValue = z.union([z.string().max(4000), z.number(), z.boolean(), z.null()]);
export const simulateInput = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('start'), language: z.string().max(16).optional(), customer: z.record(z.string().max(64), flowValue).optional(), variables: z.record(z.string().max(64), flowValue).optional() }),
  z.object({ kind: z.literal('text'), text: z.string().max(4000) }),
  z.object({ kind: z.literal('choice'), key: z.string().max(64) }),
  z.object({ kind: z.literal('dtmf'), digits: z.string().max(32) }),
  z.object({ kind: z.literal('timeout') }),
]);
export const simulateBody = z.object({
  definition: z.unknown(),
  /** The state the previous simulate call returned; omitted (or null) to start. */
  state: z.unknown().nullable().optional(),
  input: simulateInput,
});
export const simulateResult = z.object({
  outputs: z.array(z.record(z.string(), z.unknown())),
  state: z.unknown(),
  status: z.enum(['waiting', 'handover', 'ended']),
  /** Effects the simulator reports instead of carrying out (hand-over, ticket creation). */
  notExecuted: z.array(z.record(z.string(), z.unknown())),
  variables: z.record(z.string(), z.unknown()),
});

export const assignmentDto = z.object({ inboxId: uuid, inboxName: z.string(), channel: z.string(), flowId: uuid.nullable(), flowName: z.string().nullable() });
export const assignBody = z.object({ flowId: uuid.nullable() });

const examplePhrase = z.string().trim().min(1).max(300);
export const intentBody = z.object({
  name: z.string().trim().toLowerCase().regex(/^[a-z0-9_.-]{1,64}$/, 'intent names are 1–64 lower-case letters, digits, "_", "." or "-"'),
  examples: z.array(examplePhrase).max(200).default([]),
});
export const intentPatch = intentBody.partial().refine((p) => Object.keys(p).length > 0, { message: 'change the name or the examples' });
export const intentDto = z.object({ id: uuid, name: z.string(), examples: z.array(z.string()), createdAt: z.iso.datetime(), updatedAt: z.iso.datetime() });
export type IntentDto = z.infer<typeof intentDto>;

/** A host name (lower case), or "*.example.com" for its subdomains; no scheme, port or path. */
export const allowedHost = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^(\*\.)?[a-z0-9]([a-z0-9.-]{0,251}[a-z0-9])?$/, 'a host like "api.example.com" or "*.example.com" (no scheme, port or path)');
export const hostsBody = z.object({ hosts: z.array(allowedHost).max(100) });
export const hostsDto = z.object({ hosts: z.array(z.string()) });

export const flowListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
  q: z.string().trim().max(200).optional(),
});
export const versionParams = z.object({ id: uuid, version: z.coerce.number().int().min(1) });
