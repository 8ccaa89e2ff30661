// HTTP only: the console's tables (one GET per declared table) and its bulk actions.
// Under /api/v1/console.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  BulkAttendanceBodySchema,
  BulkIdsBodySchema,
  BulkResultSchema,
  ConsolePageSchema,
  listQuerySchema,
} from '@/contract/console';
import { ApiErrorSchema } from '@/contract/errors';
import { approveBooking } from '../station/service';
import { confirmHours } from '../volunteer/service';
import { markByHand } from '../night-school/attendance';
import { runBulk } from './bulk';
import paymentRoutes from './payment-routes';
import { listTable, type ListQuery } from './list';
import { TABLES, type TableDef } from './tables';

const errors = (...codes: number[]) => Object.fromEntries(codes.map((c) => [c, ApiErrorSchema]));
const security = [{ bearerAuth: [] }];
const tags = ['console'];

const consoleRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const staff = app.requireRole('organizer', 'admin');
  await app.register(paymentRoutes);
  const admin = app.requireRole('admin');

  for (const [name, table] of Object.entries(TABLES)) {
    const def: TableDef = table;
    app.get(
      `/tables/${name}`,
      {
        preHandler: def.who === 'admin' ? admin : staff,
        schema: {
          tags,
          summary: def.summary,
          security,
          querystring: listQuerySchema(
            Object.fromEntries(Object.entries(def.filters).map(([k, f]) => [k, f.schema])),
          ),
          response: { 200: ConsolePageSchema, ...errors(400, 401, 403) },
        },
      },
      async (request) => listTable(app, request.auth!, name, def, request.query as ListQuery),
    );
  }

  const bulk = (summary: string) => ({
    tags,
    summary,
    security,
    body: BulkIdsBodySchema,
    response: { 200: BulkResultSchema, ...errors(400, 401, 403) },
  });

  app.post(
    '/station/bookings/approve',
    { preHandler: staff, schema: bulk('批量审核通过驿站预订（逐条结果）') },
    async (request) => runBulk(request.body.ids, (id) => approveBooking(app, request.auth!, id)),
  );

  app.post(
    '/volunteer/hours/confirm',
    { preHandler: staff, schema: bulk('批量确认志愿时长（逐条结果）') },
    async (request) => runBulk(request.body.ids, (id) => confirmHours(app, request.auth!, id)),
  );

  app.post(
    '/night-school/attendance',
    {
      preHandler: staff,
      schema: {
        ...bulk('批量登记夜校某一课次的出勤（逐条结果）'),
        body: BulkAttendanceBodySchema,
      },
    },
    async (request) => {
      const { courseId, sessionNo, status, ids } = request.body;
      return runBulk(ids, (userId) =>
        markByHand(app, request.auth!, courseId, sessionNo, userId, status),
      );
    },
  );
};

export default consoleRoutes;
