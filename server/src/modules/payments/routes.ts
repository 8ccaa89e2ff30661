// HTTP only: a payer's order check on return from the payment sheet, and a staff refund.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ApiErrorSchema } from '@/contract/errors';
import {
  OrderParamsSchema,
  PaymentOrderSchema,
  RefundSchema,
  StaffRefundBodySchema,
} from '@/contract/payments';
import * as service from './service';

const E = ApiErrorSchema;
const tags = ['payments'];
const security = [{ bearerAuth: [] }];

const paymentRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/orders/:id/refresh',
    {
      preHandler: app.authenticate,
      schema: {
        tags,
        security,
        summary: '支付返回后查询订单（未收到通知时向微信支付查单）',
        params: OrderParamsSchema,
        response: { 200: PaymentOrderSchema, 401: E, 404: E, 503: E },
      },
    },
    async (request) => service.refresh(app, request.auth!.id, request.params.id),
  );

  app.post(
    '/admin/orders/:id/refunds',
    {
      preHandler: app.requireRole('organizer', 'admin'),
      schema: {
        tags,
        security,
        summary: '工作人员退款（任意金额，须填写原因，留痕；支持 Idempotency-Key）',
        params: OrderParamsSchema,
        body: StaffRefundBodySchema,
        response: { 201: RefundSchema, 400: E, 401: E, 403: E, 404: E, 409: E, 503: E },
      },
    },
    async (request, reply) =>
      reply.code(201).send(
        await service.staffRefund(
          app,
          request.auth!,
          request.params.id,
          request.body,
          async (work) =>
            (
              await app.idempotent(request, async (tx) => ({
                statusCode: 201,
                body: await work(tx),
              }))
            ).body,
        ),
      ),
  );
};

export default paymentRoutes;
