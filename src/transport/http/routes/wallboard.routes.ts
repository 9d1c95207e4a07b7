import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorBody, idParams } from '../../../contracts/common.ts';
import { wallboardQuery, wallboardView, whisper, whisperBody, type Whisper } from '../../../contracts/wallboard.ts';
import type { WhisperRow } from '../../../storage/wallboard.repo.ts';
import { principalOf } from '../context.ts';
import { agentDto } from '../routing-dto.ts';
import type { Services } from '../services.ts';

const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody, 429: errorBody };

const whisperDto = (w: WhisperRow): Whisper => ({ ...w, createdAt: w.createdAt.toISOString() });

/** The supervisor's wallboard and whispers (issue 6). */
export const wallboardRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (app, opts) => {
  const { wallboard, whispers, wallboardAlerts } = opts.services;

  app.get('/wallboard', {
    config: { permission: 'routing.supervise' },
    schema: {
      tags: ['wallboard'], summary: 'Queues now and today (offered, answered, abandoned, service level, ASA), agents by state with time in state and their current tasks',
      querystring: wallboardQuery, response: { 200: wallboardView, ...errors },
    },
  }, async (req) => {
    const v = await wallboard.view(principalOf(req), {
      serviceLevelMs: req.query.serviceLevelSeconds === undefined ? undefined : req.query.serviceLevelSeconds * 1000,
      shortAbandonMs: req.query.shortAbandonSeconds === undefined ? undefined : req.query.shortAbandonSeconds * 1000,
      intervalMinutes: req.query.intervalMinutes,
    });
    return {
      queues: v.queues,
      agents: v.agents.map((a) => ({
        ...agentDto(a.agent), stateSince: a.stateSince.toISOString(), timeInStateSeconds: a.timeInStateSeconds,
        tasks: a.tasks.map((t) => ({ taskId: t.taskId, kind: t.kind, status: t.status, queueId: t.queueId, conversationId: t.conversationId, customerName: t.customerName, since: t.since.toISOString() })),
      })),
      at: v.at.toISOString(),
      dayStartedAt: v.day.from.toISOString(),
      intervalStartedAt: v.interval.from.toISOString(),
      intervalMinutes: v.interval.minutes,
      timeZone: v.day.timeZone,
      serviceLevelSeconds: v.serviceLevelMs / 1000,
      shortAbandonSeconds: v.shortAbandonMs / 1000,
      alerts: await wallboardAlerts.active(principalOf(req), v),
    };
  });

  app.post('/conversations/:id/whispers', {
    config: { permission: 'routing.supervise' },
    schema: { tags: ['wallboard'], summary: 'Whisper to the conversation\'s agent: a note only they and supervisors see', params: idParams, body: whisperBody, response: { 201: whisper, ...errors } },
  }, async (req, reply) => reply.code(201).send(whisperDto(await whispers.whisper(principalOf(req), req.params.id, req.body.text))));

  app.get('/conversations/:id/whispers', {
    config: { permission: 'conversations.read' },
    schema: { tags: ['wallboard'], summary: 'Whispers of a conversation: supervisors see all, an agent those meant for them', params: idParams, response: { 200: z.object({ items: z.array(whisper) }), ...errors } },
  }, async (req) => ({ items: (await whispers.list(principalOf(req), req.params.id)).map(whisperDto) }));
};
