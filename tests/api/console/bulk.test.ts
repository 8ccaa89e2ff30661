// Bulk actions from the console: each id through the single-row rule (organization check,
// state check, audit entry), answered row by row; the list is bounded; rows of another
// organization are refused as missing and left untouched.
import { DB_KIND, bearer, login, makeApp, testClock, type TestApp } from '../helper';
import { book, resident, roomTypeId, stationIds, staffOf } from '../station/station-helper';
import {
  OTHER_TEAM,
  createShift,
  createTask,
  orgId,
  signUp,
  teamOrganizer,
} from '../volunteer/fixtures';
import { apply, createCourse, createTerm, organizer, residents } from '../night-school/fixture';

describe(`/api/v1/console bulk actions (${DB_KIND})`, () => {
  const clock = testClock('2026-07-30T10:00:00+08:00');
  let t: TestApp;
  beforeAll(async () => {
    t = await makeApp({ now: clock.now });
  });
  afterAll(async () => t.close());

  const bulk = (token: string, path: string, payload: object) =>
    t.app.inject({
      method: 'POST',
      url: `/api/v1/console${path}`,
      headers: bearer(token),
      payload,
    });
  const auditOf = (action: string, ids: string[]) =>
    t.db.query<{ entity_id: string }>(
      `SELECT entity_id FROM audit_log WHERE action = $1 AND entity_id = ANY($2::text[]) ORDER BY entity_id`,
      [action, ids],
    );

  describe('approve station bookings', () => {
    let staffA: string;
    let mine: string[];
    let theirs: string;
    beforeAll(async () => {
      await t.app.jobs.runJob('station-inventory');
      const ids = await stationIds(t);
      staffA = await staffOf(t, 'bulk-staff-a', ids.a);
      const twinA = await roomTypeId(t, ids.a, 'twin');
      const twinB = await roomTypeId(t, ids.b, 'twin');
      const made: string[] = [];
      for (let i = 0; i < 4; i++) {
        const token = await resident(t, `bulk-guest-${i}`);
        const res = await book(t, token, i < 3 ? ids.a : ids.b, {
          roomTypeId: i < 3 ? twinA : twinB,
          checkIn: '2026-08-10',
          nights: 2,
        });
        expect(res.statusCode).toBe(201);
        made.push(String(res.json().id));
      }
      mine = made.slice(0, 3);
      theirs = made[3]!;
    });

    it('approves its own station’s rows and refuses another station’s as missing, row by row', async () => {
      const res = await bulk(staffA, '/station/bookings/approve', {
        ids: [mine[0], theirs, mine[1]],
      });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({
        done: 2,
        failed: 1,
        results: [
          { id: mine[0], ok: true },
          { id: theirs, ok: false, code: 'BOOKING_NOT_FOUND', message: expect.any(String) },
          { id: mine[1], ok: true },
        ],
      });
      const statuses = await t.db.query<{ id: string; status: string }>(
        `SELECT id::text AS id, status FROM station_bookings WHERE id = ANY($1::bigint[]) ORDER BY id`,
        [[...mine, theirs]],
      );
      expect(Object.fromEntries(statuses.map((r) => [r.id, r.status]))).toEqual({
        [mine[0]!]: 'approved',
        [mine[1]!]: 'approved',
        [mine[2]!]: 'requested',
        [theirs]: 'requested',
      });
      // each approval is on the record, as one made on the phone
      expect(
        (await auditOf('station.booking.approve', [...mine, theirs])).map((r) => r.entity_id),
      ).toEqual([mine[0], mine[1]].sort());
    });

    it('tells which rows were already decided, and still does the rest', async () => {
      const res = await bulk(staffA, '/station/bookings/approve', { ids: [mine[0], mine[2]] });
      expect(res.json()).toMatchObject({
        done: 1,
        failed: 1,
        results: [
          { id: mine[0], ok: false, code: 'BOOKING_NOT_PENDING' },
          { id: mine[2], ok: true },
        ],
      });
    });

    it('takes 1–100 distinct ids, and only from staff', async () => {
      const many = Array.from({ length: 101 }, (_, i) => String(i + 1));
      for (const ids of [[], many, ['1', '1'], ['x'], [1]]) {
        const res = await bulk(staffA, '/station/bookings/approve', { ids });
        expect(res.statusCode).toBe(400);
        expect(res.json().code).toBe('VALIDATION_FAILED');
      }
      expect(
        (await bulk(staffA, '/station/bookings/approve', { ids: many.slice(0, 100) })).statusCode,
      ).toBe(200);
      const guest = await login(t.app, 'bulk-guest-0');
      expect((await bulk(guest, '/station/bookings/approve', { ids: [theirs] })).statusCode).toBe(
        403,
      );
      expect(
        (
          await t.app.inject({
            method: 'POST',
            url: '/api/v1/console/station/bookings/approve',
            payload: { ids: [theirs] },
          })
        ).statusCode,
      ).toBe(401);
    });
  });

  describe('confirm volunteer hours', () => {
    let lead: string;
    let mine: string[];
    let theirs: string;
    beforeAll(async () => {
      clock.set('2026-12-01T00:00:00Z');
      const team = await teamOrganizer(t, 'bulk-team-lead');
      lead = team.token;
      const other = await login(t.app, 'bulk-other-lead', 'organizer');
      const otherTeam = await orgId(t, OTHER_TEAM);
      const otherMe = (
        await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: bearer(other) })
      ).json();
      await t.db.query('INSERT INTO org_members (user_id, org_id) VALUES ($1, $2)', [
        otherMe.id,
        otherTeam,
      ]);
      const shift = await createShift(t, lead, (await createTask(t, lead, team.teamId)).id, {
        startsAt: '2026-12-05T01:00:00Z',
        endsAt: '2026-12-05T03:30:00Z',
      });
      const otherShift = await createShift(t, other, (await createTask(t, other, otherTeam)).id, {
        startsAt: '2026-12-05T01:00:00Z',
        endsAt: '2026-12-05T03:30:00Z',
      });
      const signups: string[] = [];
      for (let i = 0; i < 3; i++) {
        const v = await login(t.app, `bulk-volunteer-${i}`);
        const res = await signUp(t, v, i < 2 ? shift.id : otherShift.id);
        expect(res.statusCode).toBe(201);
        signups.push(String(res.json().id));
      }
      // each volunteer checked in on site and forgot to check out: hours wait for the organizer
      for (const [i, id] of signups.entries())
        await t.db.query(
          `INSERT INTO volunteer_checkins (signup_id, kind, nonce, method, scanned_at, received_at)
           VALUES ($1, 'in', $2, 'geo', '2026-12-05T00:58:00Z', '2026-12-05T00:58:00Z')`,
          [id, `bulk-nonce-${i}`],
        );
      mine = signups.slice(0, 2);
      theirs = signups[2]!;
      clock.set('2026-12-05T06:00:00Z');
    });

    it('confirms its own team’s hours and refuses another team’s sign-up as missing', async () => {
      const res = await bulk(lead, '/volunteer/hours/confirm', { ids: [...mine, theirs] });
      expect(res.json()).toMatchObject({
        done: 2,
        failed: 1,
        results: [
          { id: mine[0], ok: true },
          { id: mine[1], ok: true },
          { id: theirs, ok: false, code: 'SIGNUP_NOT_FOUND' },
        ],
      });
      const ledger = await t.db.query<{ signup_id: string }>(
        `SELECT signup_id::text AS signup_id FROM volunteer_hours_ledger WHERE signup_id = ANY($1::bigint[]) ORDER BY signup_id`,
        [[...mine, theirs]],
      );
      expect(ledger.map((r) => r.signup_id)).toEqual([...mine].sort());
      expect((await auditOf('volunteer.hours.confirm', [...mine, theirs])).length).toBe(2);
      const again = await bulk(lead, '/volunteer/hours/confirm', { ids: [mine[0]] });
      expect(again.json().results[0]).toMatchObject({ ok: false, code: 'HOURS_ALREADY_RECORDED' });
    });
  });

  describe('mark night-school attendance', () => {
    let staff: string;
    let course: { id: string };
    let seated: Array<{ id: string; token: string }>;
    let outsider: { id: string };
    beforeAll(async () => {
      clock.set('2026-02-10T02:00:00.000Z');
      staff = await organizer(t, 'bulk-ns-organizer');
      const term = await createTerm(t, staff, {
        allocation: 'first_come',
        opensAt: '2026-02-10T00:00:00.000Z',
        closesAt: '2026-02-20T00:00:00.000Z',
      });
      course = await createCourse(t, staff, term.id, {
        capacity: 10,
        startDate: '2026-03-01',
        weekday: 2,
        sessions: 4,
      });
      const people = await residents(t, 3, 'bulk-ns-');
      seated = people.slice(0, 2);
      outsider = people[2]!;
      for (const p of seated)
        expect((await apply(t, p.token, course.id)).json().status).toBe('confirmed');
      clock.set('2026-03-03T13:00:00.000Z');
    });

    const mark = (token: string, ids: string[], status = 'present') =>
      bulk(token, '/night-school/attendance', { courseId: course.id, sessionNo: 1, status, ids });

    it('marks the seated, and says who has no seat', async () => {
      const res = await mark(staff, [seated[0]!.id, outsider.id, seated[1]!.id]);
      expect(res.json()).toMatchObject({
        done: 2,
        failed: 1,
        results: [
          { id: seated[0]!.id, ok: true },
          { id: outsider.id, ok: false, code: 'NOT_ENROLLED' },
          { id: seated[1]!.id, ok: true },
        ],
      });
      const rows = await t.db.query<{ user_id: string; method: string }>(
        `SELECT user_id::text AS user_id, method FROM ns_attendance WHERE course_id = $1 AND session_no = 1 ORDER BY user_id`,
        [course.id],
      );
      expect(rows).toEqual(
        seated
          .map((p) => ({ user_id: p.id, method: 'manual' }))
          .sort((a, b) => Number(a.user_id) - Number(b.user_id)),
      );
    });

    it('refuses every row for staff of another organization, and writes nothing', async () => {
      const ids = await stationIds(t);
      const stranger = await staffOf(t, 'bulk-ns-stranger', ids.b);
      const res = await mark(stranger, [seated[0]!.id], 'absent');
      expect(res.json()).toMatchObject({
        done: 0,
        results: [{ ok: false, code: 'COURSE_NOT_FOUND' }],
      });
      const [row] = await t.db.query<{ status: string }>(
        `SELECT status FROM ns_attendance WHERE course_id = $1 AND session_no = 1 AND user_id = $2`,
        [course.id, seated[0]!.id],
      );
      expect(row!.status).toBe('present');
    });

    it('validates the session and the status', async () => {
      for (const body of [
        { courseId: course.id, sessionNo: 0, status: 'present', ids: [seated[0]!.id] },
        { courseId: course.id, sessionNo: 1, status: 'late', ids: [seated[0]!.id] },
        { courseId: course.id, sessionNo: 1, status: 'present', ids: [] },
      ]) {
        const res = await bulk(staff, '/night-school/attendance', body);
        expect(res.json().code).toBe('VALIDATION_FAILED');
      }
      const beyond = await bulk(staff, '/night-school/attendance', {
        courseId: course.id,
        sessionNo: 9,
        status: 'present',
        ids: [seated[0]!.id],
      });
      expect(beyond.json().results[0]).toMatchObject({ ok: false, code: 'SESSION_NOT_FOUND' });
    });
  });
});
