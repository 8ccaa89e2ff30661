// The authorization matrix: every route of the app × who calls it, with the status each caller
// gets. authorization-matrix.test.ts builds the fixture, calls every row in this order and fails on
// any route missing here. To add a route: one line, keyed `METHOD /fastify/url/:param` exactly
// as the route is registered; HEAD twins of GET routes are covered by their GET.
//
// The five callers, in the order of `expect` (and of the calls: the owner and the admin, who may
// change things, come last):
//   anonymous       no token
//   otherResident   a resident with no data of their own
//   otherOrganizer  staff of station B, childcare site B and another volunteer team (not the owner's)
//   owner           who the row's resource belongs to: `resident` (the fixture's resident, who owns
//                   the child, enrollment, booking, sign-up, request, application, message), `staff`
//                   (staff of the committees, station A, site A and the team that own the
//                   fixture's programme class, term, course, task and shift), or `leaver` (a
//                   resident kept for the one call that deletes an account)
//   admin           团区委 admin
// Rows run in this file's order and share one database, so a row may see what an earlier row did
// (e.g. a booking approved by the staff row is no longer "requested" for the admin call).
//
// Reading the statuses: 401 = login required, 403 = role refused, 404 = someone else's resource
// answers as missing; 400/409/422 = the caller got past authorization and the request was judged
// on its content (the fixture's codes are deliberately bogus where a real scan would be needed).

import { DASHBOARD_FIGURES } from '@/contract/dashboard';

export interface Fixture {
  residentId: string;
  /** A resident whose role and memberships the admin rows change. */
  bystanderId: string;
  childId: string;
  guardianId: string;
  programmeId: string;
  periodId: string;
  classId: string;
  enrollmentId: string;
  siteId: string;
  stationId: string;
  roomTypeId: string;
  bookingId: string;
  /** The resident's uploaded image, the booking's proof. */
  fileId: string;
  night: string;
  teamId: string;
  taskId: string;
  shiftId: string;
  signupId: string;
  requestCommitteeId: string;
  requestId: string;
  /** A volunteer's pending request to join the owner's team. */
  teamMemberId: string;
  termCommitteeId: string;
  termId: string;
  courseId: string;
  applicationId: string;
  messageId: string;
  /** Guardian requests for the resident's child, from the other resident and from the other organizer. */
  guardianRequestId: string;
  secondGuardianRequestId: string;
}

export type Owner = 'resident' | 'staff' | 'leaver';
/** [anonymous, otherResident, otherOrganizer, owner, admin] */
export type Statuses = [number, number, number, number, number];

export interface MatrixRow {
  owner: Owner;
  expect: Statuses;
  /** Values of the route's `:params` (and `*`). */
  params?: (f: Fixture) => Record<string, string>;
  query?: (f: Fixture) => Record<string, string>;
  body?: (f: Fixture) => object;
}

const id = (pick: (f: Fixture) => string) => (f: Fixture) => ({ id: pick(f) });

