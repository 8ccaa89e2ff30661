import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { DevLoginBodySchema, SessionSchema, WechatLoginBodySchema } from '@/contract/account';
import { ApiErrorSchema } from '@/contract/errors';
import { loginForDev, loginWithWechat } from './service';

const errors = { 400: ApiErrorSchema, 401: ApiErrorSchema, 403: ApiErrorSchema, 429: ApiErrorSchema, 503: ApiErrorSchema };

const authRoutes: FastifyPluginAsyncTypebox<{ devLogin: boolean }> = async (app, { devLogin }) => {
  app.post(
    '/auth/wechat',
    {
      schema: {
        tags: ['auth'],
        summary: '微信登录：用 wx.login 的 code 换取会话',
        body: WechatLoginBodySchema,
        response: { 200: SessionSchema, ...errors },
      },
    },
    async (request) => loginWithWechat(app, request.body.code),
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
      async (request) => loginForDev(app, request.body.openid, request.body.role, request.body.orgKind),
    );
  }
};

export default authRoutes;
