// HTTP of childcare's paid holds: 去支付 for the family's held seats (one order for the group).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { IdParamsSchema } from '@/contract/childcare';
import { ApiErrorSchema } from '@/contract/errors';
import { PaymentStartSchema } from '@/contract/payments';
import { pay } from './pay';

const E = ApiErrorSchema;

const payRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/enrollments/:id/pay',
    {
      preHandler: app.authenticate,
      schema: {
        tags: ['childcare'],
        security: [{ bearerAuth: [] }],
        summary: '去支付：收费班级的名额（兄弟姐妹一起）在支付时限内保留，返回 requestPayment 参数',
        params: IdParamsSchema,
        response: { 200: PaymentStartSchema, 401: E, 404: E, 409: E, 503: E },
      },
    },
    async (request) => pay(app, request.auth!.id, request.params.id),
  );
};

export default payRoutes;
