// The organizer home's "today": each service answers for the organizations this person runs
// (all of them for an admin).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { TodaySchema, type TodayItem } from '@/contract/organizer';
import { ApiErrorSchema } from '@/contract/errors';
import { stationToday } from '../station/today';
import { childcareToday } from '../childcare/today';
import { nightSchoolToday } from '../night-school/today';
import { volunteerToday } from '../volunteer/today';
import { beijingToday } from '@/contract/beijing-time';

// Which services an organization's staff work in.
const SERVICES_OF_KIND: Record<string, TodayItem['service'][]> = {
  station: ['station'],
  site: ['childcare'],
  committee: ['night-school', 'volunteer'],
  team: ['volunteer'],
};

const organizerRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/organizer/today',
    {
      preHandler: app.requireRole('organizer', 'admin'),
      schema: {
        tags: ['organizer'],
        summary: '组织者今日待办',
        security: [{ bearerAuth: [] }],
        response: { 200: TodaySchema, 401: ApiErrorSchema, 403: ApiErrorSchema },
      },
    },
    async (request) => {
      const auth = request.auth!;
      const orgIds = auth.role === 'admin' ? null : auth.orgIds;
      const date = beijingToday(app.now());
      const parts = await Promise.all(
        [stationToday, childcareToday, nightSchoolToday, volunteerToday].map((f) =>
          f(app.db, orgIds, date),
        ),
      );
      if (!orgIds) return { date, items: parts.flat() };
      // an organizer sees the services of the organizations they run, not empty rows of the others
      const kinds = await app.db.query<{ kind: string }>(
        'SELECT DISTINCT kind FROM organizations WHERE id = ANY($1::bigint[])',
        [orgIds],
      );
      const mine = new Set(kinds.flatMap((k) => SERVICES_OF_KIND[k.kind] ?? []));
      return { date, items: parts.flat().filter((i) => mine.has(i.service)) };
    },
  );
};

export default organizerRoutes;
