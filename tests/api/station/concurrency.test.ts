// The invariants under load, checked in the database afterwards: never more bookings on a night
// than beds, and never more nights than the allowance, whatever the interleaving.
import { makeApp, testClock, type TestApp } from '../helper';
import { addDays } from '@/contract/beijing-time';
import {
  book,
  invariantViolations,
  post,
  resident,
  residents,
  roomTypeId,
  stationIds,
  staffOf,
} from './station-helper';

describe('POST /api/v1/stations/:stationId/bookings under concurrency', () => {
  const clock = testClock('2026-07-30T10:00:00+08:00');
  let t: TestApp;
  let ids: { a: string; b: string };
  let staff: string;
  beforeAll(async () => {
    t = await makeApp({ now: clock.now });
    await t.app.jobs.runJob('station-inventory');
    ids = await stationIds(t);
    staff = await staffOf(t, 'staff-race', ids.a);
  });
  afterAll(async () => t.close());

  async function roomWithBeds(code: string, beds: number): Promise<string> {
    const res = await post(t, staff, `/${ids.a}/room-types`, {
      code,
      name: `测试房型${code}`,
      gender: 'any',
      beds,
    });
    expect(res.statusCode).toBe(201);
    return res.json().id;
  }

  it('300 people racing for the last 5 beds of the same 3 nights: exactly 5 bookings, 295 × 409 NIGHT_FULL', async () => {
    const rt = await roomWithBeds('last5', 5);
    const tokens = await residents(t, 'racer', 300);
    const results = await Promise.all(
      tokens.map((tok) =>
        book(t, tok, ids.a, { roomTypeId: rt, checkIn: '2026-08-01', nights: 3 }),
      ),
    );
    const codes = results.map((r) => (r.statusCode === 201 ? 'OK' : r.json().code));
    expect(codes.filter((c) => c === 'OK')).toHaveLength(5);
    expect(codes.filter((c) => c === 'NIGHT_FULL')).toHaveLength(295);
    const full = results.find((r) => r.statusCode === 409)!.json();
    expect(full.message).toMatch(/^8月[123]日测试房型last5已满/);
    const nights = await t.db.query<{ night: string; taken: number; beds: number }>(
      `SELECT night::text AS night, taken, beds FROM station_nights WHERE room_type_id = $1 AND night BETWEEN '2026-07-31' AND '2026-08-04' ORDER BY night`,
      [rt],
    );
    expect(nights.map((n) => n.taken)).toEqual([0, 5, 5, 5, 0]);
    expect(await invariantViolations(t)).toEqual([]);
  });

  it('300 overlapping stays of 1–5 nights over a week for 4 beds: no night ever holds more than 4', async () => {
    const rt = await roomWithBeds('last4', 4);
    const tokens = await residents(t, 'overlap', 300);
    // Deterministic spread of check-ins and lengths, all overlapping the middle of the week.
    const results = await Promise.all(
      tokens.map((tok, i) => {
        const day = 10 + (i % 5);
        return book(t, tok, ids.a, {
          roomTypeId: rt,
          checkIn: `2026-08-${day}`,
          nights: 1 + ((i * 7) % 5),
        });
      }),
    );
    const ok = results.filter((r) => r.statusCode === 201);
    expect(ok.length).toBeGreaterThan(0);
    expect(results.every((r) => r.statusCode === 201 || r.json().code === 'NIGHT_FULL')).toBe(true);
    const nights = await t.db.query<{ taken: number }>(
      `SELECT taken FROM station_nights WHERE room_type_id = $1`,
      [rt],
    );
    expect(Math.max(...nights.map((n) => n.taken))).toBeLessThanOrEqual(4);
    // Every successful booking holds all its nights; together they account for every taken bed.
    const held = ok.reduce((n, r) => n + r.json().nightsHeld, 0);
    expect(nights.reduce((n, r) => n + r.taken, 0)).toBe(held);
    expect(await invariantViolations(t)).toEqual([]);
  });

  it('one person racing two (and then ten) clashing bookings at two stations: one wins, the allowance counts only its nights', async () => {
    const token = await resident(t, 'greedy');
    const twinA = await roomTypeId(t, ids.a, 'twin');
    const twinB = await roomTypeId(t, ids.b, 'twin');
    const two = await Promise.all([
      book(
        t,
        token,
        ids.a,
        { roomTypeId: twinA, checkIn: '2026-08-20', nights: 5 },
        { 'idempotency-key': 'greedy-key-a1' },
      ),
      book(
        t,
        token,
        ids.b,
        { roomTypeId: twinB, checkIn: '2026-08-21', nights: 5 },
        { 'idempotency-key': 'greedy-key-b1' },
      ),
    ]);
    expect(two.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    // they share nights, and 5 + 5 is over 7: whichever the loser met first refused it
    expect(['STAY_OVERLAPS', 'ALLOWANCE_EXCEEDED']).toContain(
      two.find((r) => r.statusCode === 409)!.json().code,
    );
    const [allowance] = await t.db.query<{ nights_used: number }>(
      `SELECT nights_used FROM station_allowances a JOIN users u ON u.id = a.user_id WHERE u.openid = 'dev:greedy'`,
    );
    expect(allowance.nights_used).toBe(5);

    // Cancel, then ten at once of 4 nights each: 40 nights asked for, at most 7 may be held.
    const won = two.find((r) => r.statusCode === 201)!.json().id;
    await post(t, token, `/bookings/${won}/cancel`);
    const ten = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        book(t, token, i % 2 ? ids.a : ids.b, {
          roomTypeId: i % 2 ? twinA : twinB,
          checkIn: `2026-08-${20 + (i % 5)}`,
          nights: 4,
        }),
      ),
    );
    expect(ten.filter((r) => r.statusCode === 201)).toHaveLength(1);
    const [after] = await t.db.query<{ nights_used: number }>(
      `SELECT nights_used FROM station_allowances a JOIN users u ON u.id = a.user_id WHERE u.openid = 'dev:greedy'`,
    );
    expect(after.nights_used).toBe(4);
    expect(await invariantViolations(t)).toEqual([]);
  });

  it('40 people each firing 8 bookings at once over both stations: stays never share a night, the allowance is never exceeded', async () => {
    const tokens = await residents(t, 'traveller', 40);
    const twinA = await roomTypeId(t, ids.a, 'twin');
    const twinB = await roomTypeId(t, ids.b, 'twin');
    // each person: 1–3 nights from 8 check-ins spread over 12 days, some clashing, 16 nights asked
    const asks = tokens.flatMap((tok, p) =>
      Array.from({ length: 8 }, (_, i) => ({
        tok,
        station: i % 2 ? ids.a : ids.b,
        roomTypeId: i % 2 ? twinA : twinB,
        checkIn: addDays('2026-08-26', (i * 3 + p) % 12),
        nights: 1 + ((i + p) % 3),
      })),
    );
    const results = await Promise.all(
      asks.map((a) =>
        book(t, a.tok, a.station, {
          roomTypeId: a.roomTypeId,
          checkIn: a.checkIn,
          nights: a.nights,
        }),
      ),
    );
    const codes = results.map((r) => (r.statusCode === 201 ? 'OK' : r.json().code));
    expect(new Set(codes)).toEqual(new Set(['OK', 'STAY_OVERLAPS', 'ALLOWANCE_EXCEEDED']));
    // everyone got at least one stay, and several people got stays at both stations
    const won = results.filter((r) => r.statusCode === 201).map((r) => r.json());
    const stationsOf = new Map<string, Set<string>>();
    for (const [i, r] of results.entries())
      if (r.statusCode === 201) {
        const set = stationsOf.get(asks[i].tok) ?? new Set();
        stationsOf.set(asks[i].tok, set.add(r.json().stationId));
      }
    expect(stationsOf.size).toBe(40);
    expect([...stationsOf.values()].filter((s) => s.size === 2).length).toBeGreaterThan(10);
    expect(won.every((b) => b.nightsHeld === b.nights)).toBe(true);
    const used = await t.db.query<{ nights_used: number }>(
      `SELECT nights_used FROM station_allowances a JOIN users u ON u.id = a.user_id WHERE u.openid LIKE 'dev:traveller-%'`,
    );
    expect(used).toHaveLength(40);
    expect(Math.max(...used.map((u) => u.nights_used))).toBeLessThanOrEqual(7);
    expect(used.reduce((n, u) => n + u.nights_used, 0)).toBe(won.reduce((n, b) => n + b.nights, 0));
    expect(await invariantViolations(t)).toEqual([]);
  });
});
