import type { CoreDeps } from '../deps.ts';
import { buildIntentModel, classify, type IntentModel } from '../flows/intents.ts';
import type { FlowPorts, KbAnswer, TicketRequest } from '../flows/types.ts';
import { isOpen } from '../sla/business-time.ts';
import { toCalendar } from '../../storage/business-calendars.repo.ts';
import { httpPort, type Fetch } from './http-port.ts';
import { kbAnswerFrom } from './kb-port.ts';

/** The knowledge base's best public answer for a query in a language (helper B's search), or null. */
export type KbAnswerFn = (tenantId: string, query: string, language: string) => Promise<KbAnswer | null>;

export interface FlowPortDeps {
  core: CoreDeps;
  /** Outgoing HTTP (tests pass a fake); default the global fetch. */
  fetch?: Fetch;
  /** Default: the public knowledge-base search (kb-port.ts). */
  kbAnswer?: KbAnswerFn;
}

export interface PortOptions {
  /** The simulator: tickets are reported, not created. */
  simulate?: boolean;
  onTicket?: (t: TicketRequest) => void;
  /** Live sessions: creates the ticket (linked to the conversation). */
  createTicket?: (t: TicketRequest) => Promise<{ id: string; number?: number | string }>;
}

/** Intent models per tenant, rebuilt when the tenant's intents change (keyed by their last update). */
const models = new Map<string, { key: string; model: IntentModel }>();

async function intentModel(core: CoreDeps, tenantId: string): Promise<IntentModel | null> {
  const intents = await core.repos.flowsConfig.allIntents(tenantId);
  if (intents.length === 0) return null;
  const key = intents.map((i) => `${i.id}:${i.updatedAt.getTime()}`).join(',');
  const cached = models.get(tenantId);
  if (cached?.key === key) return cached.model;
  const model = buildIntentModel(intents.map((i) => ({ name: i.name, examples: i.examples })));
  models.set(tenantId, { key, model });
  if (models.size > 500) models.delete(models.keys().next().value!);
  return model;
}

/** The engine's ports for one tenant: allow-listed HTTP, public KB answers, calendars, intents, tickets. */
export function flowPorts(deps: FlowPortDeps, tenantId: string, o: PortOptions = {}): FlowPorts {
  const { core } = deps;
  const kb = deps.kbAnswer ?? kbAnswerFrom(() => core.repos);
  return {
    http: httpPort(() => core.repos.flowsConfig.hosts(tenantId), deps.fetch),

    async kbAnswer(query, language) {
      if (!query.trim()) return null;
      return kb(tenantId, query, language);
    },

    async isOpen(calendarId, now) {
      const cal = /^[0-9a-f-]{36}$/i.test(calendarId) ? await core.repos.businessCalendars.byId(tenantId, calendarId) : undefined;
      if (!cal) throw new Error(`business calendar ${calendarId} not found`);
      return isOpen(now, toCalendar(cal));
    },

    async classifyIntent(text) {
      const model = await intentModel(core, tenantId);
      if (!model) return null;
      const m = classify(model, text, 0);
      return m.intent ? { intent: m.intent, confidence: m.confidence } : null;
    },

    async createTicket(req) {
      if (o.simulate || !o.createTicket) {
        o.onTicket?.(req);
        return { id: 'simulated', number: 'simulated' };
      }
      return o.createTicket(req);
    },
  };
}
