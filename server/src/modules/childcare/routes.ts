// HTTP of 爱心暑托班: each route validates, calls one service function and answers.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { RoundStatsSchema } from '@/contract/round-stats';
import { programmeRoundStats } from './public-stats';
import { Type } from '@sinclair/typebox';
import {
  AttendanceBodySchema,
  AttendanceListSchema,
  AttendanceRecordSchema,
  CareChildListSchema,
  CareChildSchema,
  ClassDetailSchema,
  ClassSchema,
  CountsQuerySchema,
  CountsSchema,
  CreateClassBodySchema,
  CreateGuardianBodySchema,
  CreatePeriodBodySchema,
  CreateProgrammeBodySchema,
  CreateNoticeBodySchema,
  EnrollBodySchema,
  NoticeSchema,
  EnrollResultSchema,
  EnrollmentActionResultSchema,
  GuardianParamsSchema,
  GuardianSchema,
  IdParamsSchema,
  MyEnrollmentListSchema,
  PeriodSchema,
  ProgrammeDetailSchema,
  ProgrammeListSchema,
  ProgrammeSchema,
  RosterSchema,
  StaffClassListSchema,
  UncollectedListSchema,
  UpdateCareProfileBodySchema,
  UpdateClassBodySchema,
} from '@/contract/childcare';
import { ApiErrorSchema } from '@/contract/errors';
import { auditRosterRead } from '../../lib/audit';
import { sendCsv } from '../../lib/csv';
import { addLimit, GUARDIAN_ADD_LIMITS } from '../children/add-limit';
import { attendanceCsv, attendanceRead, rosterCsv, rosterRead } from './csv-exports';
import * as svc from './service';

const E = ApiErrorSchema;
const auth = [{ bearerAuth: [] }];
const idemHeaders = Type.Object({ 'idempotency-key': Type.Optional(Type.String()) });
const tags = ['childcare'];

const childcareRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const staff = app.requireRole('organizer', 'admin');
  // Programmes and their periods are the district's calendar for every site: the committee (admin)
  // sets them; site staff add and adjust classes at their own sites.
  const districtAdmin = app.requireRole('admin');
  const guardianAddLimit = addLimit(app, 'guardian-add', GUARDIAN_ADD_LIMITS);

  // ---- public catalogue (cached for a second: server/src/plugins/public-cache.ts)
  const config = { publicCache: true } as const;
  app.get(
    '/programmes',
    { config, schema: { tags, summary: '托班项目列表', response: { 200: ProgrammeListSchema } } },
    async () => svc.listProgrammes(app),
  );
  app.get(
    '/programmes/:id',
    {
      config,
      schema: {
        tags,
        summary: '项目详情：期次 × 托班点 × 班级',
        params: IdParamsSchema,
        response: { 200: ProgrammeDetailSchema, 400: E, 404: E },
      },
    },
    async (request) => svc.programmeDetail(app, request.params.id),
  );
  app.get(
    '/programmes/:id/stats',
    {
      config,
      schema: {
        tags,
        summary: '报名统计：报名人数、名额、报名比、候补递补人数、最后一个名额被领走的时间',
        params: IdParamsSchema,
        response: { 200: RoundStatsSchema, 400: E, 404: E },
      },
    },
    async (request) => programmeRoundStats(app, request.params.id),
  );
  app.get(
    '/classes/:id',
    {
      config,
      schema: {
        tags,
        summary: '班级详情',
        params: IdParamsSchema,
        response: { 200: ClassDetailSchema, 400: E, 404: E },
      },
    },
    async (request) => svc.classDetail(app, request.params.id),
  );

  // ---- parents: children, guardians
  app.get(
    '/children',
    {
      preHandler: app.authenticate,
      schema: {
        tags,
        summary: '我的孩子（含健康情况和接送人，已脱敏）',
        security: auth,
        response: { 200: CareChildListSchema, 401: E },
      },
    },
    async (request) => svc.listCareChildren(app, request.auth!.id),
  );
  app.patch(
    '/children/:id',
    {
      preHandler: app.authenticate,
      schema: {
        tags,
        summary: '预填：学校、年级、健康情况',
        security: auth,
        params: IdParamsSchema,
        body: UpdateCareProfileBodySchema,
        response: { 200: CareChildSchema, 400: E, 401: E, 404: E },
      },
    },
    async (request) =>
      svc.updateCareProfile(app, request.auth!.id, request.params.id, request.body),
  );
  app.post(
    '/children/:id/guardians',
    {
      preHandler: app.authenticate,
      schema: {
        tags,
        summary: '添加授权接送人（每个孩子最多6位；支持 Idempotency-Key）',
        security: auth,
        headers: idemHeaders,
        params: IdParamsSchema,
        body: CreateGuardianBodySchema,
        response: { 201: GuardianSchema, 400: E, 401: E, 404: E, 409: E, 422: E },
      },
    },
    async (request, reply) => {
      const r = await app.idempotent(request, async (tx) => {
        await guardianAddLimit(request, reply);
        return {
          statusCode: 201,
          body: await svc.addGuardian(app, tx, request.auth!.id, request.params.id, request.body),
        };
      });
      return reply.code(201).send(r.body);
    },
  );
  app.delete(
    '/children/:id/guardians/:guardianId',
    {
      preHandler: app.authenticate,
      schema: {
        tags,
        summary: '移除接送人',
        security: auth,
        params: GuardianParamsSchema,
        response: { 204: Type.Null(), 400: E, 401: E, 404: E },
      },
    },
    async (request, reply) => {
      await svc.removeGuardian(app, request.auth!.id, request.params.id, request.params.guardianId);
      return reply.code(204).send(null);
    },
  );

  // ---- parents: enroll, waitlist, offers
  const enrollments = svc.enrollBatcher(app);
  app.post(
    '/enrollments',
    {
      // the rush endpoint: the token verified without a database read (the one statement checks
      // the user and the token version), then per-IP and per-user limits
      preHandler: [app.authenticateToken, ...app.rushLimit],
      schema: {
        tags,
        summary: '报名（兄弟姐妹同进同出；满员进入候补；支持 Idempotency-Key）',
        security: auth,
        headers: idemHeaders,
        body: EnrollBodySchema,
        response: {
          201: EnrollResultSchema,
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
      // one statement: the key is claimed and the answer stored in the same call (svc.enroll),
      // shared with the taps for the same lane of classes that arrived meanwhile (svc.enrollBatcher)
      const claim = app.idempotencyClaim(request);
      const r = await svc.enroll(app, enrollments, request.tokenUser!, request.body, claim);
      if (r.replayed) reply.header('idempotent-replayed', 'true');
      return reply.code(201).send(r.body);
    },
  );
  app.get(
    '/enrollments/mine',
    {
      preHandler: app.authenticate,
      schema: {
        tags,
        summary: '我的托班：报名、接送码、考勤',
        security: auth,
        response: { 200: MyEnrollmentListSchema, 401: E },
      },
    },
    async (request) => svc.myEnrollments(app, request.auth!.id),
  );
  const action = (path: string, summary: string, fn: typeof svc.cancel) =>
    app.post(
      `/enrollments/:id/${path}`,
      {
        preHandler: app.authenticate,
        schema: {
          tags,
          summary,
          security: auth,
          params: IdParamsSchema,
          response: { 200: EnrollmentActionResultSchema, 400: E, 401: E, 404: E, 409: E },
        },
      },
      async (request) => fn(app, request.auth!.id, request.params.id),
    );
  action('cancel', '取消报名或退出候补（名额立即补给候补）', svc.cancel);
  action('accept', '接受补位名额', svc.accept);
  action('decline', '放弃补位名额（不再排队）', svc.decline);

  // ---- staff
  app.post(
    '/programmes',
    {
      preHandler: districtAdmin,
      schema: {
        tags,
        summary: '新建托班项目（团区委）',
        security: auth,
        body: CreateProgrammeBodySchema,
        response: { 201: ProgrammeSchema, 400: E, 401: E, 403: E, 409: E },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await svc.createProgramme(app, request.auth!, request.body)),
  );
  app.post(
    '/programmes/:id/periods',
    {
      preHandler: districtAdmin,
      schema: {
        tags,
        summary: '新建期次（团区委）',
        security: auth,
        params: IdParamsSchema,
        body: CreatePeriodBodySchema,
        response: { 201: PeriodSchema, 400: E, 401: E, 403: E, 404: E, 409: E },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await svc.createPeriod(app, request.auth!, request.params.id, request.body)),
  );
  app.post(
    '/classes',
    {
      preHandler: staff,
      schema: {
        tags,
        summary: '新建班级（本托班点）',
        security: auth,
        body: CreateClassBodySchema,
        response: { 201: ClassSchema, 400: E, 401: E, 403: E, 404: E, 409: E },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await svc.createClass(app, request.auth!, request.body)),
  );
  app.patch(
    '/classes/:id',
    {
      preHandler: staff,
      schema: {
        tags,
        summary: '调整容量（不低于已占名额）、费用、携带物品',
        security: auth,
        params: IdParamsSchema,
        body: UpdateClassBodySchema,
        response: { 200: ClassSchema, 400: E, 401: E, 403: E, 404: E, 409: E },
      },
    },
    async (request) => svc.updateClass(app, request.auth!, request.params.id, request.body),
  );
  app.get(
    '/staff/classes',
    {
      preHandler: staff,
      schema: {
        tags,
        summary: '本托班点的班级',
        security: auth,
        response: { 200: StaffClassListSchema, 401: E, 403: E },
      },
    },
    async (request) => svc.staffClasses(app, request.auth!),
  );
  app.get(
    '/staff/counts',
    {
      preHandler: staff,
      schema: {
        tags,
        summary: '各点各期人数',
        security: auth,
        querystring: CountsQuerySchema,
        response: { 200: CountsSchema, 400: E, 401: E, 403: E, 404: E },
      },
    },
    async (request) => svc.counts(app, request.auth!, request.query.programmeId),
  );
  app.get(
    '/classes/:id/roster',
    {
      preHandler: staff,
      schema: {
        tags,
        summary: '班级名单',
        security: auth,
        params: IdParamsSchema,
        response: { 200: RosterSchema, 400: E, 401: E, 403: E, 404: E },
      },
    },
    async (request) => {
      const r = await svc.roster(app, request.auth!, request.params.id);
      await auditRosterRead(app, request.auth!, 'view', rosterRead(r));
      return r;
    },
  );
  app.get(
    '/classes/:id/roster.csv',
    {
      preHandler: staff,
      schema: {
        tags,
        summary: '班级名单 CSV（UTF-8 BOM）',
        security: auth,
        params: IdParamsSchema,
        response: { 200: Type.String(), 400: E, 401: E, 403: E, 404: E },
      },
    },
    async (request, reply) => {
      const r = await svc.roster(app, request.auth!, request.params.id);
      await auditRosterRead(app, request.auth!, 'export', rosterRead(r));
      return sendCsv(
        reply,
        `${r.class.siteName}-${r.class.periodName}-${r.class.name}-名单.csv`,
        rosterCsv(r),
      );
    },
  );
  app.post(
    '/classes/:id/notices',
    {
      preHandler: staff,
      schema: {
        tags,
        summary: '向本班家长发通知',
        security: auth,
        params: IdParamsSchema,
        body: CreateNoticeBodySchema,
        response: { 201: NoticeSchema, 400: E, 401: E, 403: E, 404: E },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await svc.postNotice(app, request.auth!, request.params.id, request.body.body)),
  );
  app.post(
    '/attendance',
    {
      preHandler: staff,
      schema: {
        tags,
        summary: '入园/接走登记（扫码或输入接送码）',
        security: auth,
        body: AttendanceBodySchema,
        response: { 201: AttendanceRecordSchema, 400: E, 401: E, 403: E, 404: E, 409: E },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await svc.recordAttendance(app, request.auth!, request.body.code, request.body.kind)),
  );
  app.get(
    '/classes/:id/attendance',
    {
      preHandler: staff,
      schema: {
        tags,
        summary: '接送记录',
        security: auth,
        params: IdParamsSchema,
        response: { 200: AttendanceListSchema, 400: E, 401: E, 403: E, 404: E },
      },
    },
    async (request) => {
      const r = await svc.classAttendance(app, request.auth!, request.params.id);
      await auditRosterRead(app, request.auth!, 'view', attendanceRead(r));
      return { items: r.items };
    },
  );
  app.get(
    '/classes/:id/uncollected',
    {
      preHandler: staff,
      schema: {
        tags,
        summary: '今日未接走（已入园、尚未登记接走）',
        security: auth,
        params: IdParamsSchema,
        response: { 200: UncollectedListSchema, 400: E, 401: E, 403: E, 404: E },
      },
    },
    async (request) => svc.uncollected(app, request.auth!, request.params.id),
  );
  app.get(
    '/classes/:id/attendance.csv',
    {
      preHandler: staff,
      schema: {
        tags,
        summary: '接送记录 CSV',
        security: auth,
        params: IdParamsSchema,
        response: { 200: Type.String(), 400: E, 401: E, 403: E, 404: E },
      },
    },
    async (request, reply) => {
      const r = await svc.classAttendance(app, request.auth!, request.params.id);
      await auditRosterRead(app, request.auth!, 'export', attendanceRead(r));
      return sendCsv(
        reply,
        `${r.class.site_name}-${r.class.name}-接送记录.csv`,
        attendanceCsv(r.items),
      );
    },
  );
};

export default childcareRoutes;
