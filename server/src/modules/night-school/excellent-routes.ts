// 优秀学员 over HTTP: staff pick and list per term; the learner lists and redeems their awards.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { ApiErrorSchema } from '@/contract/errors';
import { IdParamsSchema } from '@/contract/night-school';
import {
  MyAwardSchema,
  RedeemAwardBodySchema,
  TermAwardsSchema,
} from '@/contract/excellent-awards';
import * as excellent from './excellent';

const E = ApiErrorSchema;
const tags = ['night-school'];
const security = [{ bearerAuth: [] }];

const excellentRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const staff = { preHandler: app.requireRole('organizer', 'admin') };
  const resident = { preHandler: app.authenticate };

  app.get(
    '/admin/terms/:id/excellent-learners',
    {
      ...staff,
      schema: {
        tags,
        security,
        summary: '本学期各课程的优秀学员',
        params: IdParamsSchema,
        response: { 200: TermAwardsSchema, 401: E, 403: E, 404: E },
      },
    },
    async (request) => excellent.listTermAwards(app, request.auth!, request.params.id),
  );

  app.post(
    '/admin/terms/:id/excellent-learners',
    {
      ...staff,
      schema: {
        tags,
        security,
        summary: '学期结束后按公布的规则评选优秀学员（每门课 1 名，重复评选不改变已选结果）',
        params: IdParamsSchema,
        response: { 200: TermAwardsSchema, 401: E, 403: E, 404: E, 409: E },
      },
    },
    async (request) => excellent.pickTerm(app, request.auth!, request.params.id),
  );

  app.get(
    '/excellent-awards',
    {
      ...resident,
      schema: {
        tags,
        security,
        summary: '我的优秀学员名额',
        response: { 200: Type.Object({ items: Type.Array(MyAwardSchema) }), 401: E },
      },
    },
    async (request) => ({ items: await excellent.myAwards(app, request.auth!.id) }),
  );

  app.post(
    '/excellent-awards/:id/redeem',
    {
      ...resident,
      schema: {
        tags,
        security,
        summary: '用优秀学员名额免抽签选 1 门下学期课程',
        params: IdParamsSchema,
        body: RedeemAwardBodySchema,
        response: { 200: MyAwardSchema, 400: E, 401: E, 403: E, 404: E, 409: E },
      },
    },
    async (request) =>
      excellent.redeem(app, request.auth!.id, request.params.id, request.body.courseId),
  );
};

export default excellentRoutes;
