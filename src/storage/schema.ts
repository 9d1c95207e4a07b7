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
  /** null until the sequencer numbers the committed event (decision 016). */
  seq: number | null;
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
  seq: number | null;
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
  /** Set when the customer's personal data was erased (0012). */
  erased_at: NullableTimestamp;
}

export interface CustomerNotesTable {
  id: string;
  tenant_id: string;
  customer_id: string;
  author_id: string | null;
  text: string;
  html: string | null;
  created_at: Timestamp;
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

/** Files attached to messages; bytes in the blob store under storage_key (0011_attachments.sql). */
export interface AttachmentsTable {
  id: string;
  tenant_id: string;
  conversation_id: string | null;
  message_id: string | null;
  filename: string;
  content_type: string;
  size_bytes: number;
  sha256: string;
  storage_key: string;
  uploaded_by: string | null;
  /** `<inbox id>:<visitor id>` of a widget upload (0022). */
  uploaded_by_visitor: Generated<string | null>;
  created_at: Timestamp;
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
  /** -1..1, filled by analytics; NULL until then (0009). */
  sentiment: ColumnType<number | null, number | null | undefined, number | null>;
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
  merged_into_id: Generated<string | null>;
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
  public: Generated<boolean>;
  created_at: Timestamp;
}

/** Saved ticket lists and macros (0008_ticket_workflows.sql). */
export interface TicketViewsTable {
  id: string;
  tenant_id: string;
  name: string;
  owner_id: string | null;
  scope: 'everyone' | 'team' | 'me';
  team_id: string | null;
  filters: Json;
  sort: Json;
  position: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface TicketMacrosTable {
  id: string;
  tenant_id: string;
  name: string;
  description: Generated<string>;
  owner_id: string | null;
  scope: 'everyone' | 'team' | 'me';
  team_id: string | null;
  actions: Json;
  usage_count: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
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

/** SLA: calendars, policies, ticket targets, engine cursor (0007_sla.sql). */
export interface BusinessCalendarsTable {
  id: string;
  tenant_id: string;
  name: string;
  time_zone: string;
  hours: Json;
  holidays: ColumnType<string[], string | undefined, string>;
  team_id: string | null;
  is_default: Generated<boolean>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface SlaPoliciesTable {
  id: string;
  tenant_id: string;
  name: string;
  description: Generated<string>;
  position: number;
  active: Generated<boolean>;
  priorities: Generated<string[]>;
  segment_id: string | null;
  customer_tags: Generated<string[]>;
  first_response_minutes: number | null;
  next_response_minutes: number | null;
  resolution_minutes: number | null;
  calendar_mode: Generated<'calendar' | 'team'>;
  calendar_id: string | null;
  near_breach_percent: Generated<number>;
  near_breach_minutes: number | null;
  escalate_to_user_id: string | null;
  escalate_to_team_id: string | null;
  notify_supervisors: Generated<boolean>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface TicketSlaTable {
  tenant_id: string;
  ticket_id: string;
  metric: 'first_response' | 'next_response' | 'resolution';
  policy_id: string | null;
  calendar_id: string | null;
  target_minutes: number;
  near_minutes: number;
  started_at: Timestamp;
  due_at: Timestamp;
  paused_at: NullableTimestamp;
  business_minutes_used: Generated<number>;
  near_breach_at: NullableTimestamp;
  near_breached_at: NullableTimestamp;
  breached_at: NullableTimestamp;
  fulfilled_at: NullableTimestamp;
  updated_at: Timestamp;
}

export interface SlaCursorsTable {
  tenant_id: string;
  last_seq: ColumnType<number | string, number, number>;
  updated_at: Timestamp;
}

/** Survey answers, customer health and segments (0009_segments_health.sql). */
export interface SurveyResponsesTable {
  id: string;
  tenant_id: string;
  customer_id: string;
  kind: 'csat' | 'nps';
  score: number;
  comment: string | null;
  conversation_id: string | null;
  ticket_id: string | null;
  responded_at: Timestamp;
  created_at: Timestamp;
}

export interface CustomerHealthTable {
  tenant_id: string;
  customer_id: string;
  score: number;
  band: 'healthy' | 'watch' | 'at_risk';
  factors: ColumnType<unknown[], string, string>;
  computed_at: Timestamp;
}

export interface SegmentsTable {
  id: string;
  tenant_id: string;
  name: string;
  description: Generated<string>;
  definition: Json;
  created_by: string | null;
  member_count: number | null;
  count_computed_at: NullableTimestamp;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface OrderSourcesTable {
  id: string;
  tenant_id: string;
  name: string;
  secret: string;
  previous_secret: string | null;
  previous_expires_at: NullableTimestamp;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  last_used_at: NullableTimestamp;
}

export interface OrdersTable {
  id: string;
  tenant_id: string;
  customer_id: string;
  external_id: string;
  ordered_at: Timestamp;
  status: 'pending' | 'paid' | 'fulfilled' | 'cancelled' | 'refunded';
  currency: string;
  /** numeric(14,2): read as a decimal string. */
  total: ColumnType<string, string | number, string | number>;
  items: ColumnType<unknown[], string, string>;
  source: 'api' | 'csv' | 'webhook';
  source_id: string | null;
  import_id: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface OrderImportsTable {
  id: string;
  tenant_id: string;
  status: Generated<'queued' | 'running' | 'done' | 'failed'>;
  filename: string | null;
  content: string;
  content_sha256: string;
  total_rows: Generated<number>;
  processed: Generated<number>;
  imported: Generated<number>;
  rejected: Generated<number>;
  report: ColumnType<unknown[], string | undefined, string>;
  error: string | null;
  runner: string | null;
  lease_until: NullableTimestamp;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  started_at: NullableTimestamp;
  finished_at: NullableTimestamp;
}

export interface SchemaMigrationsTable {
  name: string;
  checksum: string;
  applied_at: Timestamp;
}

/** Outgoing webhooks (0006_webhooks.sql). */
export interface WebhookEndpointsTable {
  id: string;
  tenant_id: string;
  url: string;
  description: Generated<string>;
  events: Generated<string[]>;
  active: Generated<boolean>;
  secret: string;
  start_seq: number;
  consecutive_failures: Generated<number>;
  disabled_reason: string | null;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface WebhookCursorsTable {
  tenant_id: string;
  last_seq: Generated<number>;
  updated_at: Timestamp;
}

export interface WebhookDeliveriesTable {
  id: string;
  tenant_id: string;
  endpoint_id: string;
  event_id: string;
  event_type: string;
  payload: Json;
  status: Generated<'pending' | 'succeeded' | 'retrying' | 'dead'>;
  attempts: Generated<number>;
  next_attempt_at: NullableTimestamp;
  last_attempt_at: NullableTimestamp;
  last_status_code: number | null;
  last_error: string | null;
  response_excerpt: string | null;
  duration_ms: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export type SearchKind = 'customer' | 'conversation' | 'message' | 'ticket';
export interface SearchDocumentsTable {
  tenant_id: string;
  kind: SearchKind;
  ref_id: string;
  conversation_id: string | null;
  customer_id: string | null;
  ticket_id: string | null;
  inbox_id: string | null;
  status: string | null;
  body: Generated<string>;
  /** A tsvector; written as its text form. */
  tokens: string;
  created_at: Timestamp;
  generation: Generated<number>;
}

export interface SearchCursorsTable {
  tenant_id: string;
  seq: Generated<number>;
  generation: Generated<number>;
  updated_at: Generated<Date>;
}

/** Routing (0013_routing.sql). */
export interface RoutingQueuesTable {
  id: string;
  tenant_id: string;
  name: string;
  strategy: Generated<'longest_idle' | 'most_skilled' | 'round_robin' | 'least_busy'>;
  sticky_ms: Generated<number>;
  offer_timeout_ms: number | null;
  auto_accept: Generated<boolean>;
  wrap_up_ms: Generated<number>;
  aging_per_minute: Generated<number>;
  calendar_id: string | null;
  team_ids: Generated<string[]>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface AgentRoutingTable {
  tenant_id: string;
  user_id: string;
  presence: Generated<'available' | 'away' | 'offline'>;
  away_reason: string | null;
  presence_since: Timestamp;
  wrap_up_until: NullableTimestamp;
  idle_since: Timestamp;
  languages: Generated<string[]>;
  capacity: Json;
  missed_in_row: Generated<number>;
  updated_at: Timestamp;
}

export interface RoutingWorkflowsTable {
  tenant_id: string;
  version: number;
  rules: ColumnType<unknown, string, string>;
  created_by: string | null;
  created_at: Timestamp;
}

export interface RoutingTasksTable {
  id: string;
  tenant_id: string;
  kind: 'chat' | 'call' | 'email' | 'ticket' | 'callback' | 'outbound' | 'messaging';
  source_type: 'conversation' | 'ticket' | 'callback' | 'api';
  source_id: string | null;
  source_event_id: string | null;
  attributes: Json;
  priority: Generated<number>;
  status: Generated<'queued' | 'offered' | 'assigned' | 'wrap_up' | 'completed' | 'abandoned' | 'overflowed' | 'cancelled'>;
  workflow_version: number | null;
  rule_id: string | null;
  target_index: Generated<number>;
  target_started_at: Timestamp;
  queue_id: string | null;
  assigned_user_id: string | null;
  declined_by: Generated<string[]>;
  callback_number: string | null;
  enqueued_at: Timestamp;
  assigned_at: NullableTimestamp;
  ended_at: NullableTimestamp;
  end_reason: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface RoutingOffersTable {
  id: string;
  tenant_id: string;
  task_id: string;
  user_id: string;
  offered_at: Timestamp;
  expires_at: Timestamp;
  status: Generated<'pending' | 'accepted' | 'rejected' | 'expired' | 'withdrawn'>;
  decided_at: NullableTimestamp;
}

export interface RoutingTraceTable {
  id: string;
  tenant_id: string;
  task_id: string;
  at: Timestamp;
  entry: ColumnType<Record<string, unknown>, string, string>;
}

export interface RoutingCursorsTable {
  tenant_id: string;
  last_seq: ColumnType<number | string, number, number>;
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
  ticket_views: TicketViewsTable;
  ticket_macros: TicketMacrosTable;
  customer_merges: CustomerMergesTable;
  customer_notes: CustomerNotesTable;
  webhook_endpoints: WebhookEndpointsTable;
  webhook_cursors: WebhookCursorsTable;
  webhook_deliveries: WebhookDeliveriesTable;
  customer_merge_moves: CustomerMergeMovesTable;
  orders: OrdersTable;
  order_imports: OrderImportsTable;
  order_sources: OrderSourcesTable;
  survey_responses: SurveyResponsesTable;
  customer_health: CustomerHealthTable;
  segments: SegmentsTable;
  business_calendars: BusinessCalendarsTable;
  sla_policies: SlaPoliciesTable;
  ticket_sla: TicketSlaTable;
  sla_cursors: SlaCursorsTable;
  attachments: AttachmentsTable;
  search_documents: SearchDocumentsTable;
  search_cursors: SearchCursorsTable;
  routing_queues: RoutingQueuesTable;
  agent_routing: AgentRoutingTable;
  routing_workflows: RoutingWorkflowsTable;
  routing_tasks: RoutingTasksTable;
  routing_offers: RoutingOffersTable;
  routing_trace: RoutingTraceTable;
  routing_cursors: RoutingCursorsTable;
}

/** Canned responses, disposition codes, wrap-ups and read markers of the agent desk (0015_desk.sql). */
export interface CannedResponsesTable {
  id: string;
  tenant_id: string;
  shortcut: string;
  title: string;
  body: string;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}
export interface DispositionCodesTable {
  id: string;
  tenant_id: string;
  code: string;
  label: string;
  active: Generated<boolean>;
  position: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}
export interface ConversationWrapUpsTable {
  tenant_id: string;
  conversation_id: string;
  disposition_code: string | null;
  disposition_label: string | null;
  note: string | null;
  wrapped_up_by: string | null;
  wrapped_up_at: Timestamp;
}
export interface ConversationReadsTable {
  tenant_id: string;
  conversation_id: string;
  user_id: string;
  seq: number;
  updated_at: Timestamp;
}
export interface DB {
  canned_responses: CannedResponsesTable;
  disposition_codes: DispositionCodesTable;
  conversation_wrap_ups: ConversationWrapUpsTable;
  conversation_reads: ConversationReadsTable;
}
/** 0016_whisper.sql: the agent a supervisor's whisper (a note) is for; NULL on every other message. */
export interface MessagesTable {
  whisper_to: ColumnType<string | null, string | null | undefined, string | null>;
}

/** Knowledge base articles (0018_kb.sql). */
export interface KbCategoriesTable {
  id: string;
  tenant_id: string;
  parent_id: string | null;
  name: string;
  names: Json;
  description: Generated<string>;
  position: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}
export interface KbArticlesTable {
  id: string;
  tenant_id: string;
  category_id: string | null;
  visibility: ColumnType<'public' | 'internal', 'public' | 'internal' | undefined, 'public' | 'internal'>;
  tags: ColumnType<string[], string[] | undefined, string[]>;
  related_ids: ColumnType<string[], string[] | undefined, string[]>;
  created_by: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: Timestamp;
  updated_at: Timestamp;
}
export interface KbTranslationsTable {
  tenant_id: string;
  article_id: string;
  language: string;
  title: string;
  body: string;
  state: ColumnType<'draft' | 'review' | 'published' | 'archived', 'draft' | 'review' | 'published' | 'archived' | undefined, 'draft' | 'review' | 'published' | 'archived'>;
  version: Generated<number>;
  published_at: NullableTimestamp;
  views: ColumnType<string | number, number | undefined, number>;
  helpful_yes: Generated<number>;
  helpful_no: Generated<number>;
  updated_by: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: Timestamp;
  updated_at: Timestamp;
}
export interface KbVersionsTable {
  id: string;
  tenant_id: string;
  article_id: string;
  language: string;
  version: number;
  title: string;
  body: string;
  reason: 'edit' | 'restore' | 'import' | 'seed';
  created_by: string | null;
  created_at: Timestamp;
}
export interface KbVotesTable {
  tenant_id: string;
  article_id: string;
  language: string;
  visitor_key: string;
  helpful: boolean;
  created_at: Timestamp;
  updated_at: Timestamp;
}
export interface KbArticleAttachmentsTable {
  tenant_id: string;
  article_id: string;
  attachment_id: string;
}
export interface KbImportsTable {
  id: string;
  tenant_id: string;
  format: 'markdown' | 'csv' | 'json';
  status: 'queued' | 'running' | 'done' | 'failed';
  rows: ColumnType<unknown, string, string>;
  total_rows: number;
  processed: Generated<number>;
  imported: Generated<number>;
  rejected: Generated<number>;
  report: ColumnType<unknown, string | undefined, string>;
  error: string | null;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  finished_at: NullableTimestamp;
}
export interface DB {
  kb_categories: KbCategoriesTable;
  kb_articles: KbArticlesTable;
  kb_translations: KbTranslationsTable;
  kb_versions: KbVersionsTable;
  kb_votes: KbVotesTable;
  kb_article_attachments: KbArticleAttachmentsTable;
  kb_imports: KbImportsTable;
}

/** Knowledge-base search (0019_kb_search.sql). */
export interface KbSearchDocumentsTable {
  tenant_id: string;
  article_id: string;
  language: string;
  title: string;
  text: Generated<string>;
  tags: Generated<string[]>;
  visibility: 'public' | 'internal';
  category_id: string | null;
  helpful_yes: Generated<number>;
  helpful_no: Generated<number>;
  views: Generated<number>;
  published_at: Timestamp;
  /** tsvectors, written as their text form. */
  tokens: string;
  title_tokens: string;
  title_fold: Generated<string>;
  updated_at: Generated<Date>;
  /** The tenant's kb_search_state generation when written (0030). */
  generation: Generated<number>;
}
/** Knowledge-base search generations and removals (0030_kb_search_generation.sql). */
export interface KbSearchStateTable {
  tenant_id: string;
  generation: Generated<number>;
}
export interface KbSearchRemovalsTable {
  tenant_id: string;
  generation: number;
  article_id: string;
  language: string | null;
}
export interface KbSearchWordsTable {
  tenant_id: string;
  word: string;
}
export interface KbSynonymsTable {
  id: string;
  tenant_id: string;
  terms: string[];
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}
export interface DB {
  kb_search_documents: KbSearchDocumentsTable;
  kb_search_words: KbSearchWordsTable;
  kb_search_state: KbSearchStateTable;
  kb_search_removals: KbSearchRemovalsTable;
  kb_synonyms: KbSynonymsTable;
}

/** Flows (0020_flows.sql). */
export interface FlowsTable {
  id: string;
  tenant_id: string;
  name: string;
  description: Generated<string>;
  channel_kinds: Generated<string[]>;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}
export interface FlowVersionsTable {
  tenant_id: string;
  flow_id: string;
  version: number;
  definition: ColumnType<unknown, string, string>;
  status: 'draft' | 'published';
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  published_at: NullableTimestamp;
  published_by: string | null;
}
export interface InboxFlowsTable {
  tenant_id: string;
  inbox_id: string;
  flow_id: string;
  assigned_by: string | null;
  assigned_at: Timestamp;
}
export interface FlowSessionsTable {
  id: string;
  tenant_id: string;
  conversation_id: string;
  flow_id: string;
  version: number;
  state: ColumnType<unknown, string, string>;
  status: 'active' | 'handover' | 'ended';
  last_seq: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}
export interface FlowIntentsTable {
  id: string;
  tenant_id: string;
  name: string;
  examples: Generated<string[]>;
  created_at: Timestamp;
  updated_at: Timestamp;
}
export interface FlowClaimsTable {
  tenant_id: string;
  conversation_id: string;
  owner: string;
  until: Timestamp;
}
export interface FlowAllowedHostsTable {
  tenant_id: string;
  host: string;
  created_by: string | null;
  created_at: Timestamp;
}
export interface MessagesTable {
  author_kind: ColumnType<'bot' | null, 'bot' | null | undefined, 'bot' | null>;
  metadata: ColumnType<unknown, string | null | undefined, string | null>;
}
export interface DB {
  flows: FlowsTable;
  flow_versions: FlowVersionsTable;
  inbox_flows: InboxFlowsTable;
  flow_sessions: FlowSessionsTable;
  flow_intents: FlowIntentsTable;
  flow_allowed_hosts: FlowAllowedHostsTable;
  flow_claims: FlowClaimsTable;
}
/** The public help center (0021_help_center.sql). */
export interface HelpCenterSettingsTable {
  tenant_id: string;
  enabled: Generated<boolean>;
  titles: ColumnType<Record<string, string>, string | undefined, string>;
  theme_color: Generated<string>;
  logo_url: string | null;
  default_language: Generated<string>;
  chat_inbox_id: string | null;
  contact_form: Generated<boolean>;
  form_secret: string;
  updated_at: Timestamp;
}
export interface HelpCenterDomainsTable {
  domain: string;
  tenant_id: string;
  created_at: Timestamp;
}
export interface DB {
  help_center_settings: HelpCenterSettingsTable;
  help_center_domains: HelpCenterDomainsTable;
}
/** Wallboard alert rules (0024_wallboard_alerts.sql). */
export interface WallboardAlertRulesTable {
  id: string;
  tenant_id: string;
  queue_id: string | null;
  metric: string;
  comparator: 'above' | 'below';
  threshold: number;
  enabled: Generated<boolean>;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}
export interface DB {
  wallboard_alert_rules: WallboardAlertRulesTable;
}
/** Surveys and voice of the customer (0025_surveys.sql). */
export interface SurveySettingsTable {
  tenant_id: string;
  settings: Json;
  updated_by: string | null;
  updated_at: Timestamp;
}
export interface SurveyInvitationsTable {
  id: string;
  tenant_id: string;
  customer_id: string;
  conversation_id: string | null;
  source_event_id: string;
  channel: string;
  kind: 'csat' | 'nps';
  language: string;
  token_hash: string;
  sent_at: Timestamp;
  expires_at: Timestamp;
  answered_at: NullableTimestamp;
  response_id: string | null;
}
export interface SurveyCommentInsightsTable {
  response_id: string;
  tenant_id: string;
  language: string;
  sentiment: number | null;
  themes: ColumnType<string[], string[] | undefined, string[]>;
  analyzed_at: Timestamp;
}
export interface SurveyResponsesTable {
  invitation_id: ColumnType<string | null, string | null | undefined, string | null>;
  channel: ColumnType<string | null, string | null | undefined, string | null>;
  language: ColumnType<string | null, string | null | undefined, string | null>;
}
export interface DB {
  survey_settings: SurveySettingsTable;
  survey_invitations: SurveyInvitationsTable;
  survey_comment_insights: SurveyCommentInsightsTable;
}
/** Scheduled reports (0027_report_schedules.sql). */
export interface ReportSchedulesTable {
  id: string;
  tenant_id: string;
  owner_id: string;
  name: string;
  report: string;
  filters: Json;
  frequency: 'daily' | 'weekly' | 'monthly';
  hour: number;
  recipients: string[];
  enabled: ColumnType<boolean, boolean | undefined, boolean>;
  next_run_at: Timestamp;
  last_sent_at: NullableTimestamp;
  last_period_start: NullableTimestamp;
  last_error: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: Timestamp;
  updated_at: Timestamp;
}
export interface DB {
  report_schedules: ReportSchedulesTable;
}
