import { z } from 'zod';
import { listQuery, uuid } from './common.ts';

export const identityKinds = ['email', 'phone', 'visitor', 'whatsapp', 'messenger', 'telegram', 'external'] as const;
export type IdentityKindName = (typeof identityKinds)[number];

/** An IANA time zone, stored in its canonical spelling (`europe/london` → `Europe/London`). */
export const timeZone = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .transform((s, ctx) => {
    try {
      return new Intl.DateTimeFormat('en', { timeZone: s }).resolvedOptions().timeZone;
    } catch {
      ctx.addIssue({ code: 'custom', message: `"${s.slice(0, 64)}" is not a time zone; use an IANA name like Europe/London` });
      return z.NEVER;
    }
  });

/** A BCP 47 language tag, canonicalized (`EN-gb` → `en-GB`). */
export const languageTag = z
  .string()
  .trim()
  .min(1)
  .max(35)
  .transform((s, ctx) => {
    try {
      return Intl.getCanonicalLocales(s)[0]!;
    } catch {
      ctx.addIssue({ code: 'custom', message: `"${s.slice(0, 35)}" is not a language tag; use one like en, cy, pl, hi or zh-Hans` });
      return z.NEVER;
    }
  });

/** Up to 50 tags of 1..50 characters, trimmed, duplicates dropped (first spelling kept). */
export const tags = z
  .array(z.string().trim().min(1).max(50))
  .max(50)
  .transform((list) => [...new Set(list)]);

export const attributeValue = z.union([z.string().max(2000), z.number(), z.boolean(), z.null()]);
export const attributes = z
  .record(z.string().trim().min(1).max(100), attributeValue)
  .refine((o) => Object.keys(o).length <= 100, 'at most 100 attributes');

export const consent = z
  .object({
    marketingEmail: z.boolean().optional(),
    sms: z.boolean().optional(),
    calls: z.boolean().optional(),
  })
  .strict();

export const identity = z.object({
  id: uuid,
  kind: z.enum(identityKinds),
  value: z.string(),
  verified: z.boolean(),
  createdAt: z.iso.datetime(),
});

export const customer = z.object({
  id: uuid,
  name: z.string(),
  language: z.string().nullable(),
  timeZone: z.string().nullable(),
  company: z.string().nullable(),
  tags: z.array(z.string()),
  attributes: z.record(z.string(), attributeValue),
  consent: z.object({ marketingEmail: z.boolean().optional(), sms: z.boolean().optional(), calls: z.boolean().optional() }),
  identities: z.array(identity),
  /** The customer this one was merged into (its history lives there now), or null. */
  mergedInto: uuid.nullable(),
  /** Set once the customer's personal data has been erased. */
  erasedAt: z.iso.datetime().nullable(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type Customer = z.infer<typeof customer>;

export const addIdentityBody = z.object({
  kind: z.enum(identityKinds),
  value: z.string().min(1).max(320),
  verified: z.boolean().default(false),
});
export type AddIdentityBody = z.infer<typeof addIdentityBody>;

const name = z.string().trim().max(200);
const company = z.string().trim().max(200);

export const createCustomerBody = z.object({
  name: name.optional(),
  language: languageTag.optional(),
  timeZone: timeZone.optional(),
  company: company.optional(),
  tags: tags.optional(),
  attributes: attributes.optional(),
  consent: consent.optional(),
  identities: z.array(addIdentityBody).max(20).optional(),
});
export type CreateCustomerBody = z.infer<typeof createCustomerBody>;

/** Every field optional; null clears language, time zone and company. tags and attributes replace; consent merges. */
export const updateCustomerBody = z
  .object({
    name: name.optional(),
    language: languageTag.nullable().optional(),
    timeZone: timeZone.nullable().optional(),
    company: company.nullable().optional(),
    tags: tags.optional(),
    attributes: attributes.optional(),
    consent: consent.optional(),
  })
  .strict();
export type UpdateCustomerBody = z.infer<typeof updateCustomerBody>;

export const listCustomersQuery = listQuery.extend({ tag: z.string().trim().min(1).max(50).optional() });
export const identityParams = z.object({ id: uuid, identityId: uuid });

export const mergeCustomerBody = z.object({ sourceId: uuid }).strict();
export type MergeCustomerBody = z.infer<typeof mergeCustomerBody>;
export const mergeParams = z.object({ mergeId: uuid });

/** One merge: which customer was merged into which, how many rows of each table moved, what the survivor took. */
export const customerMerge = z.object({
  id: uuid,
  survivorId: uuid,
  sourceId: uuid,
  moved: z.record(z.string(), z.number().int()),
  filled: z.object({
    name: z.string().optional(),
    company: z.string().optional(),
    language: z.string().optional(),
    timeZone: z.string().optional(),
    tags: z.array(z.string()).optional(),
    attributes: z.record(z.string(), attributeValue).optional(),
  }),
  mergedBy: uuid.nullable(),
  mergedAt: z.iso.datetime(),
  undoneBy: uuid.nullable(),
  undoneAt: z.iso.datetime().nullable(),
});
export type CustomerMerge = z.infer<typeof customerMerge>;

export const mergeResponse = z.object({ merge: customerMerge, survivor: customer });
export const undoMergeResponse = z.object({
  merge: customerMerge,
  survivor: customer,
  source: customer,
  /** Survivor fields (and `tags.x`, `attributes.k`) emptied again; `kept` were changed since the merge. */
  restored: z.array(z.string()),
  kept: z.array(z.string()),
});

export const duplicateReason = z.object({
  code: z.enum(['same_value_other_kind', 'similar_name', 'same_company']),
  message: z.string(),
  kind: z.string().optional(),
  otherKind: z.string().optional(),
  value: z.string().optional(),
  similarity: z.number().optional(),
});
export const duplicateSuggestion = z.object({ customer, score: z.number(), reasons: z.array(duplicateReason) });
export const duplicatesResponse = z.object({ items: z.array(duplicateSuggestion) });
