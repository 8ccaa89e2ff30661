// HTTP only: the console's payment actions beside its declared tables (payment-tables.ts) — the
// orders as CSV with the table's own filters, the offering filter's options, and 向微信查询.
// Under /api/v1/console.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { ApiErrorSchema } from '@/contract/errors';
import { OrderParamsSchema } from '@/contract/payments';
import { PaymentOfferingListSchema, PaymentQueryResultSchema } from '@/contract/payments-console';
import { sendCsv } from '../../lib/csv';
import { queryForStaff } from '../payments/staff-query';
import { OFFERING_KEY, OFFERING_TITLE, PAYABLE_JOINS } from '../payments/order-sql';
import { exportTable, type ExportQuery } from './list';
import { PAYMENT_TABLES } from './payment-tables';
import { paymentsCsv } from './payments-csv';

const errors = (...codes: number[]) => Object.fromEntries(codes.map((c) => [c, ApiErrorSchema]));
const security = [{ bearerAuth: [] }];
const tags = ['console'];

const paymentRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const staff = app.requireRole('organizer', 'admin');
  const def = PAYMENT_TABLES.payments;

  app.get(
    '/payments.csv',
    {
      preHandler: staff,
      schema: {
        tags,
        security,
        summary: '导出收费订单（CSV，与表格相同的范围与筛选）',
        querystring: Type.Object(
          {
            sort: Type.Optional(Type.String({ pattern: '^-?[a-zA-Z]{1,40}$' })),
            q: Type.Optional(Type.String({ maxLength: 40 })),
            ...Object.fromEntries(
              Object.entries(def.filters).map(([k, f]) => [k, Type.Optional(f.schema)]),
            ),
          },
          { additionalProperties: false },
        ),
        response: errors(400, 401, 403),
      },
    },
    async (request, reply) => {
      const rows = await exportTable(
        app,
        request.auth!,
        'payments',
        def,
        request.query as ExportQuery,
      );
      return sendCsv(reply, '收费订单.csv', paymentsCsv(rows));
    },
  );

  app.get(
    '/payments/offerings',
    {
      preHandler: staff,
      schema: {
        tags,
        security,
        summary: '有收费订单的项目（订单表「项目」筛选的选项）',
        response: { 200: PaymentOfferingListSchema, ...errors(401, 403) },
      },
    },
    async (request) => {
      const auth = request.auth!;
      const items = await app.db.query<{ value: string; label: string }>(
        `SELECT DISTINCT ${OFFERING_KEY} AS value, ${OFFERING_TITLE} AS label
           FROM payment_orders po ${PAYABLE_JOINS}
          WHERE ${OFFERING_KEY} IS NOT NULL
            AND ($1::boolean OR po.org_id = ANY($2::bigint[]))
          ORDER BY label, value LIMIT 500`,
        [auth.role === 'admin', auth.orgIds],
      );
      return { items };
    },
  );

  app.post(
    '/payments/orders/:id/query',
    {
      preHandler: staff,
      schema: {
        tags,
        security,
        summary: '向微信查询一笔订单并按微信的答复处理（同对账任务，留痕）',
        params: OrderParamsSchema,
        response: { 200: PaymentQueryResultSchema, ...errors(401, 403, 404, 503) },
      },
    },
    async (request) => queryForStaff(app, request.auth!, request.params.id),
  );
};

export default paymentRoutes;
