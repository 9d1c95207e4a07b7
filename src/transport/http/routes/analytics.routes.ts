import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { drillPage, drillQuery, reportNames, reportQuery, reportResponse, rollupStatus } from '../../../contracts/analytics.ts';
import { errorBody } from '../../../contracts/common.ts';
import { reportCsvFileName, reportToCsv } from '../../../core/analytics/report-csv.ts';
import { AppError } from '../../../core/errors.ts';
import { principalOf } from '../context.ts';
import type { Services } from '../services.ts';

const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody, 429: errorBody, 503: errorBody };

/** Historical reports, drill-down and the rollups' state (issue 8; docs/decisions/020-analytics.md). */
export const analyticsRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (app, opts) => {
  const { reports, drill } = opts.services;

  // One route per report (no path parameter): each is documented on its own in the OpenAPI description.
  for (const report of reportNames) {
    app.get(`/analytics/reports/${report}`, {
      config: { permission: 'analytics.read' },
      schema: {
        tags: ['analytics'],
        summary: `The ${report} report for a range: series, rows, totals and optionally the previous period; format=csv downloads its table`,
        querystring: reportQuery, response: { 200: z.union([reportResponse, z.string()]), ...errors },
      },
    }, async (req, reply) => {
      const r = await reports.run(principalOf(req), report, req.query);
      if (req.query.format === 'csv') {
        return reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${reportCsvFileName(r)}"`).send(`\uFEFF${reportToCsv(r)}`);
      }
      return r;
    });
  }

  app.get('/analytics/drill', {
    config: { permission: 'analytics.read' },
    schema: { tags: ['analytics'], summary: 'The tasks or conversations behind a figure of a report (same range and filters), oldest first, paginated', querystring: drillQuery, response: { 200: drillPage, ...errors } },
  }, async (req) => drill.drill(principalOf(req), req.query));

  const statusDto = (s: Awaited<ReturnType<typeof reports.status>>) => ({
    processedSeq: s.processedSeq, currentSeq: s.currentSeq, lagEvents: Math.max(0, s.currentSeq - s.processedSeq),
    rebuild: { ...s.rebuild, startedAt: s.rebuild.startedAt?.toISOString() ?? null, finishedAt: s.rebuild.finishedAt?.toISOString() ?? null },
  });
  app.get('/analytics/rollups', {
    config: { permission: 'analytics.read' },
    schema: { tags: ['analytics'], summary: 'How far the rollups have folded the event log, and the state of a rebuild', response: { 200: rollupStatus, ...errors } },
  }, async (req) => statusDto(await reports.status(principalOf(req))));

  app.post('/analytics/rollups/rebuild', {
    config: { permission: 'analytics.configure' },
    schema: { tags: ['analytics'], summary: 'Recompute the rollups from the event log in the background (progress on GET /analytics/rollups); 409 while one runs', response: { 202: rollupStatus, ...errors } },
  }, async (req, reply) => {
    const p = principalOf(req);
    if (!opts.services.rebuildRollups) throw new AppError('unavailable', 'Rollups are folded by the background jobs, which are off on this node (JOBS=false)');
    const s = await reports.status(p);
    if (s.rebuild.state === 'running') throw new AppError('conflict', 'A rebuild is already running; follow its progress on GET /api/v1/analytics/rollups');
    void opts.services.rebuildRollups(p.tenantId).catch(() => undefined); // failure is recorded on the cursor row
    return reply.code(202).send(statusDto({ ...s, rebuild: { ...s.rebuild, state: 'running', progress: 0 } }));
  });
};
