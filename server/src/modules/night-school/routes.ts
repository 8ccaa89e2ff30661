// HTTP only: schemas (a response per status code) and one service call per route.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { ApiErrorSchema } from '@/contract/errors';
import {
  AppealBodySchema,
  AppealSchema,
  ApplicationSchema,
  ApplyBodySchema,
  CheckinBodySchema,
  CheckinCodeSchema,
  CheckinResultSchema,
  PinCheckinBodySchema,
  CourseListQuerySchema,
  CourseListSchema,
  CourseSchema,
  CreateCourseBodySchema,
  CreateTermBodySchema,
  DecideAppealBodySchema,
  DrawSchema,
  IdParamsSchema,
  MarkAttendanceBodySchema,
  MyDrawSchema,
  MyNightSchoolSchema,
  PublicValueBodySchema,
  RosterSchema,
  SessionParamsSchema,
  TermSchema,
  TermStatsSchema,
  UpdateCourseBodySchema,
  UpdateTermBodySchema,
  type Term,
} from '@/contract/night-school';
import { auditRosterRead } from '../../lib/audit';
import { sendCsv } from '../../lib/csv';
import * as courses from './courses';
import * as attendance from './attendance';
import { RoundStatsSchema } from '@/contract/round-stats';
import { runOverdueDraw } from './draw';
import { enterPublicValue } from './draw-inputs';
import { getDraw, myDraw } from './public-draw';
import { termRoundStats } from './public-stats';
import { rosterCsv, rosterRead } from './roster-csv';
import * as service from './service';
import { pay } from './pay';
import { PaymentStartSchema } from '@/contract/payments';

const E = ApiErrorSchema;
const tags = ['night-school'];
const security = [{ bearerAuth: [] }];
const idem = Type.Object({ 'idempotency-key': Type.Optional(Type.String()) });

const nightSchoolRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const staff = { preHandler: app.requireRole('organizer', 'admin') };
  const resident = { preHandler: app.authenticate };

  // ---- public catalog, cached for a second (server/src/plugins/public-cache.ts); a term's phase
  // turns at its opening and closing, so a cached answer never outlives those instants
  const config = {
    publicCache: { turnsAt: (b: { term: Term | null }) => [b.term?.opensAt, b.term?.closesAt] },
  };
  app.get(
    '/courses',
    {
      config,
      schema: {
        tags,
        summary: '本学期课程（按类别、星期、区域筛选，按名称搜索）',
        querystring: CourseListQuerySchema,
        response: { 200: CourseListSchema, 400: E, 404: E },
      },
    },
    async (request) => service.listCourses(app, request.query),
  );

  app.get(
    '/courses/:id',
    {
      config,
      schema: {
        tags,
        summary: '课程详情',
        params: IdParamsSchema,
        response: { 200: Type.Object({ course: CourseSchema, term: TermSchema }), 404: E },
      },
    },
    async (request) => service.getCourse(app, request.params.id),
  );

  app.get(
    '/terms/:id',
    {
      schema: {
        tags,
        summary: '学期（含种子哈希；摇号后公开种子）',
        params: IdParamsSchema,
        response: { 200: TermSchema, 404: E },
      },
    },
    async (request) => service.getTerm(app, request.params.id),
  );

  // the public draw page: everyone checks their result the minute it is published; the draw is
  // fixed once run, so the second-long cache costs at most one second of delay after the draw
  app.get(
    '/terms/:id/draw',
    {
      config: { publicCache: true },
      schema: {
        tags,
        summary: '公开的摇号结果：种子、报名名单哈希、完整排序',
        params: IdParamsSchema,
        response: { 200: DrawSchema, 404: E },
      },
    },
    async (request) => getDraw(app, request.params.id),
  );

  app.get(
    '/terms/:id/stats',
    {
      config: { publicCache: true },
      schema: {
        tags,
        summary: '本轮公开统计：报名人数、名额、报名比、候补递补人数、最后一个名额被领走的时间',
        params: IdParamsSchema,
        response: { 200: RoundStatsSchema, 404: E },
      },
    },
    async (request) => termRoundStats(app, request.params.id),
  );

  app.get(
    '/terms/:id/draw/mine',
    {
      ...resident,
      schema: {
        tags,
        security,
        summary: '查我的号：我在本轮摇号中的代号与排位（只含本人）',
        params: IdParamsSchema,
        response: { 200: MyDrawSchema, 401: E, 404: E },
      },
    },
    async (request) => myDraw(app, request.auth!.id, request.params.id),
  );

  // ---- residents
  const applications = service.applyBatcher(app);
  app.post(
    '/applications',
    {
      // the rush endpoint: the token verified without a database read (the one statement checks
      // the user and the token version), then per-IP and per-user limits
      preHandler: [app.authenticateToken, ...app.rushLimit],
      schema: {
        tags,
        security,
        summary: '报名（支持 Idempotency-Key）',
        headers: idem,
        body: ApplyBodySchema,
        response: {
          201: ApplicationSchema,
          400: E,
          401: E,
          403: E,
          404: E,
          409: E,
          422: E,
          429: E,
          503: E,
        },
      },
    },
    async (request, reply) => {
      // one statement: the key is claimed and the answer stored in the same call (service.apply),
      // shared with the taps for the same course that arrived meanwhile (service.applyBatcher)
      const claim = app.idempotencyClaim(request);
      const r = await service.apply(
        app,
        applications,
        request.tokenUser!,
        request.body.courseId,
        claim,
      );
      if (r.replayed) reply.header('idempotent-replayed', 'true');
      return reply.code(201).send(r.body);
    },
  );

  app.post(
    '/applications/:id/withdraw',
    {
      ...resident,
      schema: {
        tags,
        security,
        summary: '撤回报名 / 退出候补 / 放弃名额',
        params: IdParamsSchema,
        response: { 200: ApplicationSchema, 401: E, 404: E, 409: E },
      },
    },
    async (request) => service.withdraw(app, request.auth!.id, request.params.id),
  );

  app.post(
    '/applications/:id/confirm',
    {
      ...resident,
      schema: {
        tags,
        security,
        summary: '确认名额（期限内）',
        params: IdParamsSchema,
        response: { 200: ApplicationSchema, 401: E, 404: E, 409: E },
      },
    },
    async (request) => service.confirm(app, request.auth!.id, request.params.id),
  );

  app.post(
    '/applications/:id/pay',
    {
      ...resident,
      schema: {
        tags,
        security,
        summary: '去支付：收费课程的名额在支付时限内保留（待支付），返回 requestPayment 参数',
        params: IdParamsSchema,
        response: { 200: PaymentStartSchema, 401: E, 404: E, 409: E, 503: E },
      },
    },
    async (request) => pay(app, request.auth!.id, request.params.id),
  );

  app.post(
    '/applications/:id/decline',
    {
      ...resident,
      schema: {
        tags,
        security,
        summary: '放弃名额（顺延给候补，不再排队）',
        params: IdParamsSchema,
        response: { 200: ApplicationSchema, 401: E, 404: E, 409: E },
      },
    },
    async (request) => service.decline(app, request.auth!.id, request.params.id),
  );

  app.get(
    '/me',
    {
      ...resident,
      schema: {
        tags,
        security,
        summary: '我的夜校：报名、结果、待确认名额、课次与出勤',
        response: { 200: MyNightSchoolSchema, 401: E },
      },
    },
    async (request) => service.mine(app, request.auth!.id),
  );

  app.post(
    '/checkins',
    {
      ...resident,
      schema: {
        tags,
        security,
        summary: '扫码签到',
        body: CheckinBodySchema,
        response: { 200: CheckinResultSchema, 400: E, 401: E, 403: E, 409: E, 410: E },
      },
    },
    async (request) => attendance.checkIn(app, request.auth!.id, request.body.code),
  );

  app.post(
    '/checkins/pin',
    {
      // every try counts, per IP and per person: six digits must not be guessable by script
      preHandler: [app.authenticate, ...app.abuseLimit.checkinPin.preHandlers],
      schema: {
        tags,
        security,
        summary: '输入6位签到码签到（H5）',
        body: PinCheckinBodySchema,
        response: { 200: CheckinResultSchema, 400: E, 401: E, 403: E, 404: E, 409: E, 429: E },
      },
    },
    async (request) =>
      attendance.checkInByPin(app, request.auth!.id, request.body.courseId, request.body.pin),
  );

  app.post(
    '/appeals',
    {
      ...resident,
      schema: {
        tags,
        security,
        summary: '对缺勤限制提出申诉',
        body: AppealBodySchema,
        response: { 201: AppealSchema, 400: E, 401: E, 409: E },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await service.appeal(app, request.auth!.id, request.body.reason)),
  );

  // ---- organizers
  app.get(
    '/admin/appeals',
    {
      ...staff,
      schema: {
        tags,
        security,
        summary: '缺勤申诉',
        response: { 200: Type.Object({ items: Type.Array(AppealSchema) }), 401: E, 403: E },
      },
    },
    async (request) => ({ items: await service.listAppeals(app, request.auth!) }),
  );

  app.post(
    '/admin/appeals/:id/decision',
    {
      ...staff,
      schema: {
        tags,
        security,
        summary: '处理申诉（通过则解除限制）',
        params: IdParamsSchema,
        body: DecideAppealBodySchema,
        response: { 200: AppealSchema, 400: E, 401: E, 403: E, 404: E, 409: E },
      },
    },
    async (request) =>
      service.decideAppeal(app, request.auth!, request.params.id, request.body.decision),
  );

  app.get(
    '/admin/terms',
    {
      ...staff,
      schema: {
        tags,
        security,
        summary: '我管理的学期',
        response: { 200: Type.Object({ items: Type.Array(TermSchema) }), 401: E, 403: E },
      },
    },
    async (request) => ({ items: await service.listTerms(app, request.auth!) }),
  );

  app.post(
    '/admin/terms',
    {
      ...staff,
      schema: {
        tags,
        security,
        summary: '新建学期（报名时间窗、分配方式、每人上限、年龄范围）',
        body: CreateTermBodySchema,
        response: { 201: TermSchema, 400: E, 401: E, 403: E, 404: E },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await service.createTerm(app, request.auth!, request.body)),
  );

  app.patch(
    '/admin/terms/:id',
    {
      ...staff,
      schema: {
        tags,
        security,
        summary: '修改学期（名称、截止时间、每人上限、确认时限、缺勤上限、年龄范围）',
        params: IdParamsSchema,
        body: UpdateTermBodySchema,
        response: { 200: TermSchema, 400: E, 401: E, 403: E, 404: E, 409: E },
      },
    },
    async (request) => service.updateTerm(app, request.auth!, request.params.id, request.body),
  );

  app.post(
    '/admin/terms/:id/courses',
    {
      ...staff,
      schema: {
        tags,
        security,
        summary: '新建课程',
        params: IdParamsSchema,
        body: CreateCourseBodySchema,
        response: { 201: CourseSchema, 400: E, 401: E, 403: E, 404: E },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await courses.createCourse(app, request.auth!, request.params.id, request.body)),
  );

  app.patch(
    '/admin/courses/:id',
    {
      ...staff,
      schema: {
        tags,
        security,
        summary: '修改课程（名额不能低于已占名额；开课后不能改时间；改时间或地点会通知学员）',
        params: IdParamsSchema,
        body: UpdateCourseBodySchema,
        response: { 200: CourseSchema, 400: E, 401: E, 403: E, 404: E, 409: E },
      },
    },
    async (request) => courses.updateCourse(app, request.auth!, request.params.id, request.body),
  );

  app.post(
    '/admin/terms/:id/draw',
    {
      ...staff,
      schema: {
        tags,
        security,
        summary: '补摇：公布的摇号时间已过而未摇时，由管理员执行（记入审计）',
        params: IdParamsSchema,
        response: { 200: DrawSchema, 401: E, 403: E, 404: E, 409: E },
      },
    },
    async (request) => runOverdueDraw(app, request.auth!, request.params.id),
  );

  app.post(
    '/admin/terms/:id/public-value',
    {
      ...staff,
      schema: {
        tags,
        security,
        summary: '录入报名截止后公布的公开随机数（须由建学期以外的另一位工作人员录入，只能录一次）',
        params: IdParamsSchema,
        body: PublicValueBodySchema,
        response: { 200: TermSchema, 400: E, 401: E, 403: E, 404: E, 409: E },
      },
    },
    async (request) => enterPublicValue(app, request.auth!, request.params.id, request.body),
  );

  app.get(
    '/admin/terms/:id/stats',
    {
      ...staff,
      schema: {
        tags,
        security,
        summary: '本轮统计：报名人数、名额、报名比',
        params: IdParamsSchema,
        response: { 200: TermStatsSchema, 401: E, 403: E, 404: E },
      },
    },
    async (request) => service.termStats(app, request.auth!, request.params.id),
  );

  app.get(
    '/admin/courses/:id/roster',
    {
      ...staff,
      schema: {
        tags,
        security,
        summary: '课程名单',
        params: IdParamsSchema,
        response: { 200: RosterSchema, 401: E, 403: E, 404: E },
      },
    },
    async (request) => {
      const roster = await service.roster(app, request.auth!, request.params.id);
      await auditRosterRead(app, request.auth!, 'view', rosterRead(roster));
      return roster;
    },
  );

  app.get(
    '/admin/courses/:id/roster.csv',
    {
      ...staff,
      schema: {
        tags,
        security,
        summary: '导出课程名单（CSV，Excel 可直接打开）',
        params: IdParamsSchema,
        response: { 401: E, 403: E, 404: E },
      },
    },
    async (request, reply) => {
      const roster = await service.roster(app, request.auth!, request.params.id);
      await auditRosterRead(app, request.auth!, 'export', rosterRead(roster));
      return sendCsv(reply, `${roster.course.title}-名单.csv`, rosterCsv(roster));
    },
  );

  app.get(
    '/admin/courses/:id/sessions/:no/code',
    {
      ...staff,
      schema: {
        tags,
        security,
        summary: '本次课签到二维码（轮换）',
        params: SessionParamsSchema,
        response: { 200: CheckinCodeSchema, 401: E, 403: E, 404: E },
      },
    },
    async (request) =>
      attendance.checkinCode(app, request.auth!, request.params.id, request.params.no),
  );

  app.put(
    '/admin/courses/:id/sessions/:no/attendance',
    {
      ...staff,
      schema: {
        tags,
        security,
        summary: '手动记录出勤',
        params: SessionParamsSchema,
        body: MarkAttendanceBodySchema,
        response: {
          200: Type.Object({ ok: Type.Literal(true) }),
          400: E,
          401: E,
          403: E,
          404: E,
          409: E,
        },
      },
    },
    async (request) =>
      attendance.markByHand(
        app,
        request.auth!,
        request.params.id,
        request.params.no,
        request.body.userId,
        request.body.status,
      ),
  );
};

export default nightSchoolRoutes;
