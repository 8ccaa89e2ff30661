import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { MeSchema, UpdateMeBodySchema, WechatPhoneBodySchema } from '@/contract/account';
import { ApiErrorSchema } from '@/contract/errors';
import { UpcomingListSchema } from '@/contract/upcoming';
import { getMe, updateMe } from './service';
import { upcoming } from './upcoming';
import { verifyPhoneWithWechat } from './wechat-phone';

const meRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.addHook('preHandler', app.authenticate);

  app.get(
    '/me',
    {
      schema: {
        tags: ['me'],
        summary: '我的资料（敏感信息已脱敏）',
        security: [{ bearerAuth: [] }],
        response: { 200: MeSchema, 401: ApiErrorSchema },
      },
    },
    async (request) => getMe(app, request.auth!.id),
  );

  app.get(
    '/me/upcoming',
    {
      schema: {
        tags: ['me'],
        summary: '即将开始：30天内的入住、托班、夜校课和志愿班次',
        security: [{ bearerAuth: [] }],
        response: { 200: UpcomingListSchema, 401: ApiErrorSchema },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return { items: await upcoming(app, request.auth!.id) };
    },
  );

  app.put(
    '/me',
    {
      preHandler: app.abuseLimit.profile.preHandlers,
      schema: {
        tags: ['me'],
        summary: '更新实名资料：姓名、手机号、身份证号',
        security: [{ bearerAuth: [] }],
        body: UpdateMeBodySchema,
        response: { 200: MeSchema, 400: ApiErrorSchema, 401: ApiErrorSchema, 429: ApiErrorSchema },
      },
    },
    async (request) => updateMe(app, request.auth!.id, request.body),
  );

  app.post(
    '/me/phone/wechat',
    {
      // each call is a WeChat round trip and changes the profile: the profile's limit
      preHandler: app.abuseLimit.profile.preHandlers,
      schema: {
        tags: ['me'],
        summary: '手机号快速验证：用 getPhoneNumber 的 code 换取微信验证过的手机号',
        security: [{ bearerAuth: [] }],
        body: WechatPhoneBodySchema,
        response: {
          200: MeSchema,
          400: ApiErrorSchema,
          401: ApiErrorSchema,
          429: ApiErrorSchema,
          503: ApiErrorSchema,
        },
      },
    },
    async (request) => verifyPhoneWithWechat(app, request.auth!.id, request.body.code),
  );
};

export default meRoutes;
