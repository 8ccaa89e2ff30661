// The four rush endpoints (enroll, book, apply, sign up), each with the world it needs set up
// through the API: the retry test and the rate-limit test send the same real requests.
import type { LightMyRequestResponse } from 'fastify';
import { testClock, type TestApp } from './helper';
import {
  AFTER_OPEN,
  enrollReq,
  makeCatalogue,
  makeClass,
  makeFamilies,
} from './childcare/fixtures';
import { book, resident, roomTypeId, stationIds } from './station/station-helper';
import { apply, createCourse, createTerm, organizer, residents } from './night-school/fixture';
import { createShift, createTask, signUp, teamOrganizer, volunteers } from './volunteer/fixtures';

export interface RushCase {
  name: string;
  /** Sets the world up at `rushClock`; returns the request to repeat and what it stored. */
  setup(t: TestApp): Promise<{
    send(key: string): Promise<LightMyRequestResponse>;
    /** Rows the request made, and the counter kept for them (seats, filled places, nights). */
    stored(): Promise<{ rows: number; counted: number }>;
    counted: number;
  }>;
}

/** Each case sets this clock to its own rush; pass `rushClock.now` to makeApp. */
export const rushClock = testClock(AFTER_OPEN);

export const one = async (t: TestApp, sql: string, params: unknown[]) =>
  (await t.db.query<{ n: number }>(sql, params))[0]!.n;

export const rushCases: RushCase[] = [
  {
    name: 'POST /childcare/enrollments',
    async setup(t) {
      rushClock.set(AFTER_OPEN);
      const classId = await makeClass(t, await makeCatalogue(t), { capacity: 10 });
      const [parent] = await makeFamilies(t, 'retry-cc', 1);
      return {
        send: (key) => enrollReq(t, parent!.token, classId, parent!.childIds, key),
        stored: async () => ({
          rows: await one(t, 'SELECT count(*)::int AS n FROM cc_enrollments WHERE class_id = $1', [
            classId,
          ]),
          counted: await one(t, 'SELECT taken AS n FROM cc_classes WHERE id = $1', [classId]),
        }),
        counted: 1,
      };
    },
  },
  {
    name: 'POST /stations/:id/bookings',
    async setup(t) {
      rushClock.set('2026-07-30T10:00:00+08:00');
      await t.app.jobs.runJob('station-inventory');
      const { a } = await stationIds(t);
      const twin = await roomTypeId(t, a, 'twin');
      const token = await resident(t, 'retry-station');
      return {
        send: (key) =>
          book(
            t,
            token,
            a,
            { roomTypeId: twin, checkIn: '2026-08-05', nights: 2 },
            { 'idempotency-key': key },
          ),
        stored: async () => ({
          rows: await one(
            t,
            `SELECT count(*)::int AS n FROM station_bookings b JOIN users u ON u.id = b.user_id WHERE u.openid = 'dev:retry-station'`,
            [],
          ),
          counted: await one(
            t,
            `SELECT a.nights_used AS n FROM station_allowances a JOIN users u ON u.id = a.user_id WHERE u.openid = 'dev:retry-station'`,
            [],
          ),
        }),
        counted: 2, // one booking of 2 nights
      };
    },
  },
  {
    name: 'POST /night-school/applications',
    async setup(t) {
      rushClock.set('2026-02-20T02:00:00.000Z');
      const staff = await organizer(t);
      const term = await createTerm(t, staff, {
        allocation: 'first_come',
        opensAt: '2026-03-01T02:00:00.000Z',
        closesAt: '2026-03-05T14:00:00.000Z',
      });
      const course = await createCourse(t, staff, term.id, { capacity: 10 });
      const [person] = await residents(t, 1, 'retry-ns-');
      rushClock.set('2026-03-01T02:00:01.000Z');
      return {
        send: (key) => apply(t, person!.token, course.id, key),
        stored: async () => ({
          rows: await one(
            t,
            'SELECT count(*)::int AS n FROM ns_applications WHERE course_id = $1',
            [course.id],
          ),
          counted: await one(t, 'SELECT taken AS n FROM ns_courses WHERE id = $1', [course.id]),
        }),
        counted: 1,
      };
    },
  },
  {
    name: 'POST /volunteer/shifts/:id/signups',
    async setup(t) {
      rushClock.set('2026-12-01T00:00:00Z');
      const lead = await teamOrganizer(t);
      const task = await createTask(t, lead.token, lead.teamId);
      const shift = await createShift(t, lead.token, task.id, {
        startsAt: '2026-12-08T01:00:00Z',
        endsAt: '2026-12-08T02:00:00Z',
      });
      const [token] = await volunteers(t, 1, 'retry-vol');
      return {
        send: (key) => signUp(t, token!, shift.id, { 'idempotency-key': key }),
        stored: async () => ({
          rows: await one(
            t,
            'SELECT count(*)::int AS n FROM volunteer_signups WHERE shift_id = $1',
            [shift.id],
          ),
          counted: await one(t, 'SELECT filled AS n FROM volunteer_shifts WHERE id = $1', [
            shift.id,
          ]),
        }),
        counted: 1,
      };
    },
  },
];
