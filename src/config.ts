import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse as parseDotenv } from 'dotenv';
import { z } from 'zod';

const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const boolish = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

/** Every setting Switchboard reads. Nothing else in the code reads process.env. */
export const configSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'a postgres:// or postgresql:// URL')
    .optional(),
  LOG_LEVEL: z.enum(logLevels).default('info'),
  PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
  BUS_URL: z.string().regex(/^nats:\/\//, 'a nats:// URL').optional(),
  SESSION_TTL_HOURS: z.coerce.number().int().min(1).max(24 * 90).default(24 * 14),
  COOKIE_SECURE: boolish.optional(),
  SMTP_URL: z.string().regex(/^smtps?:\/\//, 'an smtp:// or smtps:// URL').optional(),
  MAIL_FROM: z.string().min(3).max(200).default('Switchboard <no-reply@localhost>'),
  DEFAULT_WORKSPACE: z.string().min(1).max(64).default('demo'),
  SEED_DEMO: boolish.default(true),
  /** With SEED_DEMO: months of generated history for the demo workspace, written in the background after start (src/seed-history.ts). */
  DEMO_HISTORY: boolish.default(true),
  /** Without demo data: the first admin, invited on the first start of an empty database. */
  ADMIN_EMAIL: z.email().optional(),
  WORKSPACE_NAME: z.string().min(1).max(120).default('Switchboard'),
  LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).max(1000).default(5),
  LOGIN_LOCKOUT_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(15),
  LOGIN_IP_MAX_PER_MINUTE: z.coerce.number().int().min(1).max(100000).default(30),
  /** Behind a load balancer: `true`, or the proxies' addresses/CIDRs, comma-separated. Off: X-Forwarded-For is ignored. */
  TRUST_PROXY: z.string().max(1000).default('false'),
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(10_000_000).default(1200),
  WS_HEARTBEAT_MS: z.coerce.number().int().min(100).max(600000).default(30000),
  JOBS: boolish.default(true),
  /** Routing: this node follows events, creates tasks and offers them for the tenants whose leadership it holds. */
  ROUTING: boolish.default(true),
  /** Let webhooks reach loopback, private and link-local addresses (tests, a CRM on your own network). */
  WEBHOOK_ALLOW_PRIVATE: boolish.default(false),
  /** Attachments: where their bytes live, and how large one may be. */
  BLOB_STORE: z.enum(['local', 's3']).default('local'),
  S3_ENDPOINT: z.url({ protocol: /^https?$/ }).optional(),
  S3_REGION: z.string().min(1).max(64).default('us-east-1'),
  S3_BUCKET: z.string().min(3).max(63).optional(),
  S3_ACCESS_KEY_ID: z.string().min(1).max(256).optional(),
  S3_SECRET_ACCESS_KEY: z.string().min(1).max(256).optional(),
  S3_FORCE_PATH_STYLE: boolish.default(false),
  ATTACHMENT_MAX_BYTES: z.coerce.number().int().min(1).max(1024 * 1024 * 1024).default(25 * 1024 * 1024),
  /** Optional: an OpenAI-compatible endpoint (…/v1) that drafts agents' replies from the knowledge base. Unset: off. */
  DRAFT_AI_URL: z.url({ protocol: /^https?$/ }).optional(),
  DRAFT_AI_KEY: z.string().min(1).max(512).optional(),
  DRAFT_AI_MODEL: z.string().min(1).max(200).default('gpt-4o-mini'),
  /** Knowledge-base search documents each node keeps in memory across tenants (decision 022); 0: always search in the database. */
  KB_SEARCH_MEMORY_DOCS: z.coerce.number().int().min(0).max(10_000_000).default(300_000),
  DRAFT_AI_TIMEOUT_MS: z.coerce.number().int().min(1000).max(120_000).default(20_000),
}).superRefine((c, ctx) => {
  if (c.BLOB_STORE !== 's3') return;
  for (const name of ['S3_BUCKET', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY'] as const) {
    if (!c[name]) ctx.addIssue({ code: 'custom', path: [name], message: 'a value: it is required when BLOB_STORE=s3' });
  }
});

export type Config = z.infer<typeof configSchema> & { publicUrl: string };

export class ConfigError extends Error {}

/** Reads .env (if present) under the process environment, validates once, and returns the config. */
export function loadConfig(
  env: Record<string, string | undefined> = process.env,
  cwd: string = process.cwd(),
): Config {
  const file = resolve(cwd, '.env');
  const fromFile = existsSync(file) ? parseDotenv(readFileSync(file)) : {};
  const merged: Record<string, string | undefined> = { ...fromFile };
  for (const [k, v] of Object.entries(env)) if (v !== undefined && v !== '') merged[k] = v;
  const parsed = configSchema.safeParse(merged);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const name = String(issue.path[0] ?? '?');
    const value = merged[name];
    const got = /SECRET|PASSWORD/.test(name)
      ? '(hidden)'
      : JSON.stringify(/_URL$/.test(name) && value ? hideCredentials(value) : value);
    throw new ConfigError(`Invalid setting ${name}: got ${got}, expected ${describe(issue)}`);
  }
  const c = parsed.data;
  const publicUrl = (c.PUBLIC_URL ?? `http://${c.HOST === '0.0.0.0' ? 'localhost' : c.HOST}:${c.PORT}`).replace(/\/$/, '');
  return { ...c, publicUrl };
}

/** A URL's user and password (everything before the last `@`) replaced, even when it does not parse. */
function hideCredentials(url: string): string {
  return url.replace(/^(\s*[a-z][a-z0-9+.-]*:\/*)?.*@/i, '$1***@');
}

function describe(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_value') return `one of ${issue.values.map((v) => String(v)).join(', ')}`;
  if (issue.code === 'too_small') return `at least ${String(issue.minimum)}${issue.origin === 'string' ? ' characters' : ''}`;
  if (issue.code === 'too_big') return `at most ${String(issue.maximum)}`;
  if (issue.code === 'invalid_type') return `a ${issue.expected}`;
  return issue.message;
}
