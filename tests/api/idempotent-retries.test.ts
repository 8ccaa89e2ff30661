// A phone that retries: the app sends a rush request again with the same Idempotency-Key when it
// hears 503/429 (up to 3 times) or when the user taps 重试 after a timeout, and the first send may
// still be in flight. On every rush endpoint, the tap and its 3 retries arriving together create
// one row, count one seat, and all four get the same 201 answer.
import type { LightMyRequestResponse } from 'fastify';
import { DB_KIND, makeApp, testClock, type TestApp } from './helper';
import { AFTER_OPEN, enrollReq, makeCatalogue, makeClass, makeFamilies } from './childcare/fixtures';
import { book, resident, roomTypeId, stationIds } from './station/station-helper';
import { apply, createCourse, createTerm, organizer, residents } from './night-school/fixture';
import { createShift, createTask, signUp, teamOrganizer, volunteers } from './volunteer/fixtures';

interface Case {
  name: string;
  /** Sets the world up at `clock`; returns the request to repeat and what it stored. */
  setup(t: TestApp): Promise<{
    send(key: string): Promise<LightMyRequestResponse>;
    /** Rows the request made, and the counter kept for them (seats, filled places, nights). */
    stored(): Promise<{ rows: number; counted: number }>;
    counted: number;
  }>;
}

const clock = testClock(AFTER_OPEN);

const one = async (t: TestApp, sql: string, params: unknown[]) => (await t.db.query<{ n: number }>(sql, params))[0]!.n;

const cases: Case[] = [
  {
    name: 'POST /childcare/enrollments',
    async setup(t) {
      clock.set(AFTER_OPEN);
      const classId = await makeClass(t, await makeCatalogue(t), { capacity: 10 });
      const [parent] = await makeFamilies(t, 'retry-cc', 1);
      return {
        send: (key) => enrollReq(t, parent!.token, classId, parent!.childIds, key),
        stored: async () => ({
          rows: await one(t, 'SELECT count(*)::int AS n FROM cc_enrollments WHERE class_id = $1', [classId]),
          counted: await one(t, 'SELECT taken AS n FROM cc_classes WHERE id = $1', [classId]),
        }),
        counted: 1,
      };
    },
  },
  {
    name: 'POST /stations/:id/bookings',
    async setup(t) {
      clock.set('2026-07-30T10:00:00+08:00');
      await t.app.jobs.runJob('station-inventory');
      const { a } = await stationIds(t);
      const twin = await roomTypeId(t, a, 'twin');
      const token = await resident(t, 'retry-station');
      return {
        send: (key) => book(t, token, a, { roomTypeId: twin, checkIn: '2026-08-05', nights: 2 }, { 'idempotency-key': key }),
        stored: async () => ({
          rows: await one(t, `SELECT count(*)::int AS n FROM station_bookings b JOIN users u ON u.id = b.user_id WHERE u.openid = 'dev:retry-station'`, []),
          counted: await one(t, `SELECT a.nights_used AS n FROM station_allowances a JOIN users u ON u.id = a.user_id WHERE u.openid = 'dev:retry-station'`, []),
        }),
        counted: 2, // one booking of 2 nights
      };
    },
  },
  {
    name: 'POST /night-school/applications',
    async setup(t) {
      clock.set('2026-02-20T02:00:00.000Z');
      const staff = await organizer(t);
      const term = await createTerm(t, staff, { allocation: 'first_come', opensAt: '2026-03-01T02:00:00.000Z', closesAt: '2026-03-05T14:00:00.000Z' });
      const course = await createCourse(t, staff, term.id, { capacity: 10 });
      const [person] = await residents(t, 1, 'retry-ns-');
      clock.set('2026-03-01T02:00:01.000Z');
      return {
        send: (key) => apply(t, person!.token, course.id, key),
        stored: async () => ({
          rows: await one(t, 'SELECT count(*)::int AS n FROM ns_applications WHERE course_id = $1', [course.id]),
          counted: await one(t, 'SELECT taken AS n FROM ns_courses WHERE id = $1', [course.id]),
        }),
        counted: 1,
      };
    },
  },
  {
    name: 'POST /volunteer/shifts/:id/signups',
    async setup(t) {
      clock.set('2026-12-01T00:00:00Z');
      const lead = await teamOrganizer(t);
      const task = await createTask(t, lead.token, lead.teamId);
      const shift = await createShift(t, lead.token, task.id, { startsAt: '2026-12-08T01:00:00Z', endsAt: '2026-12-08T02:00:00Z' });
      const [token] = await volunteers(t, 1, 'retry-vol');
      return {
        send: (key) => signUp(t, token!, shift.id, { 'idempotency-key': key }),
        stored: async () => ({
          rows: await one(t, 'SELECT count(*)::int AS n FROM volunteer_signups WHERE shift_id = $1', [shift.id]),
          counted: await one(t, 'SELECT filled AS n FROM volunteer_shifts WHERE id = $1', [shift.id]),
        }),
        counted: 1,
      };
    },
  },
];

describe(`a tap and its 3 retries with one Idempotency-Key, all at once (${DB_KIND})`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await makeApp({ now: clock.now });
  });
  afterAll(async () => t.close());

  it.each(cases)('$name: creates one row, counts it once, and answers the same 201 four times', async ({ name, setup }) => {
    const c = await setup(t);
    const key = `retry-${name.replace(/\W+/g, '-')}`.slice(0, 64);
    const answers = await Promise.all([0, 1, 2, 3].map(() => c.send(key)));
    expect(answers.map((r) => r.statusCode)).toEqual([201, 201, 201, 201]);
    expect(new Set(answers.map((r) => r.body)).size).toBe(1);
    expect(answers.filter((r) => r.headers['idempotent-replayed'] === 'true')).toHaveLength(3);
    expect(await c.stored()).toEqual({ rows: 1, counted: c.counted });
    expect(await one(t, 'SELECT count(*)::int AS n FROM idempotency_keys WHERE key = $1', [key])).toBe(1);
  });
});
