// HTTP of /api/v1/volunteer: schemas (a response per status) and one service call per route.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { ApiErrorSchema } from '@/contract/errors';
import {
  CertificateSchema,
  CertificateVerificationSchema,
  CheckinBodySchema,
  CheckinCodeSchema,
  CheckinSecretSchema,
  CheckinResultSchema,
  CodeParamsSchema,
  AppealBodySchema,
  CorrectionBodySchema,
  CorrectionRequestListSchema,
  CorrectionRequestSchema,
  DecideAppealBodySchema,
  DecideCorrectionBodySchema,
  VoidBodySchema,
  VolunteerAppealListSchema,
  VolunteerAppealSchema,
  CreateRequestBodySchema,
  CreateShiftBodySchema,
  CreateTaskBodySchema,
  HoursSchema,
  IdParamsSchema,
  LedgerEntrySchema,
  MyShiftListSchema,
  RequestActionBodySchema,
  RequestListQuerySchema,
  RosterSchema,
  ServiceRequestListSchema,
  ServiceRequestSchema,
  ShiftConfirmationSchema,
  ShiftSchema,
  SignupSchema,
  TaskListSchema,
  TaskQuerySchema,
  TaskSchema,
} from '@/contract/volunteer';
import { auditRosterRead } from '../../lib/audit';
import { sendCsv, toCsv } from '../../lib/csv';
import { AppError } from '../../errors';
import { certificatePage } from './certificate-page';
import { hoursCsvColumns, projectHoursRead } from './hours-csv';
import * as corrections from './corrections';
import * as service from './service';
import * as voids from './voids';
import { signUp, signUpBatcher } from './sign-up';
import { checkinSecret } from './offline-secret';

const E = ApiErrorSchema;
const tags = ['volunteer'];
const security = [{ bearerAuth: [] }];
const CsvSchema = Type.String({ description: 'CSV, UTF-8 with BOM, Chinese headers' });
const PdfSchema = Type.String({ description: 'PDF document', format: 'binary' });
const IdemHeaders = Type.Object({ 'idempotency-key': Type.Optional(Type.String()) });

const volunteerRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const auth = { preHandler: app.authenticate };
  const staff = { preHandler: app.requireRole('organizer', 'admin') };

  // ---- public: certificate verification (JSON, or an HTML page for a phone that scanned the QR)
  app.get(
    '/certificates/:code',
    {
      schema: {
        tags,
        summary: '验证志愿服务时长证明（公开）',
        params: CodeParamsSchema,
        querystring: Type.Object({
          format: Type.Optional(Type.Union([Type.Literal('json'), Type.Literal('html')])),
        }),
        response: { 200: CertificateVerificationSchema, 404: E },
      },
    },
    async (request, reply) => {
      const wantsHtml =
        request.query.format === 'html' ||
        (request.query.format !== 'json' && /text\/html/.test(request.headers.accept ?? ''));
      if (!wantsHtml) return service.verifyCertificate(app, request.params.code);
      // HTML bypasses the JSON response schema (a string payload is sent as is); the cast says so.
      try {
        const c = await service.verifyCertificate(app, request.params.code);
        return reply
          .type('text/html; charset=utf-8')
          .send(certificatePage(c, request.params.code) as never);
      } catch (err) {
        if (err instanceof AppError && err.statusCode === 404) {
          return reply
            .code(404)
            .type('text/html; charset=utf-8')
            .send(certificatePage(null, request.params.code) as never);
        }
        throw err;
      }
    },
  );

  // ---- tasks and shifts
  app.get(
    '/tasks',
    {
      ...auth,
      schema: {
        tags,
        security,
        summary: '志愿项目与班次（可按日期、距离、类别筛选）',
        querystring: TaskQuerySchema,
        response: { 200: TaskListSchema, 400: E, 401: E },
      },
    },
    async (request) => ({ items: await service.listTasks(app, request.auth!.id, request.query) }),
  );

  app.get(
    '/tasks/:id',
    {
      // open to anyone: shared cards and 朋友圈 open it signed out; signed in, it says which
      // shifts the caller signed up for
      preHandler: app.authenticateIfPresent,
      schema: {
        tags,
        summary: '志愿项目详情',
        params: IdParamsSchema,
        response: { 200: TaskSchema, 401: E, 404: E },
      },
    },
    async (request) => service.getTask(app, request.auth?.id ?? null, request.params.id),
  );

  app.post(
    '/tasks',
    {
      ...staff,
      schema: {
        tags,
        security,
        summary: '发布志愿项目（组织方，支持 Idempotency-Key）',
        headers: IdemHeaders,
        body: CreateTaskBodySchema,
        response: { 201: TaskSchema, 400: E, 401: E, 403: E, 404: E, 409: E, 422: E },
      },
    },
    async (request, reply) => {
      const r = await app.idempotent(request, async (tx) => ({
        statusCode: 201,
        body: await service.createTask(app, tx, request.auth!, request.body),
      }));
      return reply.code(201).send(r.body);
    },
  );

  app.post(
    '/tasks/:id/shifts',
    {
      ...staff,
      schema: {
        tags,
        security,
        summary: '添加班次（组织方，支持 Idempotency-Key）',
        headers: IdemHeaders,
        params: IdParamsSchema,
        body: CreateShiftBodySchema,
        response: { 201: ShiftSchema, 400: E, 401: E, 403: E, 404: E, 409: E, 422: E },
      },
    },
    async (request, reply) => {
      const r = await app.idempotent(request, async (tx) => ({
        statusCode: 201,
        body: await service.createShift(app, tx, request.auth!, request.params.id, request.body),
      }));
      return reply.code(201).send(r.body);
    },
  );

  app.get(
    '/tasks/:id/hours.csv',
    {
      ...staff,
      schema: {
        tags,
        security,
        summary: '导出项目志愿时长（CSV）',
        params: IdParamsSchema,
        response: { 200: CsvSchema, 401: E, 403: E, 404: E },
      },
    },
    async (request, reply) => {
      const { project, rows } = await service.projectLedger(app, request.auth!, request.params.id);
      await auditRosterRead(app, request.auth!, 'export', projectHoursRead(project, rows));
      return sendCsv(reply, `${project.title}-志愿时长.csv`, toCsv(hoursCsvColumns, rows));
    },
  );

  // ---- sign-ups
  const signUps = signUpBatcher(app);
  app.post(
    '/shifts/:id/signups',
    {
      // popular shifts fill in minutes: the token verified without a database read (the one
      // statement checks the user and the token version), then per-IP and per-user limits
      preHandler: [app.authenticateToken, ...app.rushLimit],
      schema: {
        tags,
        security,
        summary: '报名班次（支持 Idempotency-Key）',
        headers: IdemHeaders,
        params: IdParamsSchema,
        response: {
          201: SignupSchema,
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
      // one statement: the key is claimed and the answer stored in the same call, shared with
      // the taps for the same shift that arrived meanwhile (signUpBatcher)
      const claim = app.idempotencyClaim(request);
      const r = await signUp(app, signUps, request.tokenUser!, request.params.id, claim);
      if (r.replayed) reply.header('idempotent-replayed', 'true');
      return reply.code(201).send(r.body);
    },
  );

  app.delete(
    '/signups/:id',
    {
      ...auth,
      schema: {
        tags,
        security,
        summary: '取消报名',
        params: IdParamsSchema,
        response: { 200: SignupSchema, 401: E, 404: E, 409: E },
      },
    },
    async (request) => service.cancelSignup(app, request.auth!.id, request.params.id),
  );

  app.get(
    '/shifts/:id/signups',
    {
      ...staff,
      schema: {
        tags,
        security,
        summary: '班次报名名单（组织方）',
        params: IdParamsSchema,
        response: { 200: RosterSchema, 401: E, 403: E, 404: E },
      },
    },
    async (request) => {
      const items = await service.shiftRoster(app, request.auth!, request.params.id);
      await auditRosterRead(app, request.auth!, 'view', {
        action: 'volunteer.signups',
        entity: 'volunteer_shift',
        entityId: request.params.id,
        rows: items.length,
      });
      return { items };
    },
  );

  app.get(
    '/me/shifts',
    {
      ...auth,
      schema: { tags, security, summary: '我的班次', response: { 200: MyShiftListSchema, 401: E } },
    },
    async (request) => ({ items: await service.myShifts(app, request.auth!.id) }),
  );

  // ---- check-in
  app.get(
    '/shifts/:id/checkin-code',
    {
      ...staff,
      schema: {
        tags,
        security,
        summary: '现场签到码（每30秒更新，组织方）',
        params: IdParamsSchema,
        response: { 200: CheckinCodeSchema, 401: E, 403: E, 404: E },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return service.checkinCode(app, request.auth!, request.params.id);
    },
  );

  app.get(
    '/shifts/:id/checkin-secret',
    {
      ...staff,
      schema: {
        tags,
        security,
        summary: '离线签到码密钥（本班次组织方；活动前 24 小时起可下载）',
        params: IdParamsSchema,
        response: { 200: CheckinSecretSchema, 401: E, 403: E, 404: E, 409: E },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return checkinSecret(app, request.auth!, request.params.id);
    },
  );

  app.post(
    '/checkins',
    {
      ...auth,
      schema: {
        tags,
        security,
        summary: '签到/签退（扫码或定位；离线记录带 nonce 与扫码时间）',
        body: CheckinBodySchema,
        response: { 200: CheckinResultSchema, 400: E, 401: E, 404: E, 409: E },
      },
    },
    async (request) => service.checkin(app, request.auth!.id, request.body),
  );

  // ---- hours
  app.get(
    '/me/hours',
    {
      ...auth,
      schema: {
        tags,
        security,
        summary: '我的志愿时长台账',
        response: { 200: HoursSchema, 401: E },
      },
    },
    async (request) => service.myHours(app, request.auth!.id),
  );

  app.get(
    '/me/hours.csv',
    {
      ...auth,
      schema: {
        tags,
        security,
        summary: '导出我的志愿时长（CSV）',
        response: { 200: CsvSchema, 401: E },
      },
    },
    async (request, reply) =>
      sendCsv(
        reply,
        '我的志愿时长.csv',
        toCsv(hoursCsvColumns, await service.userLedger(app, request.auth!.id)),
      ),
  );

  app.post(
    '/signups/:id/confirm',
    {
      ...staff,
      schema: {
        tags,
        security,
        summary: '确认一名志愿者的时长（含未签退、仅定位待核实者，组织方）',
        params: IdParamsSchema,
        response: { 201: LedgerEntrySchema, 401: E, 403: E, 404: E, 409: E },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await service.confirmHours(app, request.auth!, request.params.id)),
  );

  app.post(
    '/shifts/:id/hours/confirm',
    {
      ...staff,
      schema: {
        tags,
        security,
        summary: '一键确认班次时长（扫码签到签退者；仅定位与未签退者逐一核实，组织方）',
        params: IdParamsSchema,
        response: { 200: ShiftConfirmationSchema, 401: E, 403: E, 404: E },
      },
    },
    async (request) => service.confirmShiftHours(app, request.auth!, request.params.id),
  );

  app.post(
    '/signups/:id/corrections',
    {
      ...staff,
      schema: {
        tags,
        security,
        summary: '更正时长（追加记录并注明原因，组织方）',
        params: IdParamsSchema,
        body: CorrectionBodySchema,
        response: { 201: LedgerEntrySchema, 400: E, 401: E, 403: E, 404: E },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await service.correctHours(app, request.auth!, request.params.id, request.body)),
  );

  // ---- corrections a volunteer asks for; voids of forged hours; the bar and its appeal
  app.post(
    '/signups/:id/correction-requests',
    {
      ...auth,
      schema: {
        tags,
        security,
        summary: '申请更正本人时长（须填写原因）',
        params: IdParamsSchema,
        body: CorrectionBodySchema,
        response: { 201: CorrectionRequestSchema, 400: E, 401: E, 404: E, 409: E },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          await corrections.askForCorrection(app, request.auth!, request.params.id, request.body),
        ),
  );

  app.get(
    '/me/correction-requests',
    {
      ...auth,
      schema: {
        tags,
        security,
        summary: '我的时长更正申请',
        response: { 200: CorrectionRequestListSchema, 401: E },
      },
    },
    async (request) => ({ items: await corrections.myCorrectionRequests(app, request.auth!.id) }),
  );

  app.get(
    '/correction-requests',
    {
      ...staff,
      schema: {
        tags,
        security,
        summary: '待处理的时长更正申请（组织方）',
        response: { 200: CorrectionRequestListSchema, 401: E, 403: E },
      },
    },
    async (request) => ({
      items: await corrections.correctionRequestsToDecide(app, request.auth!),
    }),
  );

  app.post(
    '/correction-requests/:id/decision',
    {
      ...staff,
      schema: {
        tags,
        security,
        summary: '同意或驳回时长更正申请（组织方，记入审计）',
        params: IdParamsSchema,
        body: DecideCorrectionBodySchema,
        response: { 200: CorrectionRequestSchema, 400: E, 401: E, 403: E, 404: E, 409: E },
      },
    },
    async (request) =>
      corrections.decideCorrection(app, request.auth!, request.params.id, request.body),
  );

  app.post(
    '/signups/:id/void',
    {
      ...staff,
      schema: {
        tags,
        security,
        summary: '作废经核实造假的时长（须填写原因，组织方）',
        params: IdParamsSchema,
        body: VoidBodySchema,
        response: { 201: LedgerEntrySchema, 400: E, 401: E, 403: E, 404: E, 409: E },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await voids.voidHours(app, request.auth!, request.params.id, request.body)),
  );

  app.post(
    '/appeals',
    {
      ...auth,
      schema: {
        tags,
        security,
        summary: '对暂停报名提出申诉',
        body: AppealBodySchema,
        response: { 201: VolunteerAppealSchema, 400: E, 401: E, 409: E },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await voids.appeal(app, request.auth!, request.body.reason)),
  );

  app.get(
    '/appeals',
    {
      ...staff,
      schema: {
        tags,
        security,
        summary: '暂停报名的申诉（作废过其时长的组织方）',
        response: { 200: VolunteerAppealListSchema, 401: E, 403: E },
      },
    },
    async (request) => ({ items: await voids.listAppeals(app, request.auth!) }),
  );

  app.post(
    '/appeals/:id/decision',
    {
      ...staff,
      schema: {
        tags,
        security,
        summary: '处理申诉（通过则恢复报名）',
        params: IdParamsSchema,
        body: DecideAppealBodySchema,
        response: { 200: VolunteerAppealSchema, 400: E, 401: E, 403: E, 404: E, 409: E },
      },
    },
    async (request) =>
      voids.decideAppeal(app, request.auth!, request.params.id, request.body.decision),
  );

  app.post(
    '/me/certificates',
    {
      ...auth,
      schema: {
        tags,
        security,
        summary: '开具志愿服务时长证明（时长未变时返回已开具的那一张，200）',
        response: { 200: CertificateSchema, 201: CertificateSchema, 401: E, 409: E },
      },
    },
    // the configured address, never the request's Host header (which the caller chooses)
    async (request, reply) => {
      const r = await service.issueCertificate(app, request.auth!, app.config.publicBaseUrl);
      return reply.code(r.reused ? 200 : 201).send(r.certificate);
    },
  );

  // A GET, so the mini-program can fetch it with downloadFile and open it with openDocument; it
  // issues (or reuses) the certificate of the hours as they are, like the POST above.
  app.get(
    '/me/certificate.pdf',
    {
      ...auth,
      schema: {
        tags,
        security,
        summary: '下载志愿服务时长证明（PDF，含本人全名、服务明细与核验二维码）',
        response: { 200: PdfSchema, 401: E, 409: E },
      },
    },
    async (request, reply) => {
      const { code, pdf } = await service.certificatePdf(
        app,
        request.auth!,
        app.config.publicBaseUrl,
      );
      return reply
        .header('content-type', 'application/pdf')
        .header(
          'content-disposition',
          `attachment; filename="certificate-${code}.pdf"; filename*=UTF-8''${encodeURIComponent(`志愿服务时长证明-${code}.pdf`)}`,
        )
        .header('cache-control', 'private, no-store')
        .send(pdf as never); // a Buffer goes out as it is, past the response serializer
    },
  );

  // ---- requests: 点单 → 派单 → 接单 → 评单
  app.post(
    '/requests',
    {
      ...auth,
      schema: {
        tags,
        security,
        summary: '居民点单（支持 Idempotency-Key）',
        headers: IdemHeaders,
        body: CreateRequestBodySchema,
        response: { 201: ServiceRequestSchema, 400: E, 401: E, 404: E, 409: E, 422: E },
      },
    },
    async (request, reply) => {
      const r = await app.idempotent(request, async (tx) => ({
        statusCode: 201,
        body: await service.createRequest(app, tx, request.auth!, request.body),
      }));
      return reply.code(201).send(r.body);
    },
  );

  app.get(
    '/requests',
    {
      ...auth,
      schema: {
        tags,
        security,
        summary: '服务需求列表（mine/committee/open/taken）',
        querystring: RequestListQuerySchema,
        response: { 200: ServiceRequestListSchema, 400: E, 401: E },
      },
    },
    async (request) => ({
      items: await service.listRequests(app, request.auth!, request.query.scope ?? 'mine'),
    }),
  );

  app.get(
    '/requests/:id',
    {
      ...auth,
      schema: {
        tags,
        security,
        summary: '服务需求详情与时间线',
        params: IdParamsSchema,
        response: { 200: ServiceRequestSchema, 401: E, 404: E },
      },
    },
    async (request) => service.getRequest(app, request.auth!, request.params.id),
  );

  app.post(
    '/requests/:id/actions',
    {
      ...auth,
      schema: {
        tags,
        security,
        summary: '派单/驳回/接单/完成/评单/取消',
        params: IdParamsSchema,
        body: RequestActionBodySchema,
        response: { 200: ServiceRequestSchema, 400: E, 401: E, 403: E, 404: E, 409: E },
      },
    },
    async (request) => service.actOnRequest(app, request.auth!, request.params.id, request.body),
  );

  app.post(
    '/requests/:id/hours/confirm',
    {
      ...staff,
      schema: {
        tags,
        security,
        summary: '确认点单服务时长（团委）',
        params: IdParamsSchema,
        response: { 200: ServiceRequestSchema, 401: E, 403: E, 404: E, 409: E },
      },
    },
    async (request) => service.confirmRequestHours(app, request.auth!, request.params.id),
  );
};

export default volunteerRoutes;
