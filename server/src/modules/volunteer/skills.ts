// A volunteer's skills (急救, 手语, 外语…), kept in volunteer_profiles: the task list puts the
// shifts that ask for one of them first. Entered by the volunteer, trimmed and de-duplicated.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ApiErrorSchema } from '@/contract/errors';
import { SkillsSchema } from '@/contract/volunteer';
import type { Queryable } from '../../db/db';

export async function skillsOf(db: Queryable, userId: string | null): Promise<string[]> {
  if (!userId) return [];
  const [row] = await db.query<{ skills: string[] }>(
    'SELECT skills FROM volunteer_profiles WHERE user_id = $1',
    [userId],
  );
  return row?.skills ?? [];
}

const E = ApiErrorSchema;
const tags = ['volunteer'];
const security = [{ bearerAuth: [] }];

export const skillRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const auth = { preHandler: app.authenticate };

  app.get(
    '/me/skills',
    {
      ...auth,
      schema: { tags, security, summary: '我的志愿技能', response: { 200: SkillsSchema, 401: E } },
    },
    async (request) => ({ skills: await skillsOf(app.db, request.auth!.id) }),
  );

  app.put(
    '/me/skills',
    {
      ...auth,
      schema: {
        tags,
        security,
        summary: '填写我的志愿技能（匹配的班次排在前面）',
        body: SkillsSchema,
        response: { 200: SkillsSchema, 400: E, 401: E },
      },
    },
    async (request) => {
      const skills = [...new Set(request.body.skills.map((k) => k.trim()).filter(Boolean))];
      await app.db.query(
        `INSERT INTO volunteer_profiles (user_id, skills, updated_at) VALUES ($1, $2, $3)
         ON CONFLICT (user_id) DO UPDATE SET skills = excluded.skills, updated_at = excluded.updated_at`,
        [request.auth!.id, skills, app.now().toISOString()],
      );
      return { skills };
    },
  );
};