export const MATRIX: Record<string, MatrixRow> = {
  // ---- public
  'GET /docs': { owner: 'resident', expect: [200, 200, 200, 200, 200] },
  'GET /docs/static/index.html': { owner: 'resident', expect: [302, 302, 302, 302, 302] },
  'GET /docs/static/swagger-initializer.js': {
    owner: 'resident',
    expect: [200, 200, 200, 200, 200],
  },
  'GET /docs/static/*': {
    owner: 'resident',
    expect: [200, 200, 200, 200, 200],
    params: () => ({ '*': 'index.css' }),
  },
  'GET /docs/json': { owner: 'resident', expect: [200, 200, 200, 200, 200] },
  'GET /docs/yaml': { owner: 'resident', expect: [200, 200, 200, 200, 200] },
  'GET /api/v1/health': { owner: 'resident', expect: [200, 200, 200, 200, 200] },
  'GET /api/v1/time': { owner: 'resident', expect: [200, 200, 200, 200, 200] },
  'POST /api/v1/auth/wechat': {
    owner: 'resident',
    expect: [503, 503, 503, 503, 503],
    body: () => ({ code: 'matrix-code' }),
  },
  'POST /api/v1/auth/dev': {
    owner: 'resident',
    expect: [200, 200, 200, 200, 200],
    body: () => ({ openid: 'matrix-dev' }),
  },
  // scan-to-login: a PC asks for a ticket and polls with its secret (no login yet, by design);
  // only staff on the phone may look at, confirm or refuse a ticket
  'POST /api/v1/auth/qr': {
    owner: 'resident',
    expect: [200, 200, 200, 200, 200],
    body: () => ({}),
  },
  'POST /api/v1/auth/qr/poll': {
    owner: 'resident',
    expect: [404, 404, 404, 404, 404],
    body: () => ({ ticket: 'x'.repeat(32), secret: 'not-the-secret' }),
  },
  'GET /api/v1/auth/qr/:ticket': {
    owner: 'staff',
    expect: [401, 403, 404, 404, 404],
    params: () => ({ ticket: 'x'.repeat(32) }),
  },
  'POST /api/v1/auth/qr/:ticket/confirm': {
    owner: 'staff',
    expect: [401, 403, 404, 404, 404],
    params: () => ({ ticket: 'x'.repeat(32) }),
    body: () => ({}),
  },
  // 小程序码: the scene is the capability (as the code behind it is); <Image src> sends no token.
  // The fixture's scene was never made: 404 to everyone, and WeChat is never asked.
  'GET /api/v1/wxacode/:scene': {
    owner: 'resident',
    expect: [404, 404, 404, 404, 404],
    params: () => ({ scene: 'x'.repeat(24) }),
  },
  'GET /api/v1/wxacode/:scene/target': {
    owner: 'resident',
    expect: [404, 404, 404, 404, 404],
    params: () => ({ scene: 'x'.repeat(24) }),
  },
  'POST /api/v1/auth/qr/:ticket/refuse': {
    owner: 'staff',
    expect: [401, 403, 404, 404, 404],
    params: () => ({ ticket: 'x'.repeat(32) }),
    body: () => ({}),
  },
  'GET /api/v1/orgs': { owner: 'resident', expect: [200, 200, 200, 200, 200] },
  // probes and metrics sit outside /api (nginx does not proxy them); /metrics answers loopback
  // callers without METRICS_TOKEN, and every injected request comes from 127.0.0.1
  'GET /livez': { owner: 'resident', expect: [200, 200, 200, 200, 200] },
  'GET /readyz': { owner: 'resident', expect: [200, 200, 200, 200, 200] },
  'GET /metrics': { owner: 'resident', expect: [200, 200, 200, 200, 200] },

  // ---- me, children, messages
  'GET /api/v1/me': { owner: 'resident', expect: [401, 200, 200, 200, 200] },
  'GET /api/v1/me/upcoming': { owner: 'resident', expect: [401, 200, 200, 200, 200] },
  // WeChat is not configured in tests: past authentication, every caller gets 503
  'POST /api/v1/me/phone/wechat': {
    owner: 'resident',
    expect: [401, 503, 503, 503, 503],
    body: () => ({ code: 'matrix-code' }),
  },
  // ---- files: uploads are multipart (a JSON body is past authentication, then 415); an image is
  // read by its owner and the staff of the station its booking is for (the admin sees every station)
  'POST /api/v1/files': {
    owner: 'resident',
    expect: [401, 415, 415, 415, 415],
    body: () => ({ purpose: 'station_proof' }),
  },
  'GET /api/v1/files/:fileId': {
    owner: 'resident',
    expect: [401, 404, 404, 200, 200],
    params: (f) => ({ fileId: f.fileId }),
  },
  'PUT /api/v1/me': {
    owner: 'resident',
    expect: [401, 200, 200, 200, 200],
    body: () => ({ name: '林晓' }),
  },
  'GET /api/v1/me/data-export': { owner: 'resident', expect: [401, 200, 200, 200, 200] },
  'GET /api/v1/me/children': { owner: 'resident', expect: [401, 200, 200, 200, 200] },
  // the first account to add an ID number owns the child; every later one files a guardian request
  'POST /api/v1/me/children': {
    owner: 'resident',
    expect: [401, 201, 202, 202, 202],
    body: () => ({ name: '林小川', idNumber: '310104201809010030' }),
  },
  'GET /api/v1/messages': { owner: 'resident', expect: [401, 200, 200, 200, 200] },
  'GET /api/v1/messages/unread-count': { owner: 'resident', expect: [401, 200, 200, 200, 200] },
  'GET /api/v1/messages/templates': { owner: 'resident', expect: [401, 200, 200, 200, 200] },
  'POST /api/v1/messages/grants': {
    owner: 'resident',
    expect: [401, 200, 200, 200, 200],
    body: () => ({ kinds: ['offer'] }),
  },
  'POST /api/v1/messages/:id/read': {
    owner: 'resident',
    expect: [401, 404, 404, 200, 404],
    params: id((f) => f.messageId),
  },
  'POST /api/v1/messages/read-all': { owner: 'resident', expect: [401, 200, 200, 200, 200] },

  'GET /api/v1/me/children/requests': { owner: 'resident', expect: [401, 200, 200, 200, 200] },

  // ---- admin
  'GET /api/v1/admin/id-verifications': { owner: 'staff', expect: [401, 403, 403, 403, 200] },
  'GET /api/v1/admin/users': {
    owner: 'staff',
    expect: [401, 403, 403, 403, 200],
    query: () => ({ q: '青年' }),
  },
  'PUT /api/v1/admin/users/:userId/role': {
    owner: 'staff',
    expect: [401, 403, 403, 403, 200],
    params: (f) => ({ userId: f.bystanderId }),
    body: () => ({ role: 'resident' }),
  },
  'GET /api/v1/admin/orgs/:orgId/members': {
    owner: 'staff',
    expect: [401, 403, 403, 403, 200],
    params: (f) => ({ orgId: f.stationId }),
  },
  'POST /api/v1/admin/orgs/:orgId/members': {
    owner: 'staff',
    expect: [401, 403, 403, 403, 200],
    params: (f) => ({ orgId: f.stationId }),
    body: (f) => ({ userId: f.bystanderId }),
  },
  'DELETE /api/v1/admin/orgs/:orgId/members/:userId': {
    owner: 'staff',
    expect: [401, 403, 403, 403, 200],
    params: (f) => ({ orgId: f.stationId, userId: f.bystanderId }),
  },
  'GET /api/v1/admin/audit': { owner: 'staff', expect: [401, 403, 403, 403, 200] },
  'GET /api/v1/admin/audit.csv': { owner: 'staff', expect: [401, 403, 403, 403, 200] },
  'GET /api/v1/organizer/today': { owner: 'staff', expect: [401, 403, 200, 200, 200] },

  // ---- childcare
  'GET /api/v1/childcare/programmes': { owner: 'resident', expect: [200, 200, 200, 200, 200] },
  'GET /api/v1/childcare/programmes/:id': {
    owner: 'resident',
    expect: [200, 200, 200, 200, 200],
    params: id((f) => f.programmeId),
  },
  'GET /api/v1/childcare/programmes/:id/stats': {
    owner: 'resident',
    expect: [200, 200, 200, 200, 200],
    params: id((f) => f.programmeId),
  },
  'POST /api/v1/childcare/programmes': {
    // the district's calendar: the committee (admin) only
    owner: 'staff',
    expect: [401, 403, 403, 403, 201],
    body: () => ({
      name: `矩阵暑托班${Math.random().toString(36).slice(2, 8)}`,
      season: 'summer',
      prefillOpensAt: '2027-05-01T00:00:00.000Z',
      registrationOpensAt: '2027-05-10T00:00:00.000Z',
      registrationClosesAt: '2027-06-10T00:00:00.000Z',
    }),
  },
  'GET /api/v1/childcare/programmes/:id/notice-acceptance': {
    // any signed-in parent, for their own agreement
    owner: 'resident',
    expect: [401, 200, 200, 200, 200],
    params: id((f) => f.programmeId),
  },
  'POST /api/v1/childcare/programmes/:id/notice-acceptance': {
    owner: 'resident',
    expect: [401, 200, 200, 200, 200],
    params: id((f) => f.programmeId),
  },
  'GET /api/v1/childcare/programmes/:id/basket': {
    owner: 'resident',
    expect: [401, 200, 200, 200, 200],
    params: id((f) => f.programmeId),
  },
  'PUT /api/v1/childcare/programmes/:id/basket': {
    // the family's own children only: anyone else's answers as missing
    owner: 'resident',
    expect: [401, 404, 404, 200, 404],
    params: id((f) => f.programmeId),
    body: (f) => ({ mode: 'each', items: [{ classId: f.classId, childIds: [f.childId] }] }),
  },
  'POST /api/v1/childcare/enrollments/basket': {
    // nothing saved by the others; the owner's child already holds this period's class
    owner: 'resident',
    expect: [401, 404, 404, 201, 404],
    body: (f) => ({ programmeId: f.programmeId }),
  },
  'DELETE /api/v1/childcare/programmes/:id/basket': {
    owner: 'resident',
    expect: [401, 404, 404, 204, 404],
    params: id((f) => f.programmeId),
  },
  'POST /api/v1/childcare/reductions': {
    // for the family's own child only: anyone else's answers as missing
    owner: 'resident',
    expect: [401, 404, 404, 201, 404],
    body: (f) => ({ programmeId: f.programmeId, childId: f.childId, category: 'dibao' }),
  },
  'GET /api/v1/childcare/reductions/mine': {
    owner: 'resident',
    expect: [401, 200, 200, 200, 200],
  },
  'POST /api/v1/childcare/reductions/:id/withdraw': {
    // nobody's application: the family's own withdrawal is in tests/api/childcare/fee-reductions
    owner: 'resident',
    expect: [401, 404, 404, 404, 404],
    params: () => ({ id: '999999' }),
  },
  'POST /api/v1/childcare/reductions/:id/decision': {
    owner: 'staff',
    expect: [401, 403, 403, 403, 404],
    params: () => ({ id: '999999' }),
    body: () => ({ decision: 'approve', percentOff: 100 }),
  },
  'GET /api/v1/childcare/reductions': {
    // hardship is the committee's to judge: not site staff
    owner: 'staff',
    expect: [401, 403, 403, 403, 200],
  },
  'PUT /api/v1/childcare/programmes/:id/local-schools': {
    // the district's programme: the committee (admin) only; null keeps the fixture open to all
    owner: 'staff',
    expect: [401, 403, 403, 403, 200],
    params: id((f) => f.programmeId),
    body: () => ({ schools: null }),
  },
  'POST /api/v1/childcare/programmes/:id/periods': {
    owner: 'staff',
    expect: [401, 403, 403, 403, 201],
    params: id((f) => f.programmeId),
    body: () => ({ seq: 7, name: '第七期', startsOn: '2027-03-01', endsOn: '2027-03-12' }),
  },
  'POST /api/v1/childcare/classes': {
    owner: 'staff',
    expect: [401, 403, 404, 201, 201],
    body: (f) => ({
      periodId: f.periodId,
      siteId: f.siteId,
      name: `矩阵班${Math.random().toString(36).slice(2, 6)}`,
      capacity: 30,
      gradeMin: 1,
      gradeMax: 5,
      feeFen: 0,
    }),
  },
  'GET /api/v1/childcare/classes/:id': {
    owner: 'resident',
    expect: [200, 200, 200, 200, 200],
    params: id((f) => f.classId),
  },
  'PATCH /api/v1/childcare/classes/:id': {
    owner: 'staff',
    expect: [401, 403, 404, 200, 200],
    params: id((f) => f.classId),
    body: () => ({ whatToBring: '水杯' }),
  },
  'GET /api/v1/childcare/classes/:id/roster': {
    owner: 'staff',
    expect: [401, 403, 404, 200, 200],
    params: id((f) => f.classId),
  },
  'GET /api/v1/childcare/classes/:id/roster.csv': {
    owner: 'staff',
    expect: [401, 403, 404, 200, 200],
    params: id((f) => f.classId),
  },
  'POST /api/v1/childcare/classes/:id/notices': {
    owner: 'staff',
    expect: [401, 403, 404, 201, 201],
    params: id((f) => f.classId),
    body: () => ({ body: '明早请带水杯' }),
  },
  'GET /api/v1/childcare/classes/:id/attendance': {
    owner: 'staff',
    expect: [401, 403, 404, 200, 200],
    params: id((f) => f.classId),
  },
  'GET /api/v1/childcare/classes/:id/attendance.csv': {
    owner: 'staff',
    expect: [401, 403, 404, 200, 200],
    params: id((f) => f.classId),
  },
  'GET /api/v1/childcare/children': { owner: 'resident', expect: [401, 200, 200, 200, 200] },
  'PATCH /api/v1/childcare/children/:id': {
    owner: 'resident',
    expect: [401, 404, 404, 200, 404],
    params: id((f) => f.childId),
    body: () => ({ healthNotes: '花生过敏' }),
  },
  'POST /api/v1/childcare/children/:id/guardians': {
    owner: 'resident',
    expect: [401, 404, 404, 201, 404],
    params: id((f) => f.childId),
    body: () => ({ name: '林建国', relation: '爷爷', phone: '13700002222' }),
  },
  'DELETE /api/v1/childcare/children/:id/guardians/:guardianId': {
    owner: 'resident',
    expect: [401, 404, 404, 204, 404],
    params: (f) => ({ id: f.childId, guardianId: f.guardianId }),
  },
  'POST /api/v1/childcare/enrollments': {
    owner: 'resident',
    expect: [401, 404, 404, 409, 404],
    body: (f) => ({ classId: f.classId, childIds: [f.childId] }),
  },
  'GET /api/v1/childcare/enrollments/mine': {
    owner: 'resident',
    expect: [401, 200, 200, 200, 200],
  },
  'POST /api/v1/childcare/enrollments/:id/accept': {
    owner: 'resident',
    expect: [401, 404, 404, 409, 404],
    params: id((f) => f.enrollmentId),
  },
  // without WeChat Pay configured (as here) 去支付 answers 503 to everyone signed in
  'POST /api/v1/childcare/enrollments/:id/pay': {
    owner: 'resident',
    expect: [401, 503, 503, 503, 503],
    params: id((f) => f.enrollmentId),
  },
  'POST /api/v1/childcare/enrollments/:id/decline': {
    owner: 'resident',
    expect: [401, 404, 404, 409, 404],
    params: id((f) => f.enrollmentId),
  },
  'POST /api/v1/childcare/enrollments/:id/cancel': {
    owner: 'resident',
    expect: [401, 404, 404, 200, 404],
    params: id((f) => f.enrollmentId),
  },
  'GET /api/v1/childcare/staff/classes': { owner: 'staff', expect: [401, 403, 200, 200, 200] },
  'GET /api/v1/childcare/staff/counts': {
    owner: 'staff',
    expect: [401, 403, 200, 200, 200],
    query: (f) => ({ programmeId: f.programmeId }),
  },
  'POST /api/v1/childcare/attendance': {
    owner: 'staff',
    expect: [401, 403, 400, 400, 400],
    body: () => ({ code: 'not-a-pickup-code', kind: 'drop_off' }),
  },
  'DELETE /api/v1/me/children/:id': {
    owner: 'resident',
    expect: [401, 404, 404, 204, 404],
    params: id((f) => f.childId),
  },

  'GET /api/v1/childcare/classes/:id/uncollected': {
    owner: 'staff',
    expect: [401, 403, 404, 200, 200],
    params: id((f) => f.classId),
  },

  // ---- stations
  'GET /api/v1/stations/:stationId/rules': {
    owner: 'resident',
    expect: [200, 200, 200, 200, 200],
    params: (f) => ({ stationId: f.stationId }),
  },
  'PUT /api/v1/stations/:stationId/rules': {
    owner: 'staff',
    expect: [401, 403, 404, 200, 200],
    params: (f) => ({ stationId: f.stationId }),
    body: () => ({ maxNightsPerStay: 7 }),
  },
  'GET /api/v1/stations': { owner: 'resident', expect: [200, 200, 200, 200, 200] },
  'GET /api/v1/stations/settings': { owner: 'resident', expect: [200, 200, 200, 200, 200] },
  // the district defaults: admin only; a station's own rules are PUT /stations/:stationId/rules
  'PUT /api/v1/stations/settings': {
    owner: 'staff',
    expect: [401, 403, 403, 403, 200],
    body: () => ({ autoApprove: false }),
  },
  'GET /api/v1/stations/me': { owner: 'resident', expect: [401, 200, 200, 200, 200] },
  'GET /api/v1/stations/eligibility': { owner: 'resident', expect: [401, 200, 200, 200, 200] },
  // the fixture's file is the resident's and already the booking's proof: nobody else may claim it
  'POST /api/v1/stations/proofs': {
    owner: 'resident',
    expect: [401, 404, 404, 409, 404],
    body: (f) => ({ kind: 'offer', fileId: f.fileId }),
  },
  'GET /api/v1/stations/:stationId': {
    owner: 'resident',
    expect: [200, 200, 200, 200, 200],
    params: (f) => ({ stationId: f.stationId }),
  },
  'PATCH /api/v1/stations/:stationId': {
    owner: 'staff',
    expect: [401, 403, 404, 200, 200],
    params: (f) => ({ stationId: f.stationId }),
    body: () => ({ summary: '近地铁，24小时前台' }),
  },
  'POST /api/v1/stations/:stationId/room-types': {
    owner: 'staff',
    expect: [401, 403, 404, 201, 201],
    params: (f) => ({ stationId: f.stationId }),
    body: () => ({
      code: `mx${Math.random().toString(36).slice(2, 6)}`,
      name: '单人间',
      gender: 'any',
      beds: 2,
    }),
  },
  'PATCH /api/v1/stations/:stationId/room-types/:roomTypeId': {
    owner: 'staff',
    expect: [401, 403, 404, 200, 200],
    params: (f) => ({ stationId: f.stationId, roomTypeId: f.roomTypeId }),
    body: () => ({ name: '双人间' }),
  },
  'PUT /api/v1/stations/:stationId/room-types/:roomTypeId/nights/:night': {
    owner: 'staff',
    expect: [401, 403, 404, 204, 204],
    params: (f) => ({ stationId: f.stationId, roomTypeId: f.roomTypeId, night: f.night }),
    body: () => ({ closed: false }),
  },
  'GET /api/v1/stations/:stationId/staff/bookings': {
    owner: 'staff',
    expect: [401, 403, 404, 200, 200],
    params: (f) => ({ stationId: f.stationId }),
  },
  'GET /api/v1/stations/:stationId/staff/bookings.csv': {
    owner: 'staff',
    expect: [401, 403, 404, 200, 200],
    params: (f) => ({ stationId: f.stationId }),
  },
  'GET /api/v1/stations/:stationId/staff/occupancy': {
    owner: 'staff',
    expect: [401, 403, 404, 200, 200],
    params: (f) => ({ stationId: f.stationId }),
  },
  'GET /api/v1/stations/:stationId/staff/occupancy.csv': {
    owner: 'staff',
    expect: [401, 403, 404, 200, 200],
    params: (f) => ({ stationId: f.stationId }),
  },
  'GET /api/v1/stations/bookings/:bookingId': {
    owner: 'resident',
    expect: [401, 404, 404, 200, 404],
    params: (f) => ({ bookingId: f.bookingId }),
  },
  'GET /api/v1/stations/bookings/:bookingId/proof': {
    owner: 'resident',
    expect: [401, 404, 404, 200, 200],
    params: (f) => ({ bookingId: f.bookingId }),
  },
  'POST /api/v1/stations/bookings/:bookingId/approve': {
    owner: 'staff',
    expect: [401, 403, 404, 200, 409],
    params: (f) => ({ bookingId: f.bookingId }),
  },
  'POST /api/v1/stations/bookings/:bookingId/check-out': {
    owner: 'staff',
    expect: [401, 403, 404, 409, 409],
    params: (f) => ({ bookingId: f.bookingId }),
  },
  'POST /api/v1/stations/bookings/:bookingId/dates': {
    owner: 'resident',
    expect: [401, 404, 404, 200, 404],
    params: (f) => ({ bookingId: f.bookingId }),
    // its own dates again: judged, and nothing changes for the rows after it
    body: () => ({ checkIn: '2026-12-05', nights: 2 }),
  },
  'PUT /api/v1/stations/bookings/:bookingId/late-arrival': {
    owner: 'resident',
    expect: [401, 404, 404, 200, 404],
    params: (f) => ({ bookingId: f.bookingId }),
    body: () => ({ time: '23:30' }),
  },
  'DELETE /api/v1/stations/bookings/:bookingId/late-arrival': {
    owner: 'resident',
    expect: [401, 404, 404, 200, 404],
    params: (f) => ({ bookingId: f.bookingId }),
  },
  'POST /api/v1/stations/bookings/:bookingId/cancel': {
    owner: 'resident',
    expect: [401, 404, 404, 200, 404],
    params: (f) => ({ bookingId: f.bookingId }),
  },
  'POST /api/v1/stations/bookings/:bookingId/reject': {
    owner: 'staff',
    expect: [401, 403, 404, 409, 409],
    params: (f) => ({ bookingId: f.bookingId }),
    body: () => ({ reason: '材料不全' }),
  },
  'POST /api/v1/stations/scan/check-in': {
    owner: 'staff',
    expect: [401, 403, 400, 400, 400],
    body: () => ({ code: 'not-a-booking-code' }),
  },
  'POST /api/v1/stations/scan/check-out': {
    owner: 'staff',
    expect: [401, 403, 400, 400, 400],
    body: () => ({ code: 'not-a-booking-code' }),
  },
  'POST /api/v1/stations/:stationId/bookings': {
    owner: 'resident',
    expect: [401, 400, 400, 201, 400],
    params: (f) => ({ stationId: f.stationId }),
    body: (f) => ({
      roomTypeId: f.roomTypeId,
      checkIn: f.night,
      nights: 1,
      declaredStatus: 'job_seeking',
      noLocalHome: true,
    }),
  },
  // a hold on other dates, so the rows after keep their booking as it was
  'POST /api/v1/stations/:stationId/holds': {
    owner: 'resident',
    expect: [401, 400, 400, 201, 400],
    params: (f) => ({ stationId: f.stationId }),
    body: (f) => ({ roomTypeId: f.roomTypeId, checkIn: '2026-12-20', nights: 1 }),
  },
  // the fixture's booking is a request, not a hold: judged (409) only for its owner
  'POST /api/v1/stations/bookings/:bookingId/eligibility': {
    owner: 'resident',
    expect: [401, 404, 404, 409, 404],
    params: (f) => ({ bookingId: f.bookingId }),
    body: () => ({ declaredStatus: 'job_seeking', noLocalHome: true }),
  },
  // the committee's list of requests not reviewed in time
  'GET /api/v1/stations/overdue-reviews': {
    owner: 'staff',
    expect: [401, 403, 403, 403, 200],
  },
  // the holidays and 调休 workdays the review deadline is counted in: the committee's
  'GET /api/v1/stations/calendar-days': {
    owner: 'staff',
    expect: [401, 403, 403, 403, 200],
  },
  'PUT /api/v1/stations/calendar-days/:day': {
    owner: 'staff',
    expect: [401, 403, 403, 403, 200],
    params: () => ({ day: '2031-01-01' }),
    body: () => ({ kind: 'holiday', note: '元旦' }),
  },
  'DELETE /api/v1/stations/calendar-days/:day': {
    owner: 'staff',
    expect: [401, 403, 403, 403, 204],
    params: () => ({ day: '2031-01-01' }),
  },

  // ---- volunteer
  'GET /api/v1/volunteer/certificates/:code': {
    owner: 'resident',
    expect: [404, 404, 404, 404, 404],
    params: () => ({ code: 'NOSUCHCERT' }),
  },
  'GET /api/v1/volunteer/tasks': { owner: 'resident', expect: [401, 200, 200, 200, 200] },
  'POST /api/v1/volunteer/tasks': {
    owner: 'staff',
    expect: [401, 403, 404, 201, 201],
    body: (f) => ({ orgId: f.teamId, title: '社区敬老' }),
  },
  'GET /api/v1/volunteer/tasks/:id': {
    owner: 'resident',
    expect: [200, 200, 200, 200, 200],
    params: id((f) => f.taskId),
  },
  'POST /api/v1/volunteer/tasks/:id/shifts': {
    owner: 'staff',
    expect: [401, 403, 404, 201, 201],
    params: id((f) => f.taskId),
    body: () => ({
      startsAt: '2026-12-21T01:00:00Z',
      endsAt: '2026-12-21T03:00:00Z',
      place: '长风公园4号门',
      lat: 31.2236,
      lng: 121.3935,
      needed: 5,
    }),
  },
  'GET /api/v1/volunteer/tasks/:id/hours.csv': {
    owner: 'staff',
    expect: [401, 403, 404, 200, 200],
    params: id((f) => f.taskId),
  },
  'GET /api/v1/volunteer/shifts/:id/signups': {
    owner: 'staff',
    expect: [401, 403, 404, 200, 200],
    params: id((f) => f.shiftId),
  },
  'POST /api/v1/volunteer/shifts/:id/signups': {
    owner: 'resident',
    expect: [401, 201, 201, 409, 409],
    params: id((f) => f.shiftId),
  },
  'GET /api/v1/volunteer/shifts/:id/checkin-code': {
    owner: 'staff',
    expect: [401, 403, 404, 200, 200],
    params: id((f) => f.shiftId),
  },
  // the fixture's shift is weeks away: the secret is not handed out yet (409), but only after
  // the caller passed as one of the shift's organizers
  'GET /api/v1/volunteer/shifts/:id/checkin-secret': {
    owner: 'staff',
    expect: [401, 403, 404, 409, 409],
    params: id((f) => f.shiftId),
  },
  'POST /api/v1/volunteer/checkins': {
    owner: 'resident',
    expect: [401, 400, 400, 400, 404],
    body: (f) => ({
      shiftId: f.shiftId,
      kind: 'in',
      nonce: `matrix-${Math.random().toString(36).slice(2, 10)}`,
      token: 'not-a-code',
    }),
  },
  'POST /api/v1/volunteer/signups/:id/confirm': {
    owner: 'staff',
    expect: [401, 403, 404, 409, 409],
    params: id((f) => f.signupId),
  },
  'POST /api/v1/volunteer/signups/:id/corrections': {
    owner: 'staff',
    expect: [401, 403, 404, 201, 201],
    params: id((f) => f.signupId),
    body: () => ({ hours: 1, reason: '补录' }),
  },
  'DELETE /api/v1/volunteer/signups/:id': {
    owner: 'resident',
    expect: [401, 404, 404, 200, 404],
    params: id((f) => f.signupId),
  },
  'GET /api/v1/volunteer/me/shifts': { owner: 'resident', expect: [401, 200, 200, 200, 200] },
  'GET /api/v1/volunteer/me/hours': { owner: 'resident', expect: [401, 200, 200, 200, 200] },
  'GET /api/v1/volunteer/me/hours.csv': { owner: 'resident', expect: [401, 200, 200, 200, 200] },
  'POST /api/v1/volunteer/me/certificates': {
    owner: 'resident',
    expect: [401, 409, 409, 201, 409],
  },
  // teams: anyone signed in may ask to join; only the team's leader (its staff) or an admin decides
  'POST /api/v1/volunteer/teams/:id/members': {
    owner: 'resident',
    expect: [401, 201, 201, 201, 201],
    params: id((f) => f.teamId),
  },
  'GET /api/v1/volunteer/me/skills': { owner: 'resident', expect: [401, 200, 200, 200, 200] },
  'PUT /api/v1/volunteer/me/skills': {
    owner: 'resident',
    expect: [401, 200, 200, 200, 200],
    body: () => ({ skills: ['急救'] }),
  },
  'GET /api/v1/volunteer/me/teams': { owner: 'resident', expect: [401, 200, 200, 200, 200] },
  'GET /api/v1/volunteer/team-members': { owner: 'staff', expect: [401, 403, 200, 200, 200] },
  // the named-volunteer pick for 派单: any organizer (masked names and phones), never a resident
  'GET /api/v1/volunteer/volunteers': { owner: 'staff', expect: [401, 403, 200, 200, 200] },
  'POST /api/v1/volunteer/team-members/:id/decision': {
    owner: 'staff',
    expect: [401, 403, 404, 200, 409],
    params: id((f) => f.teamMemberId),
    body: () => ({ decision: 'approved' }),
  },
  // the certificate of the caller's own hours: nobody but the volunteer gets their full name
  'GET /api/v1/volunteer/me/certificate.pdf': {
    owner: 'resident',
    expect: [401, 409, 409, 200, 409],
  },
  'POST /api/v1/volunteer/requests': {
    owner: 'resident',
    expect: [401, 201, 201, 201, 201],
    body: (f) => ({
      committeeId: f.requestCommitteeId,
      title: '帮忙买菜',
      place: '长风新村',
      wantedAt: '2026-12-10T02:00:00Z',
      contactName: '林晓',
      contactPhone: '13912345678',
    }),
  },
  'GET /api/v1/volunteer/requests': { owner: 'resident', expect: [401, 200, 200, 200, 200] },
  'GET /api/v1/volunteer/requests/:id': {
    owner: 'resident',
    expect: [401, 404, 404, 200, 200],
    params: id((f) => f.requestId),
  },
  'POST /api/v1/volunteer/requests/:id/actions': {
    owner: 'resident',
    expect: [401, 404, 404, 200, 409],
    params: id((f) => f.requestId),
    body: () => ({ action: 'cancel' }),
  },

  'GET /api/v1/volunteer/me/correction-requests': {
    owner: 'resident',
    expect: [401, 200, 200, 200, 200],
  },
  'GET /api/v1/volunteer/correction-requests': {
    owner: 'staff',
    expect: [401, 403, 200, 200, 200],
  },
  'GET /api/v1/volunteer/appeals': { owner: 'staff', expect: [401, 403, 200, 200, 200] },
  // an appeal is for a barred volunteer: nobody here is barred
  'POST /api/v1/volunteer/appeals': {
    owner: 'resident',
    expect: [401, 409, 409, 409, 409],
    body: () => ({ reason: '我没有造假，请核实' }),
  },
  'POST /api/v1/volunteer/appeals/:id/decision': {
    owner: 'staff',
    expect: [401, 403, 404, 404, 404],
    params: () => ({ id: '999999' }),
    body: () => ({ decision: 'rejected' }),
  },
  'POST /api/v1/volunteer/correction-requests/:id/decision': {
    owner: 'staff',
    expect: [401, 403, 404, 404, 404],
    params: () => ({ id: '999999' }),
    body: () => ({ decision: 'rejected', note: '记录无误' }),
  },
  // the shift has not started: one tap confirms nothing, but the staff of the task may press it
  'POST /api/v1/volunteer/shifts/:id/hours/confirm': {
    owner: 'staff',
    expect: [401, 403, 404, 200, 200],
    params: id((f) => f.shiftId),
  },
  // nothing reported yet for the request
  'POST /api/v1/volunteer/requests/:id/hours/confirm': {
    owner: 'staff',
    expect: [401, 403, 404, 409, 409],
    params: id((f) => f.requestId),
  },
  'POST /api/v1/volunteer/signups/:id/correction-requests': {
    owner: 'resident',
    expect: [401, 404, 404, 201, 404],
    params: id((f) => f.signupId),
    body: () => ({ hours: 2, reason: '实际服务了两小时' }),
  },
  // the staff voids the sign-up (a row back to 0); the admin then finds it voided
  'POST /api/v1/volunteer/signups/:id/void': {
    owner: 'staff',
    expect: [401, 403, 404, 201, 409],
    params: id((f) => f.signupId),
    body: () => ({ reason: '签到记录造假' }),
  },

  // ---- night school
  'GET /api/v1/night-school/courses': { owner: 'resident', expect: [200, 200, 200, 200, 200] },
  'GET /api/v1/night-school/courses/:id': {
    owner: 'resident',
    expect: [200, 200, 200, 200, 200],
    params: id((f) => f.courseId),
  },
  'GET /api/v1/night-school/terms/:id': {
    owner: 'resident',
    expect: [200, 200, 200, 200, 200],
    params: id((f) => f.termId),
  },
  'GET /api/v1/night-school/terms/:id/draw': {
    owner: 'resident',
    expect: [200, 200, 200, 200, 200],
    params: id((f) => f.termId),
  },
  'GET /api/v1/night-school/terms/:id/stats': {
    owner: 'resident',
    expect: [200, 200, 200, 200, 200],
    params: id((f) => f.termId),
  },
  'GET /api/v1/night-school/terms/:id/draw/mine': {
    owner: 'resident',
    expect: [401, 200, 200, 200, 200],
    params: id((f) => f.termId),
  },
  'GET /api/v1/night-school/me': { owner: 'resident', expect: [401, 200, 200, 200, 200] },
  'POST /api/v1/night-school/applications': {
    owner: 'resident',
    expect: [401, 403, 403, 409, 403],
    body: (f) => ({ courseId: f.courseId }),
  },
  'POST /api/v1/night-school/applications/:id/confirm': {
    owner: 'resident',
    expect: [401, 404, 404, 200, 404],
    params: id((f) => f.applicationId),
  },
  'POST /api/v1/night-school/applications/:id/decline': {
    owner: 'resident',
    expect: [401, 404, 404, 409, 404],
    params: id((f) => f.applicationId),
  },
  'POST /api/v1/night-school/checkins': {
    owner: 'resident',
    expect: [401, 400, 400, 400, 400],
    body: () => ({ code: 'not-a-session-code' }),
  },
  'POST /api/v1/night-school/checkins/pin': {
    owner: 'resident',
    expect: [401, 403, 403, 409, 403],
    body: (f) => ({ courseId: f.courseId, pin: '123456' }),
  },
  'POST /api/v1/night-school/appeals': {
    owner: 'resident',
    expect: [401, 409, 409, 409, 409],
    body: () => ({ reason: '生病请假，有医院证明' }),
  },
  'GET /api/v1/night-school/excellent-awards': {
    owner: 'resident',
    expect: [401, 200, 200, 200, 200],
  },
  'POST /api/v1/night-school/excellent-awards/:id/redeem': {
    owner: 'resident',
    expect: [401, 404, 404, 404, 404],
    params: () => ({ id: '999999' }),
    body: (f) => ({ courseId: f.courseId }),
  },
  'GET /api/v1/night-school/admin/terms/:id/excellent-learners': {
    owner: 'staff',
    expect: [401, 403, 404, 200, 200],
    params: id((f) => f.termId),
  },
  'POST /api/v1/night-school/admin/terms/:id/excellent-learners': {
    owner: 'staff',
    expect: [401, 403, 404, 409, 409],
    params: id((f) => f.termId),
  },
  'GET /api/v1/night-school/admin/appeals': { owner: 'staff', expect: [401, 403, 200, 200, 200] },
  'POST /api/v1/night-school/admin/appeals/:id/decision': {
    owner: 'staff',
    expect: [401, 403, 404, 404, 404],
    params: () => ({ id: '999999' }),
    body: () => ({ decision: 'accepted' }),
  },
  'GET /api/v1/night-school/admin/terms': { owner: 'staff', expect: [401, 403, 200, 200, 200] },
  'POST /api/v1/night-school/admin/terms': {
    owner: 'staff',
    expect: [401, 403, 404, 201, 201],
    body: (f) => ({
      orgId: f.termCommitteeId,
      name: `矩阵学期${Math.random().toString(36).slice(2, 6)}`,
      allocation: 'lottery',
      opensAt: '2027-02-01T02:00:00.000Z',
      closesAt: '2027-02-10T14:00:00.000Z',
      drawAt: '2027-02-11T02:00:00.000Z',
    }),
  },
  'PATCH /api/v1/night-school/admin/terms/:id': {
    owner: 'staff',
    expect: [401, 403, 404, 200, 200],
    params: id((f) => f.termId),
    body: () => ({ confirmHours: 48 }),
  },
  'GET /api/v1/night-school/admin/terms/:id/stats': {
    owner: 'staff',
    expect: [401, 403, 404, 200, 200],
    params: id((f) => f.termId),
  },
  'POST /api/v1/night-school/admin/terms/:id/courses': {
    owner: 'staff',
    expect: [401, 403, 404, 201, 201],
    params: id((f) => f.termId),
    body: () => ({
      title: '咖啡拉花',
      category: '生活',
      teacher: '周老师',
      venueName: '徐汇青年活动中心',
      venueAddress: '漕溪北路336号',
      district: '徐汇区',
      lat: 31.19,
      lng: 121.44,
      weekday: 3,
      startTime: '19:00',
      endTime: '20:30',
      startDate: '2027-01-06',
      sessions: 8,
      capacity: 20,
    }),
  },
  // the draw runs at its announced time; only an admin may run an overdue one (the fixture's term
  // is first come: the admin's call is judged NOT_LOTTERY)
  'POST /api/v1/night-school/admin/terms/:id/draw': {
    owner: 'staff',
    expect: [401, 403, 404, 403, 409],
    params: id((f) => f.termId),
  },
  'POST /api/v1/night-school/admin/terms/:id/public-value': {
    owner: 'staff',
    expect: [401, 403, 404, 409, 409],
    params: id((f) => f.termId),
    body: () => ({ value: '3268.45', source: '上证指数收盘价' }),
  },
  'PATCH /api/v1/night-school/admin/courses/:id': {
    owner: 'staff',
    expect: [401, 403, 404, 200, 200],
    params: id((f) => f.courseId),
    body: () => ({ teacher: '沈老师' }),
  },
  'GET /api/v1/night-school/admin/courses/:id/roster': {
    owner: 'staff',
    expect: [401, 403, 404, 200, 200],
    params: id((f) => f.courseId),
  },
  'GET /api/v1/night-school/admin/courses/:id/roster.csv': {
    owner: 'staff',
    expect: [401, 403, 404, 200, 200],
    params: id((f) => f.courseId),
  },
  'GET /api/v1/night-school/admin/courses/:id/sessions/:no/code': {
    owner: 'staff',
    expect: [401, 403, 404, 200, 200],
    params: (f) => ({ id: f.courseId, no: '1' }),
  },
  'PUT /api/v1/night-school/admin/courses/:id/sessions/:no/attendance': {
    owner: 'staff',
    // the course starts in January: a session that has not begun cannot be marked yet
    expect: [401, 403, 404, 409, 409],
    params: (f) => ({ id: f.courseId, no: '1' }),
    body: (f) => ({ userId: f.residentId, status: 'present' }),
  },
  'POST /api/v1/night-school/applications/:id/withdraw': {
    owner: 'resident',
    expect: [401, 404, 404, 200, 404],
    params: id((f) => f.applicationId),
  },

  // ---- payments: the matrix runs without WeChat Pay configured, so every signed-in caller past
  // authorization hears 503 PAYMENTS_NOT_CONFIGURED; the callback is WeChat's, never a user's
  'POST /api/v1/night-school/applications/:id/pay': {
    owner: 'resident',
    expect: [401, 503, 503, 503, 503],
    params: id((f) => f.applicationId),
  },
  'POST /api/v1/payments/orders/:id/refresh': {
    owner: 'resident',
    expect: [401, 404, 404, 404, 404],
    params: () => ({ id: '1' }),
  },
  'POST /api/v1/payments/admin/orders/:id/refunds': {
    owner: 'staff',
    expect: [401, 403, 503, 503, 503],
    params: () => ({ id: '1' }),
    body: () => ({ amountFen: 100, reason: '矩阵测试' }),
  },
  'POST /api/v1/payments/wechat/notify': {
    owner: 'resident',
    expect: [503, 503, 503, 503, 503],
    body: () => ({ event_type: 'TRANSACTION.SUCCESS' }),
  },

  // ---- guardian requests, last of the resident's rows: an approved relative sees the child after it
  'POST /api/v1/me/children/requests/:id/approve': {
    owner: 'resident',
    expect: [401, 404, 404, 200, 404],
    params: id((f) => f.guardianRequestId),
  },
  'POST /api/v1/me/children/requests/:id/refuse': {
    owner: 'resident',
    expect: [401, 404, 404, 200, 404],
    params: id((f) => f.secondGuardianRequestId),
  },

  // ---- dashboards: the district's are the admins'; an organization's, its staff's (another
  // organization's staff get 404, as for a missing one). Each figure also as CSV.
  ...Object.fromEntries(
    DASHBOARD_FIGURES.flatMap((name): Array<[string, MatrixRow]> => [
      [
        `GET /api/v1/dashboards/district/${name}`,
        { owner: 'staff', expect: [401, 403, 403, 403, 200] },
      ],
      [
        `GET /api/v1/dashboards/district/${name}.csv`,
        { owner: 'staff', expect: [401, 403, 403, 403, 200] },
      ],
      [
        `GET /api/v1/dashboards/orgs/:orgId/${name}`,
        {
          owner: 'staff',
          expect: [401, 403, 404, 200, 200],
          params: (f) => ({ orgId: f.stationId }),
        },
      ],
      [
        `GET /api/v1/dashboards/orgs/:orgId/${name}.csv`,
        {
          owner: 'staff',
          expect: [401, 403, 404, 200, 200],
          params: (f) => ({ orgId: f.stationId }),
        },
      ],
    ]),
  ),
  // ---- the desktop console: staff tables answer each organizer for their own organizations (200,
  // scoped); roles and the audit log are the admin's. Bulk actions answer 200 with a result per row
  // (another organization's row is refused inside it); a missing id keeps the fixture unchanged
  'GET /api/v1/console/tables/station-bookings': {
    owner: 'staff',
    expect: [401, 403, 200, 200, 200],
  },
  'GET /api/v1/console/tables/station-occupancy': {
    owner: 'staff',
    expect: [401, 403, 200, 200, 200],
  },
  'GET /api/v1/console/tables/childcare-classes': {
    owner: 'staff',
    expect: [401, 403, 200, 200, 200],
  },
  'GET /api/v1/console/tables/childcare-roster': {
    owner: 'staff',
    expect: [401, 403, 200, 200, 200],
  },
  'GET /api/v1/console/tables/childcare-attendance': {
    owner: 'staff',
    expect: [401, 403, 200, 200, 200],
  },
  'GET /api/v1/console/tables/night-school-terms': {
    owner: 'staff',
    expect: [401, 403, 200, 200, 200],
  },
  'GET /api/v1/console/tables/night-school-courses': {
    owner: 'staff',
    expect: [401, 403, 200, 200, 200],
  },
  'GET /api/v1/console/tables/night-school-applications': {
    owner: 'staff',
    expect: [401, 403, 200, 200, 200],
  },
  'GET /api/v1/console/tables/night-school-attendance': {
    owner: 'staff',
    expect: [401, 403, 200, 200, 200],
  },
  'GET /api/v1/console/tables/night-school-appeals': {
    owner: 'staff',
    expect: [401, 403, 200, 200, 200],
  },
  'GET /api/v1/console/tables/volunteer-tasks': {
    owner: 'staff',
    expect: [401, 403, 200, 200, 200],
  },
  'GET /api/v1/console/tables/volunteer-shifts': {
    owner: 'staff',
    expect: [401, 403, 200, 200, 200],
  },
  'GET /api/v1/console/tables/volunteer-hours': {
    owner: 'staff',
    expect: [401, 403, 200, 200, 200],
  },
  'GET /api/v1/console/tables/roles': { owner: 'staff', expect: [401, 403, 403, 403, 200] },
  'GET /api/v1/console/tables/audit': { owner: 'staff', expect: [401, 403, 403, 403, 200] },
  // payments: orders, daily totals and reconciliation are tables like the others (each organizer
  // their own organizations); 向微信查询 needs WeChat Pay, which the matrix runs without
  'GET /api/v1/console/tables/payments': { owner: 'staff', expect: [401, 403, 200, 200, 200] },
  'GET /api/v1/console/tables/payments-daily': {
    owner: 'staff',
    expect: [401, 403, 200, 200, 200],
  },
  'GET /api/v1/console/tables/payments-reconciliation': {
    owner: 'staff',
    expect: [401, 403, 200, 200, 200],
  },
  'GET /api/v1/console/payments.csv': { owner: 'staff', expect: [401, 403, 200, 200, 200] },
  'GET /api/v1/console/payments/offerings': {
    owner: 'staff',
    expect: [401, 403, 200, 200, 200],
  },
  'POST /api/v1/console/payments/orders/:id/query': {
    owner: 'staff',
    expect: [401, 403, 503, 503, 503],
    params: () => ({ id: '1' }),
  },
  'POST /api/v1/console/station/bookings/approve': {
    owner: 'staff',
    expect: [401, 403, 200, 200, 200],
    body: () => ({ ids: ['999999999'] }),
  },
  'POST /api/v1/console/volunteer/hours/confirm': {
    owner: 'staff',
    expect: [401, 403, 200, 200, 200],
    body: () => ({ ids: ['999999999'] }),
  },
  'POST /api/v1/console/night-school/attendance': {
    owner: 'staff',
    expect: [401, 403, 200, 200, 200],
    body: (f) => ({ courseId: f.courseId, sessionNo: 1, status: 'present', ids: ['999999999'] }),
  },

  // ---- privacy (rows owned by 'leaver' run after every other row: they end accounts)
  'DELETE /api/v1/me': {
    owner: 'leaver',
    expect: [401, 200, 403, 200, 403],
    body: () => ({ confirm: '注销账号' }),
  },
  // logging out revokes every token of the caller: the last row of all (leaver rows run last). By
  // then the other resident and the leaver have deleted their accounts (DELETE /me), so their
  // tokens are refused
  'POST /api/v1/auth/logout': { owner: 'leaver', expect: [401, 401, 204, 401, 204] },
};
