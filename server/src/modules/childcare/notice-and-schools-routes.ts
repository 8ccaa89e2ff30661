// Routes of the family's eligibility: 家长须知 agreed to by the parent, the school list by the
// committee (programmes are the district's, like their periods).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  IdParamsSchema,
  NoticeAcceptanceSchema,
  ProgrammeSchema,
  SetLocalSchoolsBodySchema,
} from '@/contract/childcare';
import { ApiErrorSchema as E } from '@/contract/errors';
import * as svc from './notice-and-schools';

const auth = [{ bearerAuth: [] }];
const tags = ['childcare'];

const noticeAndSchoolsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/programmes/:id/notice-acceptance',
    {
      preHandler: app.authenticate,
      schema: {
        tags,
        summary: '我是否已同意该项目的家长须知',
        security: auth,
        params: IdParamsSchema,
        response: { 200: NoticeAcceptanceSchema, 400: E, 401: E, 404: E },
      },
    },
    async (request) => svc.noticeAcceptance(app, request.params.id, request.auth!.id),
  );
  app.post(
    '/programmes/:id/notice-acceptance',
    {
      preHandler: app.authenticate,
      schema: {
        tags,
        summary: '同意家长须知（报名前一次，须知更新后需重新同意）',
        security: auth,
        params: IdParamsSchema,
        response: { 200: NoticeAcceptanceSchema, 400: E, 401: E, 404: E },
      },
    },
    async (request) => svc.acceptNotice(app, request.params.id, request.auth!.id),
  );
  app.put(
    '/programmes/:id/local-schools',
    {
      preHandler: app.requireRole('admin'),
      schema: {
        tags,
        summary: '设置招收学校名单（空名单：不限学校）',
        security: auth,
        params: IdParamsSchema,
        body: SetLocalSchoolsBodySchema,
        response: { 200: ProgrammeSchema, 400: E, 401: E, 403: E, 404: E },
      },
    },
    async (request) =>
      svc.setLocalSchools(app, request.auth!, request.params.id, request.body.schools),
  );
};

export default noticeAndSchoolsRoutes;
