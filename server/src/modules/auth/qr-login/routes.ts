import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ApiErrorSchema } from '@/contract/errors';
import {
  QrDecisionSchema,
  QrPollBodySchema,
  QrPollResultSchema,
  QrTicketInfoSchema,
  QrTicketParamsSchema,
  QrTicketSchema,
} from '@/contract/qr-login';
import { tooMany } from '../../../plugins/rate-limit';
import * as qr from './service';

/** Tickets per minute per address: a login page asks for one every 2 minutes, a script for thousands. */
export const QR_TICKETS_PER_IP_PER_MIN = 10;

const errors = {
  400: ApiErrorSchema,
  401: ApiErrorSchema,
  403: ApiErrorSchema,
  404: ApiErrorSchema,
  409: ApiErrorSchema,
  410: ApiErrorSchema,
  429: ApiErrorSchema,
};
const phone = { tags: ['auth'], security: [{ bearerAuth: [] }] };

const qrLoginRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const perIp = app.createRateLimit({
    max: QR_TICKETS_PER_IP_PER_MIN,
    timeWindow: 60_000,
    keyGenerator: (req) => `qr-login:${req.ip}`,
  });
  const staff = app.requireRole('organizer', 'admin');

  app.post(
    '/auth/qr',
    {
      schema: {
        tags: ['auth'],
        summary: '扫码登录：电脑端申请二维码（2 分钟有效）',
        response: { 200: QrTicketSchema, ...errors },
      },
      preHandler: async (request, reply) => {
        const result = await perIp(request);
        if (!result.isAllowed && result.isExceeded) {
          reply.header('retry-after', String(result.ttlInSeconds));
          throw tooMany(result.ttl);
        }
      },
    },
    async (request) =>
      qr.createTicket(app, { ip: request.ip, userAgent: request.headers['user-agent'] ?? '' }),
  );

  app.post(
    '/auth/qr/poll',
    {
      schema: {
        tags: ['auth'],
        summary: '扫码登录：电脑端凭密钥查询结果，确认后领取 12 小时会话（仅一次）',
        body: QrPollBodySchema,
        response: { 200: QrPollResultSchema, ...errors },
      },
    },
    async (request) => qr.poll(app, request.body.ticket, request.body.secret),
  );

  app.get(
    '/auth/qr/:ticket',
    {
      schema: {
        ...phone,
        summary: '扫码登录：手机端查看待登录的电脑（组织者/管理员）',
        params: QrTicketParamsSchema,
        response: { 200: QrTicketInfoSchema, ...errors },
      },
      preHandler: staff,
    },
    async (request) => qr.ticketInfo(app, request.params.ticket),
  );

  app.post(
    '/auth/qr/:ticket/confirm',
    {
      schema: {
        ...phone,
        summary: '扫码登录：手机端确认登录（组织者/管理员）',
        params: QrTicketParamsSchema,
        response: { 200: QrDecisionSchema, ...errors },
      },
      preHandler: staff,
    },
    async (request) => qr.decide(app, request.auth!, request.params.ticket, true),
  );

  app.post(
    '/auth/qr/:ticket/refuse',
    {
      schema: {
        ...phone,
        summary: '扫码登录：手机端拒绝登录（组织者/管理员）',
        params: QrTicketParamsSchema,
        response: { 200: QrDecisionSchema, ...errors },
      },
      preHandler: staff,
    },
    async (request) => qr.decide(app, request.auth!, request.params.ticket, false),
  );
};

export default qrLoginRoutes;
