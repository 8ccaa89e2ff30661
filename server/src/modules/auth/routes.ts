import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { DevLoginBodySchema, SessionSchema, WechatLoginBodySchema } from '@/contract/account';
import { ApiErrorSchema } from '@/contract/errors';
import { loginForDev, loginWithWechat, logout } from './service';

const errors = {
  400: ApiErrorSchema,
  401: ApiErrorSchema,
  403: ApiErrorSchema,
  429: ApiErrorSchema,
  503: ApiErrorSchema,
};

const authRoutes: FastifyPluginAsyncTypebox<{ devLogin: boolean }> = async (app, { devLogin }) => {
  app.post(
    '/auth/wechat',
    {
      preHandler: app.abuseLimit.login.perIp,
      schema: {
        tags: ['auth'],
        summary: '微信登录：用 wx.login 的 code 换取会话',
        body: WechatLoginBodySchema,
        response: { 200: SessionSchema, ...errors },
      },
    },
    async (request, reply) =>
      loginWithWechat(app, request.body.code, (openid) =>
        app.abuseLimit.login.perUser(request, reply, openid),
      ),
  );

  app.post(
    '/auth/logout',
    {
      preHandler: app.authenticate,
      schema: {
        tags: ['auth'],
        summary: '退出登录：此前签发的所有登录凭证立即失效',
        security: [{ bearerAuth: [] }],
        response: { 204: Type.Null(), 401: ApiErrorSchema },
      },
    },
    async (request, reply) => {
      await logout(app, request.auth!.id);
      return reply.code(204).send(null);
    },
  );

  // Not registered at all unless DEV_LOGIN=1 (buildApp refuses it in production).
  if (devLogin) {
    app.post(
      '/auth/dev',
      {
        schema: {
          tags: ['auth'],
          summary: '开发登录（仅开发/测试环境）',
          body: DevLoginBodySchema,
          response: { 200: SessionSchema, 400: ApiErrorSchema },
        },
      },
      async (request) =>
        loginForDev(app, request.body.openid, request.body.role, request.body.orgKind),
    );
  }
};

export default authRoutes;
