import type { ColumnType, Generated } from 'kysely';

/** Kysely's view of the tables; kept in step with migrations/*.sql by hand. */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type Json = ColumnType<Record<string, unknown>, string | Record<string, unknown> | undefined, string | Record<string, unknown>>;

export interface TenantsTable {
  id: string;
  slug: string;
  name: string;
  time_zone: Generated<string>;
  languages: Generated<string[]>;
  event_seq: Generated<number>;
  created_at: Timestamp;
}

export interface UsersTable {
  id: string;
  tenant_id: string;
  email: string;
  name: string;
  role: 'admin' | 'supervisor' | 'agent';
  language: Generated<string>;
  password_hash: string | null;
  active: Generated<boolean>;
  failed_logins: Generated<number>;
  locked_until: NullableTimestamp;
  last_login_at: NullableTimestamp;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface TeamsTable {
  id: string;
  tenant_id: string;
  name: string;
  description: Generated<string>;
  created_at: Timestamp;
}

export interface TeamMembersTable {
  tenant_id: string;
  team_id: string;
  user_id: string;
  added_at: Timestamp;
}

export interface SkillsTable {
  id: string;
  tenant_id: string;
  name: string;
  created_at: Timestamp;
}

export interface UserSkillsTable {
  tenant_id: string;
  user_id: string;
  skill_id: string;
  level: number;
}

export interface SessionsTable {
  id: string;
  tenant_id: string;
  user_id: string;
  token_hash: string;
  user_agent: string | null;
  ip: string | null;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  expires_at: Timestamp;
  revoked_at: NullableTimestamp;
}

export interface ApiTokensTable {
  id: string;
  tenant_id: string;
  user_id: string;
  name: string;
  scope: 'read' | 'write' | 'admin';
  token_hash: string;
  created_at: Timestamp;
  last_used_at: NullableTimestamp;
  revoked_at: NullableTimestamp;
}

export interface InvitationsTable {
  id: string;
  tenant_id: string;
  user_id: string;
  token_hash: string;
  invited_by: string | null;
  expires_at: Timestamp;
  accepted_at: NullableTimestamp;
  created_at: Timestamp;
}

export interface LoginAttemptsTable {
  ip: string;
  window_at: Timestamp;
  failures: number;
}

export interface AuditLogTable {
  id: string;
  tenant_id: string;
  actor_id: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  ip: string | null;
  details: Json;
  created_at: Timestamp;
}

export interface EventsTable {
  id: string;
  tenant_id: string;
  seq: number;
  type: string;
  aggregate_type: string;
  aggregate_id: string;
  actor_id: string | null;
  topics: string[];
  payload: Json;
  created_at: Timestamp;
}

export interface OutboxTable {
  id: Generated<number>;
  tenant_id: string;
  event_id: string;
  seq: number;
  created_at: Timestamp;
  delivered_at: NullableTimestamp;
  attempts: Generated<number>;
}

export interface IdempotencyKeysTable {
  tenant_id: string;
  principal_id: string;
  key: string;
  method: string;
  path: string;
  request_hash: string;
  status_code: number | null;
  response_body: string | null;
  created_at: Timestamp;
}

export type IdentityKind = 'email' | 'phone' | 'visitor' | 'whatsapp' | 'messenger' | 'telegram' | 'external';
export type Channel = 'chat' | 'email' | 'sms' | 'whatsapp' | 'messenger' | 'telegram' | 'voice' | 'api';

export interface CustomersTable {
  id: string;
  tenant_id: string;
  name: Generated<string>;
  language: string | null;
  time_zone: string | null;
  company: string | null;
  tags: Generated<string[]>;
  attributes: Json;
  consent: Json;
  merged_into: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface CustomerIdentitiesTable {
  id: string;
  tenant_id: string;
  customer_id: string;
  kind: IdentityKind;
  value: string;
  verified: Generated<boolean>;
  created_at: Timestamp;
}

export interface InboxesTable {
  id: string;
  tenant_id: string;
  name: string;
  channel: Channel;
  reopen_window_ms: Generated<number>;
  settings: Json;
  created_at: Timestamp;
}

export interface ConversationsTable {
  id: string;
  tenant_id: string;
  inbox_id: string;
  customer_id: string;
  status: Generated<'open' | 'pending' | 'snoozed' | 'resolved'>;
  snoozed_until: NullableTimestamp;
  priority: Generated<'low' | 'normal' | 'high' | 'urgent'>;
  assignee_id: string | null;
  team_id: string | null;
  tags: Generated<string[]>;
  subject: string | null;
  last_seq: Generated<number>;
  last_message_at: NullableTimestamp;
  created_at: Timestamp;
  updated_at: Timestamp;
  resolved_at: NullableTimestamp;
}

export interface MessagesTable {
  id: string;
  tenant_id: string;
  conversation_id: string;
  inbox_id: string;
  seq: number;
  direction: 'inbound' | 'outbound' | 'note';
  author_user_id: string | null;
  text: Generated<string>;
  html: string | null;
  provider_message_id: string | null;
  delivery_status: Generated<'received' | 'queued' | 'sent' | 'delivered' | 'read' | 'failed'>;
  created_at: Timestamp;
}

export interface CustomerMergesTable {
  id: string;
  tenant_id: string;
  survivor_id: string;
  source_id: string;
  filled: Json;
  merged_by: string | null;
  merged_at: Timestamp;
  undone_by: string | null;
  undone_at: NullableTimestamp;
}

export interface CustomerMergeMovesTable {
  tenant_id: string;
  merge_id: string;
  table_name: string;
  row_id: string;
}

export interface TicketCountersTable {
  tenant_id: string;
  last_number: number;
}

export type TicketStatus = 'new' | 'open' | 'pending' | 'on-hold' | 'solved' | 'closed';
export type TicketType = 'question' | 'incident' | 'problem' | 'task';
export type TicketFieldType = 'text' | 'number' | 'date' | 'dropdown' | 'checkbox';

export interface TicketsTable {
  id: string;
  tenant_id: string;
  number: number;
  subject: string;
  status: Generated<TicketStatus>;
  priority: Generated<'low' | 'normal' | 'high' | 'urgent'>;
  type: TicketType | null;
  requester_id: string | null;
  assignee_id: string | null;
  team_id: string | null;
  tags: Generated<string[]>;
  custom: Json;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  solved_at: NullableTimestamp;
  closed_at: NullableTimestamp;
}

export interface TicketFollowersTable {
  tenant_id: string;
  ticket_id: string;
  user_id: string;
  added_at: Timestamp;
}

export interface TicketConversationsTable {
  tenant_id: string;
  ticket_id: string;
  conversation_id: string;
  linked_by: string | null;
  linked_at: Timestamp;
}

export interface TicketCommentsTable {
  id: string;
  tenant_id: string;
  ticket_id: string;
  author_id: string | null;
  text: Generated<string>;
  html: string | null;
  mentions: Generated<string[]>;
  created_at: Timestamp;
}

export interface TicketFieldsTable {
  id: string;
  tenant_id: string;
  key: string;
  label: string;
  type: TicketFieldType;
  options: Generated<string[]>;
  required: Generated<boolean>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface SchemaMigrationsTable {
  name: string;
  checksum: string;
  applied_at: Timestamp;
}

export interface DB {
  tenants: TenantsTable;
  users: UsersTable;
  teams: TeamsTable;
  team_members: TeamMembersTable;
  skills: SkillsTable;
  user_skills: UserSkillsTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  invitations: InvitationsTable;
  login_attempts: LoginAttemptsTable;
  audit_log: AuditLogTable;
  events: EventsTable;
  outbox: OutboxTable;
  idempotency_keys: IdempotencyKeysTable;
  schema_migrations: SchemaMigrationsTable;
  customers: CustomersTable;
  customer_identities: CustomerIdentitiesTable;
  inboxes: InboxesTable;
  conversations: ConversationsTable;
  messages: MessagesTable;
  ticket_counters: TicketCountersTable;
  tickets: TicketsTable;
  ticket_followers: TicketFollowersTable;
  ticket_conversations: TicketConversationsTable;
  ticket_comments: TicketCommentsTable;
  ticket_fields: TicketFieldsTable;
  customer_merges: CustomerMergesTable;
  customer_merge_moves: CustomerMergeMovesTable;
}
