// Routes of 费用减免 under /childcare/reductions: the family applies and follows its applications;
// the committee (admin) lists and decides them.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import {
  ApplyReductionBodySchema,
  DecideReductionBodySchema,
  ReductionListSchema,
  ReductionQuerySchema,
  ReductionSchema,
} from '@/contract/fee-reductions';
import { ApiErrorSchema as E } from '@/contract/errors';
import * as svc from './service';

const auth = [{ bearerAuth: [] }];
const tags = ['childcare'];
const IdParams = Type.Object({ id: Type.String({ pattern: '^[0-9]{1,18}$' }) });

const feeReductionRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const committee = app.requireRole('admin');
  app.post(
    '/',
    {
      preHandler: app.authenticate,
      schema: {
        tags,
        summary: '申请费用减免（困难家庭；可附证明图片）',
        security: auth,
        body: ApplyReductionBodySchema,
        response: { 201: ReductionSchema, 400: E, 401: E, 404: E, 409: E },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await svc.apply(app, request.auth!, request.body)),
  );
  app.get(
    '/mine',
    {
      preHandler: app.authenticate,
      schema: {
        tags,
        summary: '我家孩子的减免申请',
        security: auth,
        response: { 200: ReductionListSchema, 401: E },
      },
    },
    async (request) => svc.mine(app, request.auth!.id),
  );
  app.post(
    '/:id/withdraw',
    {
      preHandler: app.authenticate,
      schema: {
        tags,
        summary: '撤回尚未处理的申请',
        security: auth,
        params: IdParams,
        response: { 200: ReductionSchema, 400: E, 401: E, 404: E, 409: E },
      },
    },
    async (request) => svc.withdraw(app, request.auth!.id, request.params.id),
  );
  app.get(
    '/',
    {
      preHandler: committee,
      schema: {
        tags,
        summary: '减免申请（团区委审核）',
        security: auth,
        querystring: ReductionQuerySchema,
        response: { 200: ReductionListSchema, 400: E, 401: E, 403: E },
      },
    },
    async (request) => svc.list(app, request.query),
  );
  app.post(
    '/:id/decision',
    {
      preHandler: committee,
      schema: {
        tags,
        summary: '审核减免：通过（减免比例，100 为全免）或不予减免（写明原因）',
        security: auth,
        params: IdParams,
        body: DecideReductionBodySchema,
        response: { 200: ReductionSchema, 400: E, 401: E, 403: E, 404: E, 409: E },
      },
    },
    async (request) => svc.decide(app, request.auth!, request.params.id, request.body),
  );
};

export default feeReductionRoutes;
