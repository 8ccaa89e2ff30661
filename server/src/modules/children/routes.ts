import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { ChildListSchema, ChildParamsSchema, ChildSchema, CreateChildBodySchema } from '@/contract/account';
import { ApiErrorSchema } from '@/contract/errors';
import { createChild, deleteChild, listChildren } from './service';

const childrenRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.addHook('preHandler', app.authenticate);

  app.get(
    '/me/children',
    {
      schema: {
        tags: ['me'],
        summary: '我的孩子',
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
        summary: '添加孩子（支持 Idempotency-Key）',
        security: [{ bearerAuth: [] }],
        headers: Type.Object({ 'idempotency-key': Type.Optional(Type.String()) }),
        body: CreateChildBodySchema,
        response: {
          201: ChildSchema,
          400: ApiErrorSchema,
          401: ApiErrorSchema,
          409: ApiErrorSchema,
          422: ApiErrorSchema,
        },
      },
    },
    async (request, reply) => {
      const result = await app.idempotent(request, async (tx) => ({
        statusCode: 201,
        body: await createChild(app, tx, request.auth!.id, request.body),
      }));
      if (result.replayed) reply.header('idempotent-replayed', 'true');
      return reply.code(201).send(result.body);
    },
  );

  app.delete(
    '/me/children/:id',
    {
      schema: {
        tags: ['me'],
        summary: '删除孩子',
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
};

export default childrenRoutes;
