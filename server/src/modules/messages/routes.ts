import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import {
  GrantBodySchema,
  GrantResultSchema,
  MessageListQuerySchema,
  MessageListSchema,
  MessageParamsSchema,
  SubscribeTemplatesSchema,
  UnreadSchema,
} from '@/contract/messages';
import { ApiErrorSchema } from '@/contract/errors';
import * as messages from './service';

const auth = { tags: ['messages'], security: [{ bearerAuth: [] }] };
const Ok = Type.Object({ ok: Type.Boolean() });

const messageRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.addHook('preHandler', app.authenticate);

  app.get(
    '/messages',
    {
      schema: {
        ...auth,
        summary: '我的消息',
        querystring: MessageListQuerySchema,
        response: { 200: MessageListSchema, 401: ApiErrorSchema },
      },
    },
    async (request) =>
      messages.listMessages(
        app,
        request.auth!.id,
        request.query.before ?? null,
        request.query.limit ?? 20,
      ),
  );

  app.get(
    '/messages/unread-count',
    {
      schema: {
        ...auth,
        summary: '未读消息数（标签栏角标）',
        response: { 200: UnreadSchema, 401: ApiErrorSchema },
      },
    },
    async (request) => ({ unread: await messages.unreadCount(app, request.auth!.id) }),
  );

  app.post(
    '/messages/:id/read',
    {
      schema: {
        ...auth,
        summary: '标为已读',
        params: MessageParamsSchema,
        response: { 200: Ok, 401: ApiErrorSchema, 404: ApiErrorSchema },
      },
    },
    async (request) => {
      await messages.markRead(app, request.auth!.id, request.params.id);
      return { ok: true };
    },
  );

  app.post(
    '/messages/read-all',
    { schema: { ...auth, summary: '全部标为已读', response: { 200: Ok, 401: ApiErrorSchema } } },
    async (request) => {
      await messages.markAllRead(app, request.auth!.id);
      return { ok: true };
    },
  );

  app.get(
    '/messages/templates',
    {
      schema: {
        ...auth,
        summary: '可订阅的消息模板',
        response: { 200: SubscribeTemplatesSchema, 401: ApiErrorSchema },
      },
    },
    async () => ({ templates: messages.configuredTemplates(app) }),
  );

  app.post(
    '/messages/grants',
    {
      schema: {
        ...auth,
        summary: '记录用户同意的一次性订阅（每次授权只发一条）',
        body: GrantBodySchema,
        response: { 200: GrantResultSchema, 400: ApiErrorSchema, 401: ApiErrorSchema },
      },
    },
    async (request) => ({
      granted: await messages.recordGrants(app, request.auth!.id, request.body.kinds),
    }),
  );
};

export default messageRoutes;
