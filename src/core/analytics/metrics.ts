import type { Metrics } from '../../contracts/analytics.ts';
import { counterIndex, type CounterName, type Counters, zeroCounters } from './contributions.ts';

/** Figures from summed counters, by the definitions of METRICS.md (pure). */

const sec = (ms: number): number => Math.round(ms / 100) / 10;
const ratio = (a: number, b: number): number | null => (b > 0 ? a / b : null);

export function addCounters(into: Counters, v: readonly number[]): Counters {
  for (let i = 0; i < into.length; i++) into[i] = (into[i] ?? 0) + Number(v[i] ?? 0);
  return into;
}

export function sumCounters(list: readonly (readonly number[])[]): Counters {
  const out = zeroCounters();
  for (const v of list) addCounters(out, v);
  return out;
}

/**
 * Which figures a set of rows can answer. Queue figures (offered, abandoned, service level) exist
 * only for queue rows; a report narrowed to an agent or a team shows them as null rather than a
 * number that would mean something else.
 */
export interface Scope {
  queueFigures: boolean;
  agentRows: boolean;
}

export function toMetrics(c: Counters, scope: Scope = { queueFigures: true, agentRows: false }): Metrics {
  const g = (n: CounterName): number => c[counterIndex[n]] ?? 0;
  const offered = g('offered');
  const short = g('short_abandoned');
  const answered = g('answered');
  const handled = g('handled');
  const base = offered - short;
  const m: Metrics = {
    handled,
    handleSeconds: sec(g('handle_ms')),
    ahtSeconds: handled > 0 ? sec(g('handle_ms') / handled) : null,
    transfers: g('transfers'),
    transferRate: ratio(g('transfers'), handled),
    escalations: g('escalations'),
    escalationRate: ratio(g('escalations'), handled),
    answered,
    answeredInServiceLevel: g('answered_in_sl'),
    asaSeconds: answered > 0 ? sec(g('wait_answered_ms') / answered) : null,
    conversations: g('conversations'),
    firstResponses: g('first_responses'),
    firstResponseAvgSeconds: g('first_responses') > 0 ? sec(g('first_response_ms') / g('first_responses')) : null,
    resolved: g('resolved'),
    resolutionAvgSeconds: g('resolved') > 0 ? sec(g('resolution_ms') / g('resolved')) : null,
    fcrResolved: g('fcr_resolved'),
    fcrRate: ratio(g('fcr_resolved'), g('resolved')),
    slaFirstResponseBreaches: g('sla_fr_breaches'),
    slaResolutionBreaches: g('sla_res_breaches'),
    slaBreaches: g('sla_fr_breaches') + g('sla_res_breaches'),
    csatResponses: g('csat_responses'),
    csat: ratio(g('csat_positive'), g('csat_responses')),
    npsResponses: g('nps_responses'),
    promoters: g('promoters'),
    detractors: g('detractors'),
    nps: g('nps_responses') > 0 ? Math.round(((g('promoters') - g('detractors')) / g('nps_responses')) * 1000) / 10 : null,
    sentimentMessages: g('sentiment_messages'),
    sentiment: g('sentiment_messages') > 0 ? Math.round(g('sentiment_milli') / g('sentiment_messages')) / 1000 : null,
  };
  if (scope.agentRows) {
    // Occupancy: time handling tasks / time available (capped at 1: chats run concurrently).
    Object.assign(m, {
      loggedInSeconds: sec(g('logged_in_ms')),
      availableSeconds: sec(g('available_ms')),
      occupancy: g('available_ms') > 0 ? Math.min(1, g('busy_ms') / g('available_ms')) : null,
    });
  }
  if (scope.queueFigures) {
    Object.assign(m, {
      offered,
      abandoned: g('abandoned'),
      shortAbandoned: short,
      abandonRate: ratio(g('abandoned'), base),
      serviceLevel: ratio(g('answered_in_sl'), base),
    });
  } else {
    Object.assign(m, { offered: null, abandoned: null, shortAbandoned: null, abandonRate: null, serviceLevel: null });
  }
  return m;
}
