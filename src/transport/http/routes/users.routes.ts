import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { user } from '../../../contracts/auth.ts';
import { errorBody, idParams, listQuery, page } from '../../../contracts/common.ts';
import {
  auditEntry,
  createTeamBody,
  inviteBody,
  inviteResponse,
  team,
  teamMemberParams,
  updateTeamBody,
  updateUserBody,
} from '../../../contracts/users.ts';
import { metaOf, principalOf } from '../context.ts';
import { auditDto, teamDto, userDto } from '../dto.ts';
import type { Services } from '../services.ts';

const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody, 429: errorBody };

export const usersRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (app, { services: s }) => {
  app.get('/users', {
    config: { permission: 'users.read' },
    schema: { tags: ['users'], summary: 'Users of the workspace; q searches name and email', querystring: listQuery, response: { 200: page(user), ...errors } },
  }, async (req) => {
    const r = await s.users.list(principalOf(req), req.query);
    return { items: r.items.map(userDto), nextCursor: r.nextCursor };
  });

  app.get('/users/:id', {
    config: { permission: 'users.read' },
    schema: { tags: ['users'], summary: 'One user', params: idParams, response: { 200: user, ...errors } },
  }, async (req) => userDto(await s.users.get(principalOf(req), req.params.id)));

  app.patch('/users/:id', {
    config: { permission: 'users.manage' },
    schema: { tags: ['users'], summary: 'Change a user: name, role, language, active', params: idParams, body: updateUserBody, response: { 200: user, ...errors } },
  }, async (req) => userDto(await s.users.update(principalOf(req), req.params.id, req.body, metaOf(req))));

  app.post('/users/invitations', {
    config: { permission: 'users.manage' },
    schema: { tags: ['users'], summary: 'Invite a person by email; returns the link to send', body: inviteBody, response: { 201: inviteResponse, ...errors } },
  }, async (req, reply) => {
    const r = await s.users.invite(principalOf(req), req.body, metaOf(req));
    const i = r.invitation;
    return reply.code(201).send({
      invitation: { ...i, expiresAt: i.expiresAt.toISOString(), createdAt: i.createdAt.toISOString(), acceptedAt: null },
      link: r.link,
    });
  });

  app.get('/teams', {
    config: { permission: 'teams.read' },
    schema: { tags: ['teams'], summary: 'Teams of the workspace', querystring: listQuery, response: { 200: page(team), ...errors } },
  }, async (req) => {
    const r = await s.teams.list(principalOf(req), req.query);
    return { items: r.items.map(teamDto), nextCursor: r.nextCursor };
  });

  app.post('/teams', {
    config: { permission: 'teams.manage' },
    schema: { tags: ['teams'], summary: 'Create a team', body: createTeamBody, response: { 201: team, ...errors } },
  }, async (req, reply) => reply.code(201).send(teamDto(await s.teams.create(principalOf(req), req.body))));

  app.get('/teams/:id', {
    config: { permission: 'teams.read' },
    schema: { tags: ['teams'], summary: 'One team', params: idParams, response: { 200: team, ...errors } },
  }, async (req) => teamDto(await s.teams.get(principalOf(req), req.params.id)));

  app.patch('/teams/:id', {
    config: { permission: 'teams.manage' },
    schema: { tags: ['teams'], summary: 'Rename or describe a team', params: idParams, body: updateTeamBody, response: { 200: team, ...errors } },
  }, async (req) => teamDto(await s.teams.update(principalOf(req), req.params.id, req.body)));

  app.delete('/teams/:id', {
    config: { permission: 'teams.manage' },
    schema: { tags: ['teams'], summary: 'Delete a team (its members stay users)', params: idParams, response: { 204: z.null(), ...errors } },
  }, async (req, reply) => {
    await s.teams.remove(principalOf(req), req.params.id);
    return reply.code(204).send(null);
  });

  app.get('/teams/:id/members', {
    config: { permission: 'teams.read' },
    schema: { tags: ['teams'], summary: 'Members of a team', params: idParams, querystring: listQuery, response: { 200: page(user), ...errors } },
  }, async (req) => {
    const r = await s.teams.members(principalOf(req), req.params.id, req.query);
    return { items: r.items.map(userDto), nextCursor: r.nextCursor };
  });

  app.put('/teams/:id/members/:userId', {
    config: { permission: 'teams.manage' },
    schema: { tags: ['teams'], summary: 'Add a user to a team', params: teamMemberParams, response: { 204: z.null(), ...errors } },
  }, async (req, reply) => {
    await s.teams.setMember(principalOf(req), req.params.id, req.params.userId, true);
    return reply.code(204).send(null);
  });

  app.delete('/teams/:id/members/:userId', {
    config: { permission: 'teams.manage' },
    schema: { tags: ['teams'], summary: 'Remove a user from a team', params: teamMemberParams, response: { 204: z.null(), ...errors } },
  }, async (req, reply) => {
    await s.teams.setMember(principalOf(req), req.params.id, req.params.userId, false);
    return reply.code(204).send(null);
  });

  app.get('/audit', {
    config: { permission: 'audit.read' },
    schema: {
      tags: ['audit'],
      summary: 'The audit log, newest first',
      querystring: listQuery.extend({ action: z.string().max(100).optional() }),
      response: { 200: page(auditEntry), ...errors },
    },
  }, async (req) => {
    const r = await s.users.listAudit(principalOf(req), req.query);
    return { items: r.items.map(auditDto), nextCursor: r.nextCursor };
  });

  app.get('/events', {
    config: { permission: 'events.read' },
    schema: {
      tags: ['events'],
      summary: 'The workspace event stream after a sequence number, oldest first',
      querystring: z.object({ after: z.coerce.number().int().min(0).default(0), limit: z.coerce.number().int().min(1).max(1000).default(100), type: z.string().max(100).optional() }),
      response: {
        200: z.object({
          items: z.array(z.object({ id: z.uuid(), seq: z.number().int(), type: z.string(), aggregateType: z.string(), aggregateId: z.string(), actorId: z.uuid().nullable(), topics: z.array(z.string()), payload: z.record(z.string(), z.unknown()), createdAt: z.iso.datetime() })),
          nextAfter: z.number().int(),
        }),
        ...errors,
      },
    },
  }, async (req) => {
    const p = principalOf(req);
    const rows = await s.repos.events.list(p.tenantId, { afterSeq: req.query.after, limit: req.query.limit, type: req.query.type });
    return {
      items: rows.map((e) => ({ id: e.id, seq: e.seq, type: e.type, aggregateType: e.aggregateType, aggregateId: e.aggregateId, actorId: e.actorId, topics: e.topics, payload: e.payload, createdAt: e.createdAt.toISOString() })),
      nextAfter: rows.at(-1)?.seq ?? req.query.after,
    };
  });
};
