// The invariants the database keeps, under concurrency (run on PGlite and on PostgreSQL).
import { bearer, DB_KIND, makeApp, testClock, type TestApp } from '../helper';
import {
  checkin,
  code,
  createShift,
  createTask,
  nonce,
  signUp,
  teamOrganizer,
  V,
  volunteers,
} from './fixtures';

const clock = testClock('2026-12-01T00:00:00Z');

describe(`volunteer invariants under concurrency (${DB_KIND})`, () => {
  let t: TestApp;
  let organizer: string;
  let taskId: string;
  beforeAll(async () => {
    t = await makeApp({ now: clock.now });
    const o = await teamOrganizer(t);
    organizer = o.token;
    taskId = (await createTask(t, organizer, o.teamId)).id;
  });
  afterAll(async () => t.close());

  describe('POST /api/v1/volunteer/shifts/:id/signups', () => {
    it('when 300 volunteers sign up at once for 20 places, exactly 20 get in and the rest hear SHIFT_FULL', async () => {
      const shift = await createShift(t, organizer, taskId, {
        startsAt: '2026-12-05T01:00:00Z',
        endsAt: '2026-12-05T03:30:00Z',
        needed: 20,
      });
      const people = await volunteers(t, 300, 'crowd');
      const results = await Promise.all(people.map((tok) => signUp(t, tok, shift.id)));
      const codes = results.map((r) => r.statusCode);
      expect(codes.filter((c) => c === 201)).toHaveLength(20);
      expect(codes.filter((c) => c === 409)).toHaveLength(280);
      expect(
        new Set(results.filter((r) => r.statusCode === 409).map((r) => r.json().code)),
      ).toEqual(new Set(['SHIFT_FULL']));
      const [row] = await t.db.query<{ filled: number; active: number }>(
        `SELECT s.filled, (SELECT count(*)::int FROM volunteer_signups g WHERE g.shift_id = s.id AND g.status = 'active') AS active
         FROM volunteer_shifts s WHERE s.id = $1`,
        [shift.id],
      );
      expect(row).toEqual({ filled: 20, active: 20 });
    });

    it('when one person signs up for 10 overlapping shifts at once, only one is accepted (exclusion constraint)', async () => {
      const shifts = [];
      for (let i = 0; i < 10; i++) {
        shifts.push(
          await createShift(t, organizer, taskId, {
            startsAt: `2026-12-06T0${i % 5}:00:00Z`,
            endsAt: `2026-12-06T0${(i % 5) + 5}:00:00Z`,
            needed: 50,
          }),
        );
      }
      const [me] = await volunteers(t, 1, 'eager');
      const results = await Promise.all(shifts.map((s) => signUp(t, me, s.id)));
      expect(results.filter((r) => r.statusCode === 201)).toHaveLength(1);
      expect(results.filter((r) => r.statusCode === 409).map((r) => r.json().code)).toEqual(
        Array(9).fill('SHIFT_OVERLAP'),
      );
      const [{ n, filled }] = await t.db.query<{ n: number; filled: number }>(
        `SELECT (SELECT count(*)::int FROM volunteer_signups g JOIN users u ON u.id = g.user_id WHERE u.openid = 'dev:eager-0' AND g.status = 'active') AS n,
                (SELECT sum(filled)::int FROM volunteer_shifts WHERE id = ANY($1::bigint[])) AS filled`,
        [shifts.map((s) => s.id)],
      );
      expect({ n, filled }).toEqual({ n: 1, filled: 1 });
    });

    it('the database itself refuses an overlapping active sign-up even when written by hand', async () => {
      const a = await createShift(t, organizer, taskId, {
        startsAt: '2026-12-07T01:00:00Z',
        endsAt: '2026-12-07T03:00:00Z',
      });
      const b = await createShift(t, organizer, taskId, {
        startsAt: '2026-12-07T02:00:00Z',
        endsAt: '2026-12-07T04:00:00Z',
      });
      const [me] = await volunteers(t, 1, 'raw');
      expect((await signUp(t, me, a.id)).statusCode).toBe(201);
      const [{ id: userId }] = await t.db.query<{ id: string }>(
        `SELECT id::text AS id FROM users WHERE openid = 'dev:raw-0'`,
      );
      await expect(
        t.db.query(
          `INSERT INTO volunteer_signups (shift_id, user_id, span_from, span_to)
           SELECT id, $2::bigint, $2::bigint * 10000000000 + extract(epoch FROM starts_at)::bigint,
                  $2::bigint * 10000000000 + extract(epoch FROM ends_at)::bigint FROM volunteer_shifts WHERE id = $1`,
          [b.id, userId],
        ),
      ).rejects.toMatchObject({ code: '23P01' });
    });

    it('the same Idempotency-Key sent 5 times at once signs up once and replays the rest', async () => {
      const s = await createShift(t, organizer, taskId, {
        startsAt: '2026-12-08T01:00:00Z',
        endsAt: '2026-12-08T02:00:00Z',
      });
      const [me] = await volunteers(t, 1, 'retry');
      const results = await Promise.all(
        Array.from({ length: 5 }, () =>
          signUp(t, me, s.id, { 'idempotency-key': 'tap-0001-abcdef' }),
        ),
      );
      expect(results.every((r) => r.statusCode === 201)).toBe(true);
      expect(new Set(results.map((r) => r.json().id)).size).toBe(1);
      const [{ filled }] = await t.db.query<{ filled: number }>(
        'SELECT filled FROM volunteer_shifts WHERE id = $1',
        [s.id],
      );
      expect(filled).toBe(1);
    });
  });

  describe('POST /api/v1/volunteer/checkins', () => {
    it('when an offline scan is uploaded twice at the same time, it is accepted once, flagged offline, and both answers agree', async () => {
      const s = await createShift(t, organizer, taskId, {
        startsAt: '2026-12-01T02:00:00Z',
        endsAt: '2026-12-01T04:00:00Z',
      });
      const [me] = await volunteers(t, 1, 'offline');
      expect((await signUp(t, me, s.id)).statusCode).toBe(201);
      clock.set('2026-12-01T01:50:00Z'); // 10 min before the start: the organizer's screen shows a code
      const token = await code(t, organizer, s.id);
      const scannedAt = clock.now().toISOString();
      clock.set('2026-12-01T03:00:00Z'); // signal is back an hour later; the phone uploads twice
      const n = nonce();
      const results = await Promise.all(
        [0, 1].map(() => checkin(t, me, { shiftId: s.id, kind: 'in', nonce: n, token, scannedAt })),
      );
      expect(results.map((r) => r.statusCode)).toEqual([200, 200]);
      const bodies = results.map((r) => r.json());
      expect(bodies[0].id).toBe(bodies[1].id);
      expect(bodies.map((b) => b.duplicate).sort()).toEqual([false, true]);
      expect(bodies.every((b) => b.offline === true)).toBe(true);
      const rows = await t.db.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM volunteer_checkins WHERE nonce = $1',
        [n],
      );
      expect(rows[0].n).toBe(1);
      clock.set('2026-12-01T00:00:00Z');
    });

    it('when the same nonce is uploaded 20 times at once, one row is kept', async () => {
      const s = await createShift(t, organizer, taskId, {
        startsAt: '2026-12-01T05:00:00Z',
        endsAt: '2026-12-01T06:00:00Z',
      });
      const [me] = await volunteers(t, 1, 'flaky');
      await signUp(t, me, s.id);
      clock.set('2026-12-01T04:45:00Z');
      const token = await code(t, organizer, s.id);
      const n = nonce();
      const results = await Promise.all(
        Array.from({ length: 20 }, () =>
          checkin(t, me, { shiftId: s.id, kind: 'in', nonce: n, token }),
        ),
      );
      expect(results.every((r) => r.statusCode === 200)).toBe(true);
      expect(results.filter((r) => r.json().duplicate === false)).toHaveLength(1);
      const rows = await t.db.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM volunteer_checkins WHERE nonce = $1',
        [n],
      );
      expect(rows[0].n).toBe(1);
      clock.set('2026-12-01T00:00:00Z');
    });
  });

  describe('volunteer_hours_ledger', () => {
    it('is append-only: the database refuses UPDATE and DELETE', async () => {
      const [{ id }] = await t.db.query<{ id: string }>(
        `INSERT INTO volunteer_hours_ledger (user_id, kind, hours, created_by, created_at)
         SELECT id, 'request', 1.5, id, now() FROM users LIMIT 1 RETURNING id::text AS id`,
      );
      await expect(
        t.db.query('UPDATE volunteer_hours_ledger SET hours = 9 WHERE id = $1', [id]),
      ).rejects.toThrow(/append-only/);
      await expect(
        t.db.query('DELETE FROM volunteer_hours_ledger WHERE id = $1', [id]),
      ).rejects.toThrow(/append-only/);
    });

    it('refuses a row that names no staff member who confirmed it', async () => {
      await expect(
        t.db.query(
          `INSERT INTO volunteer_hours_ledger (user_id, kind, hours, created_at) SELECT id, 'request', 1.5, now() FROM users LIMIT 1`,
        ),
      ).rejects.toMatchObject({ code: '23514' });
    });
  });

  it('answers GET /tasks with bearer only', async () => {
    const res = await t.app.inject({ method: 'GET', url: `${V}/tasks` });
    expect(res.statusCode).toBe(401);
    const ok = await t.app.inject({ method: 'GET', url: `${V}/tasks`, headers: bearer(organizer) });
    expect(ok.statusCode).toBe(200);
  });
});
