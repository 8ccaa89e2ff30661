import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { OrgListQuerySchema, OrgListSchema } from '@/contract/account';
import { ApiErrorSchema } from '@/contract/errors';
import { listOrgs } from './repo';

// Read-only and public: the service pages show stations, sites and teams before login.
const orgRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/orgs',
    {
      schema: {
        tags: ['orgs'],
        summary: '组织列表：团区委、驿站、托班点、志愿队',
        querystring: OrgListQuerySchema,
        response: { 200: OrgListSchema, 400: ApiErrorSchema },
      },
    },
    async (request) => ({ items: await listOrgs(app.db, request.query.kind) }),
  );
};

export default orgRoutes;
