// HTTP only. Under /api/v1/dashboards: for each figure, the district's (admins) and an
// organization's (its staff, and admins), each also as CSV.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { ApiErrorSchema } from '@/contract/errors';
import {
  DASHBOARD_FIGURES,
  DASHBOARD_TITLES,
  DashboardFigureSchema,
  DashboardOrgParamsSchema,
  DashboardQuerySchema,
} from '@/contract/dashboard';
import { sendCsv } from '../../lib/csv';
import { figureCsv, figureFilename } from './csv';
import { readFigure } from './service';

const errors = (...codes: number[]) => Object.fromEntries(codes.map((c) => [c, ApiErrorSchema]));
const security = [{ bearerAuth: [] }];
const tags = ['dashboards'];
const csvResponse = Type.String({ description: 'CSV (UTF-8 with BOM)' });

const dashboardRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const admin = app.requireRole('admin');
  const staff = app.requireRole('organizer', 'admin');

  for (const name of DASHBOARD_FIGURES) {
    const title = DASHBOARD_TITLES[name];
    app.get(
      `/dashboards/district/${name}`,
      {
        preHandler: admin,
        schema: {
          tags,
          summary: `全区看板：${title}`,
          security,
          querystring: DashboardQuerySchema,
          response: { 200: DashboardFigureSchema, ...errors(400, 401, 403) },
        },
      },
      async (request) => readFigure(app, request.auth!, name, null, request.query),
    );
    app.get(
      `/dashboards/district/${name}.csv`,
      {
        preHandler: admin,
        schema: {
          tags,
          summary: `全区看板：${title}（CSV）`,
          security,
          querystring: DashboardQuerySchema,
          response: { 200: csvResponse, ...errors(400, 401, 403) },
        },
      },
      async (request, reply) => {
        const f = await readFigure(app, request.auth!, name, null, request.query);
        return sendCsv(reply, figureFilename(f), figureCsv(f));
      },
    );
    app.get(
      `/dashboards/orgs/:orgId/${name}`,
      {
        preHandler: staff,
        schema: {
          tags,
          summary: `组织看板：${title}`,
          security,
          params: DashboardOrgParamsSchema,
          querystring: DashboardQuerySchema,
          response: { 200: DashboardFigureSchema, ...errors(400, 401, 403, 404) },
        },
      },
      async (request) => readFigure(app, request.auth!, name, request.params.orgId, request.query),
    );
    app.get(
      `/dashboards/orgs/:orgId/${name}.csv`,
      {
        preHandler: staff,
        schema: {
          tags,
          summary: `组织看板：${title}（CSV）`,
          security,
          params: DashboardOrgParamsSchema,
          querystring: DashboardQuerySchema,
          response: { 200: csvResponse, ...errors(400, 401, 403, 404) },
        },
      },
      async (request, reply) => {
        const f = await readFigure(app, request.auth!, name, request.params.orgId, request.query);
        return sendCsv(reply, figureFilename(f), figureCsv(f));
      },
    );
  }
};

export default dashboardRoutes;
