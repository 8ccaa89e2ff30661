// Every route × {anonymous, other resident, organizer of another org, owner, admin}: the status
// each gets is pinned in authorization-matrix.table.ts. The routes are enumerated from Fastify
// itself (onRoute), so a new route without a row fails this test.
import type { RouteOptions } from 'fastify';
import {
  bearer,
  DB_KIND,
  IDS,
  login,
  loginStaff,
  makeApp,
  testClock,
  type TestApp,
} from './helper';
import { MATRIX, type Fixture, type MatrixRow } from './authorization-matrix.table';
import { committeeId as xuhuiCommitteeId, createCourse, createTerm } from './night-school/fixture';
import { enrollReq, makeCatalogue, makeClass } from './childcare/fixtures';
import {
  createShift,
  createTask,
  orgId,
  COMMITTEE as PUTUO_COMMITTEE,
  OTHER_TEAM,
  TEAM,
} from './volunteer/fixtures';
import { book, resident, roomTypeId, stationIds } from './station/station-helper';
import { uploadFile } from './files/upload';

const CALLERS = ['anonymous', 'otherResident', 'otherOrganizer', 'owner', 'admin'] as const;

describe(`authorization matrix (${DB_KIND})`, () => {
  const clock = testClock('2026-12-01T02:00:00.000Z');
  const routes: string[] = [];
  let t: TestApp;
  let f: Fixture;
  let tokens: {
    resident: string;
    staff: string;
    leaver: string;
    other: string;
    foreign: string;
    admin: string;
  };

  beforeAll(async () => {
    t = await makeApp({
      now: clock.now,
      onRoute: (r: RouteOptions) => {
        for (const method of [r.method].flat()) routes.push(`${method} ${r.url}`);
      },
    });
    await t.app.ready();
    await t.app.jobs.runJob('station-inventory');
    f = await buildFixture();
  });
  afterAll(async () => t.close());

  async function buildFixture(): Promise<Fixture> {
    const stations = await stationIds(t);
    const cat = await makeCatalogue(t); // childcare site A = cat.siteId, site B = cat.otherSiteId
    const teamId = await orgId(t, TEAM);
    const termCommitteeId = await xuhuiCommitteeId(t);
    const requestCommitteeId = await orgId(t, PUTUO_COMMITTEE);
    tokens = {
      resident: await resident(t, 'mx-resident'),
      staff: await loginStaff(t, 'mx-staff', [
        termCommitteeId,
        requestCommitteeId,
        stations.a,
        cat.siteId,
        teamId,
      ]),
      leaver: await login(t.app, 'mx-leaver'),
      other: await login(t.app, 'mx-other'),
      foreign: await loginStaff(t, 'mx-foreign', [
        stations.b,
        cat.otherSiteId,
        await orgId(t, OTHER_TEAM),
      ]),
      admin: await login(t.app, 'mx-admin', 'admin'),
    };
    const as = (token: string) => ({ headers: bearer(token) });
    const created = async (res: { statusCode: number; body: string; json(): any }) => {
      if (res.statusCode >= 300) throw new Error(`fixture: ${res.statusCode} ${res.body}`);
      return res.json();
    };
    const me = await created(
      await t.app.inject({ method: 'GET', url: '/api/v1/me', ...as(tokens.resident) }),
    );
    // the target of the admin's role and membership rows: changing someone's role revokes their
    // sessions, which must not be the resident whose token the other rows use
    const bystander = await created(
      await t.app.inject({
        method: 'GET',
        url: '/api/v1/me',
        ...as(await login(t.app, 'mx-bystander')),
      }),
    );
    const child = await created(
      await t.app.inject({
        method: 'POST',
        url: '/api/v1/me/children',
        ...as(tokens.resident),
        payload: {
          name: '林小雨',
          idNumber: IDS.childFemale,
          school: '田林第三小学',
          grade: '二年级',
        },
      }),
    );
    const guardian = await created(
      await t.app.inject({
        method: 'POST',
        url: `/api/v1/childcare/children/${child.id}/guardians`,
        ...as(tokens.resident),
        payload: { name: '王秀英', relation: '外婆', phone: '13700001111' },
      }),
    );
    const classId = await makeClass(t, cat, { capacity: 10 });
    const enrollment = await created(await enrollReq(t, tokens.resident, classId, [child.id]));
    const roomType = await roomTypeId(t, stations.a, 'twin');
    const file = await created(await uploadFile(t.app, tokens.resident));
    const proof = await created(
      await t.app.inject({
        method: 'POST',
        url: '/api/v1/stations/proofs',
        ...as(tokens.resident),
        payload: { kind: 'offer', fileId: file.id },
      }),
    );
    const booking = await created(
      await book(t, tokens.resident, stations.a, {
        roomTypeId: roomType,
        checkIn: '2026-12-05',
        nights: 2,
        proofId: proof.id,
      }),
    );
    const task = await createTask(t, tokens.staff, teamId);
    const shift = await createShift(t, tokens.staff, task.id, {
      startsAt: '2026-12-20T01:00:00Z',
      endsAt: '2026-12-20T03:00:00Z',
      needed: 3,
    });
    const signup = await created(
      await t.app.inject({
        method: 'POST',
        url: `/api/v1/volunteer/shifts/${shift.id}/signups`,
        ...as(tokens.resident),
      }),
    );
    const request = await created(
      await t.app.inject({
        method: 'POST',
        url: '/api/v1/volunteer/requests',
        ...as(tokens.resident),
        payload: {
          committeeId: requestCommitteeId,
          title: '陪老人就医',
          place: '长风新村',
          wantedAt: '2026-12-09T02:00:00Z',
          contactName: '林晓',
          contactPhone: '13912345678',
        },
      }),
    );
    // a volunteer's request to join the owner's team, for the leader's decision row
    const teamMember = await created(
      await t.app.inject({
        method: 'POST',
        url: `/api/v1/volunteer/teams/${teamId}/members`,
        ...as(await login(t.app, 'matrix-team-joiner')),
      }),
    );
    const term = await createTerm(
      t,
      tokens.staff,
      {
        allocation: 'first_come',
        opensAt: '2026-12-01T01:00:00.000Z',
        closesAt: '2026-12-10T14:00:00.000Z',
      },
      '矩阵冬季夜校',
    );
    const course = await createCourse(t, tokens.staff, term.id, { startDate: '2027-01-05' });
    const application = await created(
      await t.app.inject({
        method: 'POST',
        url: '/api/v1/night-school/applications',
        ...as(tokens.resident),
        payload: { courseId: course.id },
      }),
    );
    // relatives asking to be guardians of the resident's second child (same ID number, other
    // accounts); the first child is deleted by its own row before these rows run
    const SECOND_CHILD_ID = '310104201809010057';
    await created(
      await t.app.inject({
        method: 'POST',
        url: '/api/v1/me/children',
        ...as(tokens.resident),
        payload: {
          name: '林小风',
          idNumber: SECOND_CHILD_ID,
          school: '田林第三小学',
          grade: '二年级',
        },
      }),
    );
    for (const token of [tokens.other, tokens.foreign]) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/me/children',
        ...as(token),
        payload: { name: '林小风', idNumber: SECOND_CHILD_ID },
      });
      if (res.statusCode !== 202)
        throw new Error(`fixture: guardian request ${res.statusCode} ${res.body}`);
    }
    const requests = (
      await created(
        await t.app.inject({
          method: 'GET',
          url: '/api/v1/me/children/requests',
          ...as(tokens.resident),
        }),
      )
    ).items;
    const [message] = await t.db.query<{ id: string }>(
      `INSERT INTO messages (user_id, kind, title, body, created_at) VALUES ($1, 'booking', '驿站预订已提交', '请等待审核', now()) RETURNING id::text AS id`,
      [me.id],
    );
    return {
      residentId: me.id,
      bystanderId: bystander.id,
      childId: child.id,
      guardianId: guardian.id,
      programmeId: cat.programmeId,
      periodId: cat.periodId,
      classId,
      enrollmentId: enrollment.enrollmentIds[0],
      siteId: cat.siteId,
      stationId: stations.a,
      roomTypeId: roomType,
      bookingId: booking.id,
      fileId: file.id,
      night: '2026-12-08',
      teamId,
      taskId: task.id,
      shiftId: shift.id,
      signupId: signup.id,
      requestCommitteeId,
      requestId: request.id,
      teamMemberId: teamMember.id,
      termCommitteeId,
      termId: term.id,
      courseId: course.id,
      applicationId: application.id,
      messageId: message.id,
      guardianRequestId: requests[0].id,
      secondGuardianRequestId: requests[1].id,
    };
  }

  function urlOf(key: string, row: MatrixRow): string {
    const params = row.params?.(f) ?? {};
    let url = key.slice(key.indexOf(' ') + 1).replace(/:(\w+)/g, (_, name: string) => {
      if (!(name in params)) throw new Error(`${key}: no value for :${name}`);
      return params[name];
    });
    if (url.endsWith('*')) url = url.slice(0, -1) + params['*'];
    const query = row.query?.(f);
    return query ? `${url}?${new URLSearchParams(query)}` : url;
  }

  it('has a row for every route the app serves, and no row for a route it does not', () => {
    // A HEAD route answers like its GET twin (Fastify adds it, also for the trailing-slash form).
    const hasGet = (url: string) =>
      routes.includes(`GET ${url}`) || routes.includes(`GET ${url.replace(/\/$/, '')}`);
    const served = [...new Set(routes)].filter(
      (r) => !(r.startsWith('HEAD ') && hasGet(r.slice(5))),
    );
    expect(served.filter((r) => !(r in MATRIX)).sort()).toEqual([]);
    expect(
      Object.keys(MATRIX)
        .filter((k) => !served.includes(k))
        .sort(),
    ).toEqual([]);
  });

  it('gives each caller the status the matrix pins', async () => {
    const tokenOf = (caller: (typeof CALLERS)[number], row: MatrixRow): string | null =>
      ({
        anonymous: null,
        otherResident: tokens.other,
        otherOrganizer: tokens.foreign,
        owner: tokens[row.owner],
        admin: tokens.admin,
      })[caller];
    // Rows that end an account run after all others, whatever their place in the table.
    const order = Object.entries(MATRIX).sort(
      ([, a], [, b]) => Number(a.owner === 'leaver') - Number(b.owner === 'leaver'),
    );
    const mismatches: string[] = [];
    for (const [key, row] of order) {
      const got: number[] = [];
      for (const caller of CALLERS) {
        const token = tokenOf(caller, row);
        const res = await t.app.inject({
          method: key.slice(0, key.indexOf(' ')) as 'GET',
          url: urlOf(key, row),
          headers: token ? bearer(token) : {},
          ...(row.body ? { payload: row.body(f) } : {}),
        });
        got.push(res.statusCode);
      }
      if (JSON.stringify(got) !== JSON.stringify(row.expect)) {
        mismatches.push(`'${key}': expected [${row.expect.join(', ')}], got [${got.join(', ')}]`);
      }
    }
    expect(mismatches).toEqual([]);
  });
});
