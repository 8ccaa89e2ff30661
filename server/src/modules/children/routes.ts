import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import {
  ChildListSchema,
  ChildParamsSchema,
  ChildSchema,
  CreateChildBodySchema,
} from '@/contract/account';
import {
  GuardianRequestDecisionSchema,
  GuardianRequestListSchema,
  GuardianRequestParamsSchema,
  GuardianRequestSubmittedSchema,
} from '@/contract/child-guardians';
import { ApiErrorSchema } from '@/contract/errors';
import { addLimit } from './add-limit';
import { createChild, decide, deleteChild, listChildren, pendingRequests } from './service';

const childrenRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.addHook('preHandler', app.authenticate);
  const childAddLimit = addLimit(app, 'child-add');

  app.get(
    '/me/children',
    {
      schema: {
        tags: ['me'],
        summary: '我的孩子（本人添加的和作为监护人关联的）',
        security: [{ bearerAuth: [] }],
        response: { 200: ChildListSchema, 401: ApiErrorSchema },
      },
    },
    async (request) => ({ items: await listChildren(app, request.auth!.id) }),
  );

  app.post(
    '/me/children',
    {
      schema: {
        tags: ['me'],
        summary: '添加孩子（支持 Idempotency-Key）；身份证号已属于其他家庭时提交监护人申请（202）',
        security: [{ bearerAuth: [] }],
        headers: Type.Object({ 'idempotency-key': Type.Optional(Type.String()) }),
        body: CreateChildBodySchema,
        response: {
          201: ChildSchema,
          202: GuardianRequestSubmittedSchema,
          400: ApiErrorSchema,
          401: ApiErrorSchema,
          409: ApiErrorSchema,
          422: ApiErrorSchema,
          429: ApiErrorSchema,
        },
      },
    },
    async (request, reply) => {
      const result = await app.idempotent(request, async (tx) => {
        await childAddLimit(request, reply);
        return createChild(app, tx, request.auth!.id, request.body);
      });
      if (result.replayed) reply.header('idempotent-replayed', 'true');
      return reply.code(result.statusCode === 202 ? 202 : 201).send(result.body);
    },
  );

  app.delete(
    '/me/children/:id',
    {
      schema: {
        tags: ['me'],
        summary: '删除孩子（监护人账号：取消自己的关联）',
        security: [{ bearerAuth: [] }],
        params: ChildParamsSchema,
        response: { 204: Type.Null(), 401: ApiErrorSchema, 404: ApiErrorSchema },
      },
    },
    async (request, reply) => {
      await deleteChild(app, request.auth!.id, request.params.id);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/me/children/requests',
    {
      schema: {
        tags: ['me'],
        summary: '待我确认的监护人申请（我是孩子的第一位家长）',
        security: [{ bearerAuth: [] }],
        response: { 200: GuardianRequestListSchema, 401: ApiErrorSchema },
      },
    },
    async (request) => ({ items: await pendingRequests(app, request.auth!.id) }),
  );

  for (const [path, status, summary] of [
    ['approve', 'approved', '同意监护人申请'],
    ['refuse', 'refused', '拒绝监护人申请'],
  ] as const) {
    app.post(
      `/me/children/requests/:id/${path}`,
      {
        schema: {
          tags: ['me'],
          summary,
          security: [{ bearerAuth: [] }],
          params: GuardianRequestParamsSchema,
          response: {
            200: GuardianRequestDecisionSchema,
            400: ApiErrorSchema,
            401: ApiErrorSchema,
            404: ApiErrorSchema,
            409: ApiErrorSchema,
          },
        },
      },
      async (request) => decide(app, request.auth!.id, request.params.id, status),
    );
  }
};

export default childrenRoutes;
