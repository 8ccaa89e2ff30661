// The organizer's pick of a named volunteer for a 点单 request: people who have volunteered (a
// sign-up, a team membership or skills entered), found by part of the name, the phone's last four
// digits or a skill, and shown masked — the committee picks a person, it does not read a register.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ApiErrorSchema } from '@/contract/errors';
import { maskName } from '@/contract/volunteer-rules';
import {
  VolunteerPickListSchema,
  VolunteerSearchQuerySchema,
  type VolunteerPick,
} from '@/contract/volunteer';
import type { Queryable } from '../../db/db';

const LIMIT = 20;

interface Row {
  id: string;
  name: string | null;
  phone_masked: string | null;
  skills: string[] | null;
  teams: string[] | null;
}

export async function searchVolunteers(db: Queryable, q: string): Promise<VolunteerPick[]> {
  const term = q.trim();
  const rows = await db.query<Row>(
    `SELECT u.id::text AS id, u.name, u.phone_masked, p.skills,
            ARRAY(SELECT o.name FROM volunteer_team_members m JOIN organizations o ON o.id = m.team_id
                   WHERE m.user_id = u.id AND m.status = 'approved' ORDER BY o.name) AS teams
       FROM users u LEFT JOIN volunteer_profiles p ON p.user_id = u.id
      WHERE u.deleted_at IS NULL AND u.name IS NOT NULL
        AND (p.user_id IS NOT NULL
             OR EXISTS (SELECT 1 FROM volunteer_signups s WHERE s.user_id = u.id)
             OR EXISTS (SELECT 1 FROM volunteer_team_members m WHERE m.user_id = u.id AND m.status = 'approved'))
        AND ($1 = ''
             OR strpos(u.name, $1) > 0
             OR ($1 ~ '^[0-9]{4}$' AND right(u.phone_masked, 4) = $1)
             OR $1 = ANY(coalesce(p.skills, '{}')))
      ORDER BY u.name, u.id LIMIT ${LIMIT}`,
    [term],
  );
  return rows.map((r) => ({
    id: r.id,
    nameMasked: maskName(r.name),
    phoneMasked: r.phone_masked,
    skills: r.skills ?? [],
    teams: r.teams ?? [],
  }));
}

export const directoryRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/volunteers',
    {
      preHandler: app.requireRole('organizer', 'admin'),
      schema: {
        tags: ['volunteer'],
        security: [{ bearerAuth: [] }],
        summary: '查找志愿者（派单给指定志愿者；姓名、手机号脱敏）',
        querystring: VolunteerSearchQuerySchema,
        response: {
          200: VolunteerPickListSchema,
          400: ApiErrorSchema,
          401: ApiErrorSchema,
          403: ApiErrorSchema,
        },
      },
    },
    async (request) => ({ items: await searchVolunteers(app.db, request.query.q ?? '') }),
  );
};
