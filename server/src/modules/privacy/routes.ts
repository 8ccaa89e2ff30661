import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  DataExportSchema,
  DeleteAccountBodySchema,
  DeleteAccountResultSchema,
} from '@/contract/privacy';
import { ApiErrorSchema } from '@/contract/errors';
import { deleteAccount, exportData } from './service';

const auth = { tags: ['privacy'], security: [{ bearerAuth: [] }] };

const privacyRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.addHook('preHandler', app.authenticate);

  app.get(
    '/me/data-export',
    {
      schema: {
        ...auth,
        summary: '下载我的数据（JSON，含孩子资料，不含他人个人信息）',
        response: { 200: DataExportSchema, 401: ApiErrorSchema },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      reply.header('content-disposition', 'attachment; filename="youth-hub-my-data.json"');
      return exportData(app, request.auth!.id);
    },
  );

  app.delete(
    '/me',
    {
      schema: {
        ...auth,
        summary: '注销账号：释放全部名额，删除个人信息，审计记录保留但不再关联到本人',
        body: DeleteAccountBodySchema,
        response: {
          200: DeleteAccountResultSchema,
          400: ApiErrorSchema,
          401: ApiErrorSchema,
          403: ApiErrorSchema,
          409: ApiErrorSchema,
        },
      },
    },
    async (request) => deleteAccount(app, request.auth!),
  );
};

export default privacyRoutes;
