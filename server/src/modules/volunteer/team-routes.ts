// Team membership routes: ask to join (any signed-in volunteer), my requests, and the leader's
// pending list and decision (organizers of the team; another team's request answers 404).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ApiErrorSchema } from '@/contract/errors';
import {
  DecideTeamMemberBodySchema,
  IdParamsSchema,
  TeamMembershipListSchema,
  TeamMembershipSchema,
} from '@/contract/volunteer';
import * as teams from './teams';

const E = ApiErrorSchema;
const tags = ['volunteer'];
const security = [{ bearerAuth: [] }];

const teamRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const auth = { preHandler: app.authenticate };
  const staff = { preHandler: app.requireRole('organizer', 'admin') };

  app.post(
    '/teams/:id/members',
    {
      ...auth,
      schema: {
        tags,
        security,
        summary: '申请加入志愿服务队（队长审核）',
        params: IdParamsSchema,
        response: { 201: TeamMembershipSchema, 401: E, 404: E, 409: E },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await teams.askToJoin(app, request.auth!, request.params.id)),
  );

  app.get(
    '/me/teams',
    {
      ...auth,
      schema: {
        tags,
        security,
        summary: '我的入队申请与所在队伍',
        response: { 200: TeamMembershipListSchema, 401: E },
      },
    },
    async (request) => ({ items: await teams.myMemberships(app, request.auth!) }),
  );

  app.get(
    '/team-members',
    {
      ...staff,
      schema: {
        tags,
        security,
        summary: '待审核的入队申请（队长）',
        response: { 200: TeamMembershipListSchema, 401: E, 403: E },
      },
    },
    async (request) => ({ items: await teams.requestsToDecide(app, request.auth!) }),
  );

  app.post(
    '/team-members/:id/decision',
    {
      ...staff,
      schema: {
        tags,
        security,
        summary: '同意或拒绝入队申请（队长，记入审计）',
        params: IdParamsSchema,
        body: DecideTeamMemberBodySchema,
        response: { 200: TeamMembershipSchema, 400: E, 401: E, 403: E, 404: E, 409: E },
      },
    },
    async (request) => teams.decide(app, request.auth!, request.params.id, request.body.decision),
  );
};

export default teamRoutes;
