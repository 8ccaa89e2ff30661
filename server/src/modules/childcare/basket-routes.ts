// Routes of 兄弟姐妹一起报名: the family's saved choice per programme, and the one tap that runs it.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import {
  BasketEnrollBodySchema,
  BasketResultSchema,
  BasketSchema,
  IdParamsSchema,
  MyBasketSchema,
  SaveBasketBodySchema,
} from '@/contract/childcare';
import { ApiErrorSchema as E } from '@/contract/errors';
import * as svc from './basket';

const auth = [{ bearerAuth: [] }];
const tags = ['childcare'];

const basketRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/programmes/:id/basket',
    {
      preHandler: app.authenticate,
      schema: {
        tags,
        summary: '我保存的“兄弟姐妹一起报名”选择',
        security: auth,
        params: IdParamsSchema,
        response: { 200: MyBasketSchema, 400: E, 401: E, 404: E },
      },
    },
    async (request) => svc.myBasket(app, request.auth!.id, request.params.id),
  );
  app.put(
    '/programmes/:id/basket',
    {
      preHandler: app.authenticate,
      schema: {
        tags,
        summary: '保存每个孩子的班级和方式（全部报上或各自报名），开抢时一键提交',
        security: auth,
        params: IdParamsSchema,
        body: SaveBasketBodySchema,
        response: { 200: BasketSchema, 400: E, 401: E, 403: E, 404: E, 422: E },
      },
    },
    async (request) => svc.saveBasket(app, request.auth!.id, request.params.id, request.body),
  );
  app.delete(
    '/programmes/:id/basket',
    {
      preHandler: app.authenticate,
      schema: {
        tags,
        summary: '清除保存的选择',
        security: auth,
        params: IdParamsSchema,
        response: { 204: Type.Null(), 400: E, 401: E, 404: E },
      },
    },
    async (request, reply) => {
      await svc.deleteBasket(app, request.auth!.id, request.params.id);
      return reply.code(204).send(null);
    },
  );
  app.post(
    '/enrollments/basket',
    {
      // a rush endpoint like POST /enrollments: the token verified without a database read (the
      // statement checks the account), then the per-IP and per-user limits
      preHandler: [app.authenticateToken, ...app.rushLimit],
      schema: {
        tags,
        summary: '一键报名：按保存的选择为每个孩子报名（支持 Idempotency-Key）',
        security: auth,
        headers: Type.Object({ 'idempotency-key': Type.Optional(Type.String()) }),
        body: BasketEnrollBodySchema,
        response: {
          201: BasketResultSchema,
          400: E,
          401: E,
          403: E,
          404: E,
          409: E,
          422: E,
          429: E,
          503: E,
        },
      },
    },
    async (request, reply) => {
      const claim = app.idempotencyClaim(request);
      const r = await svc.enrollBasket(app, request.tokenUser!, request.body.programmeId, claim);
      if (r.replayed) reply.header('idempotent-replayed', 'true');
      return reply.code(201).send(r.body);
    },
  );
};

export default basketRoutes;
