import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** Prometheus metrics of one node. */
export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const httpDuration = new Histogram({
    name: 'switchboard_http_request_duration_seconds',
    help: 'HTTP request latency by route and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  const wsConnections = new Gauge({ name: 'switchboard_websocket_connections', help: 'Open websocket connections', registers: [registry] });
  const eventLag = new Histogram({
    name: 'switchboard_event_lag_seconds',
    help: 'Time from an event being committed to this node fanning it out to sockets',
    buckets: [0.005, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10],
    registers: [registry],
  });
  const outboxPending = new Gauge({ name: 'switchboard_outbox_pending', help: 'Outbox rows not yet delivered to the bus', registers: [registry] });
  const loginFailures = new Counter({ name: 'switchboard_login_failures_total', help: 'Failed sign-ins', registers: [registry] });
  return { registry, httpDuration, wsConnections, eventLag, outboxPending, loginFailures };
}
export type Metrics = ReturnType<typeof createMetrics>;
