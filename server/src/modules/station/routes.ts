// HTTP only: schemas and one service call per route. Under /api/v1/stations.
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { ApiErrorSchema } from '@/contract/errors';
import {
  BookingParamsSchema,
  BookingSchema,
  type Booking,
  ChangeDatesBodySchema,
  CloseNightBodySchema,
  MyBookingSchema,
  CreateBookingBodySchema,
  CreateHoldBodySchema,
  EligibilityFormBodySchema,
  OverdueReviewListSchema,
  CalendarDayListSchema,
  CalendarDayParamsSchema,
  CalendarDayQuerySchema,
  CalendarDaySchema,
  PutCalendarDayBodySchema,
  CreateProofBodySchema,
  ProofImageSchema,
  ProofSchema,
  CreateRoomTypeBodySchema,
  EligibilityQuerySchema,
  EligibilitySchema,
  MyStationSchema,
  NightParamsSchema,
  OccupancySchema,
  RangeQuerySchema,
  RejectBodySchema,
  RoomTypeParamsSchema,
  RoomTypeSchema,
  ScanBodySchema,
  ScanCheckInBodySchema,
  LateArrivalBodySchema,
  SettingsSchema,
  StationRulesSchema,
  UpdateStationRulesBodySchema,
  StaffBookingListSchema,
  StaffBookingQuerySchema,
  StaffBookingSchema,
  StationDetailSchema,
  StationListSchema,
  StationParamsSchema,
  UpdateRoomTypeBodySchema,
  UpdateSettingsBodySchema,
  UpdateStationBodySchema,
  StationSchema,
} from '@/contract/station';
import { auditRosterRead } from '../../lib/audit';
import { sendCsv } from '../../lib/csv';
import { bookingsCsv, bookingsRead, occupancyCsv } from './export';
import * as service from './service';
import { changeDates } from './change-dates';
import { bookBatcher, bookStay, holdStay } from './book-rush';
import { reportLateArrival } from './late-arrival';
import * as calendar from './work-calendar';

const errors = (...codes: number[]) => Object.fromEntries(codes.map((c) => [c, ApiErrorSchema]));
const auth = [{ bearerAuth: [] }];
const tags = ['stations'];

const stationRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const staff = app.requireRole('organizer', 'admin');
  // the district defaults are the committee's; each station sets its own rules over them
  const districtAdmin = app.requireRole('admin');

  // ---- public (the list and a station's calendar are cached for a second: server/src/plugins/public-cache.ts)
  const config = { publicCache: true } as const;
  app.get(
    '/',
    {
      config,
      schema: { tags, summary: '驿站列表（含未来7晚空床）', response: { 200: StationListSchema } },
    },
    async () => ({ items: await service.listStations(app) }),
  );

  app.get(
    '/settings',
    { schema: { tags, summary: '全区默认驿站规则', response: { 200: SettingsSchema } } },
    async () => service.getSettings(app),
  );

  app.put(
    '/settings',
    {
      preHandler: districtAdmin,
      schema: {
        tags,
        summary: '修改全区默认驿站规则（团区委）',
        security: auth,
        body: UpdateSettingsBodySchema,
        response: { 200: SettingsSchema, ...errors(400, 401, 403) },
      },
    },
    async (request) => service.updateSettings(app, request.auth!, request.body),
  );

  app.get(
    '/:stationId/rules',
    {
      schema: {
        tags,
        summary: '本驿站适用的规则（自定规则与全区默认）',
        params: StationParamsSchema,
        response: { 200: StationRulesSchema, ...errors(400, 404) },
      },
    },
    async (request) => service.getStationRules(app, request.params.stationId),
  );

  app.put(
    '/:stationId/rules',
    {
      preHandler: staff,
      schema: {
        tags,
        summary: '修改本驿站规则（自动审核、免费晚数、每次晚数；null 为沿用全区默认）',
        security: auth,
        params: StationParamsSchema,
        body: UpdateStationRulesBodySchema,
        response: { 200: StationRulesSchema, ...errors(400, 401, 403, 404) },
      },
    },
    async (request) =>
      service.updateStationRules(app, request.auth!, request.params.stationId, request.body),
  );

  // ---- residents
  app.get(
    '/me',
    {
      preHandler: app.authenticate,
      schema: {
        tags,
        summary: '我的驿站',
        security: auth,
        response: { 200: MyStationSchema, ...errors(401) },
      },
    },
    async (request) => service.myStation(app, request.auth!),
  );

  app.get(
    '/eligibility',
    {
      preHandler: app.authenticate,
      schema: {
        tags,
        summary: '入住资格检查',
        security: auth,
        querystring: EligibilityQuerySchema,
        response: { 200: EligibilitySchema, ...errors(400, 401) },
      },
    },
    async (request) => service.eligibility(app, request.auth!, request.query),
  );

  app.get(
    '/:stationId',
    {
      config,
      schema: {
        tags,
        summary: '驿站详情与床位日历',
        params: StationParamsSchema,
        querystring: RangeQuerySchema,
        response: { 200: StationDetailSchema, ...errors(400, 404) },
      },
    },
    async (request) => service.stationDetail(app, request.params.stationId, request.query),
  );

  const stays = bookBatcher(app);
  const sendStay = (reply: FastifyReply, r: { replayed: boolean; body: Booking }) => {
    if (r.replayed) reply.header('idempotent-replayed', 'true');
    return reply.code(201).send(r.body);
  };
  app.post(
    '/:stationId/bookings',
    {
      // a rush endpoint when beds are scarce: the token verified without a database read (the one
      // statement checks the user and the token version), then per-IP and per-user limits
      preHandler: [app.authenticateToken, ...app.rushLimit],
      schema: {
        tags,
        summary: '预订床位（支持 Idempotency-Key）',
        security: auth,
        params: StationParamsSchema,
        headers: Type.Object({ 'idempotency-key': Type.Optional(Type.String()) }),
        body: CreateBookingBodySchema,
        response: { 201: BookingSchema, ...errors(400, 401, 403, 404, 409, 422, 429, 503) },
      },
    },
    // one statement: the key is claimed and the answer stored in the same call (st_book), shared
    // with the taps for the same room type that arrived meanwhile (bookBatcher)
    async (request, reply) =>
      sendStay(
        reply,
        await bookStay(
          app,
          stays,
          request.tokenUser!,
          request.params.stationId,
          request.body,
          app.idempotencyClaim(request),
        ),
      ),
  );

  app.post(
    '/:stationId/holds',
    {
      preHandler: [app.authenticateToken, ...app.rushLimit],
      schema: {
        tags,
        summary: '保留床位，填写资格信息（保留时间见 holdMinutes；支持 Idempotency-Key）',
        security: auth,
        params: StationParamsSchema,
        headers: Type.Object({ 'idempotency-key': Type.Optional(Type.String()) }),
        body: CreateHoldBodySchema,
        response: { 201: BookingSchema, ...errors(400, 401, 403, 404, 409, 422, 429, 503) },
      },
    },
    async (request, reply) =>
      sendStay(
        reply,
        await holdStay(
          app,
          stays,
          request.tokenUser!,
          request.params.stationId,
          request.body,
          app.idempotencyClaim(request),
        ),
      ),
  );

  app.post(
    '/bookings/:bookingId/eligibility',
    {
      preHandler: app.authenticate,
      schema: {
        tags,
        summary: '提交资格信息，完成保留中的预订',
        security: auth,
        params: BookingParamsSchema,
        body: EligibilityFormBodySchema,
        response: { 200: BookingSchema, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) =>
      service.completeHold(app, request.auth!, request.params.bookingId, request.body),
  );

  app.get(
    '/overdue-reviews',
    {
      preHandler: districtAdmin,
      schema: {
        tags,
        summary: '超过审核时限仍待审核的预订（团区委）',
        security: auth,
        response: { 200: OverdueReviewListSchema, ...errors(401, 403) },
      },
    },
    async () => service.overdueReviews(app),
  );

  // ---- the working-day calendar (holidays, 调休 workdays) the review deadline is counted in
  app.get(
    '/calendar-days',
    {
      preHandler: districtAdmin,
      schema: {
        tags,
        summary: '节假日与调休上班日（审核时限按工作日计，团区委）',
        security: auth,
        querystring: CalendarDayQuerySchema,
        response: { 200: CalendarDayListSchema, ...errors(400, 401, 403) },
      },
    },
    async (request) => ({ items: await calendar.listDays(app.db, request.query.year) }),
  );

  app.put(
    '/calendar-days/:day',
    {
      preHandler: districtAdmin,
      schema: {
        tags,
        summary: '登记节假日或调休上班日（团区委）',
        security: auth,
        params: CalendarDayParamsSchema,
        body: PutCalendarDayBodySchema,
        response: { 200: CalendarDaySchema, ...errors(400, 401, 403) },
      },
    },
    async (request) => calendar.putDay(app, request.auth!, request.params.day, request.body),
  );

  app.delete(
    '/calendar-days/:day',
    {
      preHandler: districtAdmin,
      schema: {
        tags,
        summary: '删除一天的登记，恢复周一至周五（团区委）',
        security: auth,
        params: CalendarDayParamsSchema,
        response: { 204: Type.Null(), ...errors(400, 401, 403) },
      },
    },
    async (request, reply) => {
      await calendar.deleteDay(app, request.auth!, request.params.day);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/proofs',
    {
      preHandler: [app.authenticate, ...app.abuseLimit.proof.preHandlers],
      schema: {
        tags,
        summary: '登记证明材料（图片先经 POST /files 上传，purpose=station_proof）',
        security: auth,
        body: CreateProofBodySchema,
        response: { 201: ProofSchema, ...errors(400, 401, 404, 409, 429) },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await service.uploadProof(app, request.auth!, request.body)),
  );

  app.get(
    '/bookings/:bookingId/proof',
    {
      preHandler: app.authenticate,
      schema: {
        tags,
        summary: '预订的证明材料（本人或该驿站工作人员）',
        security: auth,
        params: BookingParamsSchema,
        response: { 200: ProofImageSchema, ...errors(401, 404) },
      },
    },
    async (request) => service.bookingProof(app, request.auth!, request.params.bookingId),
  );

  app.get(
    '/bookings/:bookingId',
    {
      preHandler: app.authenticate,
      schema: {
        tags,
        summary: '我的预订详情（通过后含入住码）',
        security: auth,
        params: BookingParamsSchema,
        response: { 200: MyBookingSchema, ...errors(401, 404) },
      },
    },
    async (request) => service.getMyBooking(app, request.auth!, request.params.bookingId),
  );

  app.post(
    '/bookings/:bookingId/dates',
    {
      preHandler: app.authenticate,
      schema: {
        tags,
        summary: '修改预订日期（待审核或已通过；需审核的驿站改期后重新审核；支持 Idempotency-Key）',
        security: auth,
        params: BookingParamsSchema,
        headers: Type.Object({ 'idempotency-key': Type.Optional(Type.String()) }),
        body: ChangeDatesBodySchema,
        response: { 200: BookingSchema, ...errors(400, 401, 403, 404, 409, 422, 429, 503) },
      },
    },
    async (request, reply) => {
      const result = await app.idempotent(request, async (tx) => ({
        statusCode: 200,
        body: await changeDates(app, tx, request.auth!, request.params.bookingId, request.body),
      }));
      if (result.replayed) reply.header('idempotent-replayed', 'true');
      return result.body;
    },
  );

  app.put(
    '/bookings/:bookingId/late-arrival',
    {
      preHandler: app.authenticate,
      schema: {
        tags,
        summary: '报告或修改晚到时间（已通过的预订，入住当晚）',
        security: auth,
        params: BookingParamsSchema,
        body: LateArrivalBodySchema,
        response: { 200: BookingSchema, ...errors(400, 401, 404, 409) },
      },
    },
    async (request) =>
      reportLateArrival(app, request.auth!, request.params.bookingId, request.body.time),
  );

  app.delete(
    '/bookings/:bookingId/late-arrival',
    {
      preHandler: app.authenticate,
      schema: {
        tags,
        summary: '撤回晚到报告',
        security: auth,
        params: BookingParamsSchema,
        response: { 200: BookingSchema, ...errors(401, 404, 409) },
      },
    },
    async (request) => reportLateArrival(app, request.auth!, request.params.bookingId, null),
  );

  app.post(
    '/bookings/:bookingId/cancel',
    {
      preHandler: app.authenticate,
      schema: {
        tags,
        summary: '取消预订（入住前）',
        security: auth,
        params: BookingParamsSchema,
        response: { 200: BookingSchema, ...errors(401, 404, 409) },
      },
    },
    async (request) => service.cancelBooking(app, request.auth!, request.params.bookingId),
  );

  // ---- station staff
  app.get(
    '/:stationId/staff/bookings',
    {
      preHandler: staff,
      schema: {
        tags,
        summary: '预订列表：待审核、今日到店、今日离店',
        security: auth,
        params: StationParamsSchema,
        querystring: StaffBookingQuerySchema,
        response: { 200: StaffBookingListSchema, ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const items = await service.staffBookings(
        app,
        request.auth!,
        request.params.stationId,
        request.query,
      );
      await auditRosterRead(
        app,
        request.auth!,
        'view',
        bookingsRead(request.params.stationId, items),
      );
      return { items };
    },
  );

  app.get(
    '/:stationId/staff/bookings.csv',
    {
      preHandler: staff,
      schema: {
        tags,
        summary: '导出预订名单 CSV',
        security: auth,
        params: StationParamsSchema,
        querystring: StaffBookingQuerySchema,
        response: { 200: Type.String(), ...errors(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const items = await service.staffBookings(
        app,
        request.auth!,
        request.params.stationId,
        request.query,
      );
      await auditRosterRead(
        app,
        request.auth!,
        'export',
        bookingsRead(request.params.stationId, items),
      );
      return sendCsv(reply, '驿站预订名单.csv', bookingsCsv(items));
    },
  );

  app.get(
    '/:stationId/staff/occupancy',
    {
      preHandler: staff,
      schema: {
        tags,
        summary: '每晚入住情况',
        security: auth,
        params: StationParamsSchema,
        querystring: RangeQuerySchema,
        response: { 200: OccupancySchema, ...errors(400, 401, 403, 404) },
      },
    },
    async (request) =>
      service.occupancy(app, request.auth!, request.params.stationId, request.query),
  );

  app.get(
    '/:stationId/staff/occupancy.csv',
    {
      preHandler: staff,
      schema: {
        tags,
        summary: '导出每晚入住情况 CSV',
        security: auth,
        params: StationParamsSchema,
        querystring: RangeQuerySchema,
        response: { 200: Type.String(), ...errors(400, 401, 403, 404) },
      },
    },
    async (request, reply) =>
      sendCsv(
        reply,
        '驿站入住情况.csv',
        occupancyCsv(
          await service.occupancy(app, request.auth!, request.params.stationId, request.query),
        ),
      ),
  );

  app.patch(
    '/:stationId',
    {
      preHandler: staff,
      schema: {
        tags,
        summary: '修改驿站信息（联系方式、须知、照片、地图）',
        security: auth,
        params: StationParamsSchema,
        body: UpdateStationBodySchema,
        response: { 200: StationSchema, ...errors(400, 401, 403, 404) },
      },
    },
    async (request) =>
      service.updateStation(app, request.auth!, request.params.stationId, request.body),
  );

  app.post(
    '/:stationId/room-types',
    {
      preHandler: staff,
      schema: {
        tags,
        summary: '新增房型',
        security: auth,
        params: StationParamsSchema,
        body: CreateRoomTypeBodySchema,
        response: { 201: RoomTypeSchema, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          await service.createRoomType(app, request.auth!, request.params.stationId, request.body),
        ),
  );

  app.patch(
    '/:stationId/room-types/:roomTypeId',
    {
      preHandler: staff,
      schema: {
        tags,
        summary: '修改房型名称或床位数',
        security: auth,
        params: RoomTypeParamsSchema,
        body: UpdateRoomTypeBodySchema,
        response: { 200: RoomTypeSchema, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) =>
      service.updateRoomType(
        app,
        request.auth!,
        request.params.stationId,
        request.params.roomTypeId,
        request.body,
      ),
  );

  app.put(
    '/:stationId/room-types/:roomTypeId/nights/:night',
    {
      preHandler: staff,
      schema: {
        tags,
        summary: '关闭/开放某晚（维修）',
        security: auth,
        params: NightParamsSchema,
        body: CloseNightBodySchema,
        response: { 204: Type.Null(), ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      await service.setNightClosed(app, request.auth!, request.params, request.body.closed);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/bookings/:bookingId/approve',
    {
      preHandler: staff,
      schema: {
        tags,
        summary: '审核通过',
        security: auth,
        params: BookingParamsSchema,
        response: { 200: StaffBookingSchema, ...errors(401, 403, 404, 409) },
      },
    },
    async (request) => service.approveBooking(app, request.auth!, request.params.bookingId),
  );

  app.post(
    '/bookings/:bookingId/reject',
    {
      preHandler: staff,
      schema: {
        tags,
        summary: '审核不通过（须填原因）',
        security: auth,
        params: BookingParamsSchema,
        body: RejectBodySchema,
        response: { 200: StaffBookingSchema, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) =>
      service.rejectBooking(app, request.auth!, request.params.bookingId, request.body.reason),
  );

  app.post(
    '/bookings/:bookingId/check-out',
    {
      preHandler: staff,
      schema: {
        tags,
        summary: '办理退房（提前退房归还未住晚数）',
        security: auth,
        params: BookingParamsSchema,
        response: { 200: StaffBookingSchema, ...errors(401, 403, 404, 409) },
      },
    },
    async (request) => service.checkOut(app, request.auth!, request.params.bookingId),
  );

  app.post(
    '/scan/check-in',
    {
      preHandler: staff,
      schema: {
        tags,
        summary: '扫码办理入住（22:00后须填写原因，记入审计日志）',
        security: auth,
        body: ScanCheckInBodySchema,
        response: { 200: StaffBookingSchema, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) =>
      service.scanCheckIn(app, request.auth!, request.body.code, request.body.reason),
  );

  app.post(
    '/scan/check-out',
    {
      preHandler: staff,
      schema: {
        tags,
        summary: '扫码办理退房',
        security: auth,
        body: ScanBodySchema,
        response: { 200: StaffBookingSchema, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) => service.scanCheckOut(app, request.auth!, request.body.code),
  );
};

export default stationRoutes;
