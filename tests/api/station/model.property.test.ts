// Property: any sequence of book / cancel / stay-and-check-out-early by a few residents on a
// small room type leaves the real API (on its database) in the same state as a simple model —
// same answers, same beds taken per night, same allowance — and the invariants hold.
import fc from 'fast-check';
import { makeApp, testClock, type TestApp } from '../helper';
import { addDays } from '@/contract/beijing-time';
import { checkOutFor, nightsOf } from '@/contract/station-rules';
import {
  book,
  get,
  invariantViolations,
  post,
  residents,
  stationIds,
  staffOf,
} from './station-helper';

const BASE = '2026-09-01';
const BEDS = 2;
const ALLOWANCE = 7;
const PEOPLE = 4;

interface Stay {
  id: string;
  checkIn: string;
  nights: number;
}

interface Model {
  taken: Map<string, number>;
  used: number[];
  /** each person's active stays, in booking order */
  active: Stay[][];
}

interface Real {
  t: TestApp;
  stationId: string;
  roomTypeId: string;
  tokens: string[];
  staff: string;
  clock: ReturnType<typeof testClock>;
}

class BookCommand implements fc.AsyncCommand<Model, Real> {
  constructor(
    readonly who: number,
    readonly offset: number,
    readonly nights: number,
  ) {}
  check = () => true;
  async run(m: Model, r: Real): Promise<void> {
    const checkIn = addDays(BASE, this.offset);
    const res = await book(r.t, r.tokens[this.who], r.stationId, {
      roomTypeId: r.roomTypeId,
      checkIn,
      nights: this.nights,
    });
    const nights = nightsOf(checkIn, checkOutFor(checkIn, this.nights));
    let expected: string;
    const checkOut = checkOutFor(checkIn, this.nights);
    // The server's order: beds, then no night shared with another of the person's stays, then
    // the allowance.
    if (nights.some((n) => (m.taken.get(n) ?? 0) >= BEDS)) expected = 'NIGHT_FULL';
    else if (
      m.active[this.who].some(
        (a) => a.checkIn < checkOut && checkOutFor(a.checkIn, a.nights) > checkIn,
      )
    )
      expected = 'STAY_OVERLAPS';
    else if (m.used[this.who] + this.nights > ALLOWANCE) expected = 'ALLOWANCE_EXCEEDED';
    else expected = 'OK';
    expect(res.statusCode === 201 ? 'OK' : res.json().code).toBe(expected);
    if (expected === 'OK') {
      m.active[this.who].push({ id: res.json().id, checkIn, nights: this.nights });
      m.used[this.who] += this.nights;
      for (const n of nights) m.taken.set(n, (m.taken.get(n) ?? 0) + 1);
    }
  }
  toString = () => `book(p${this.who}, +${this.offset}d, ${this.nights}n)`;
}

/** Cancels the person's latest booking. */
class CancelCommand implements fc.AsyncCommand<Model, Real> {
  constructor(readonly who: number) {}
  check = (m: Readonly<Model>) => m.active[this.who].length > 0;
  async run(m: Model, r: Real): Promise<void> {
    const a = m.active[this.who].pop()!;
    const res = await post(r.t, r.tokens[this.who], `/bookings/${a.id}/cancel`);
    expect(res.json()).toMatchObject({ status: 'cancelled', nightsHeld: 0 });
    for (const n of nightsOf(a.checkIn, checkOutFor(a.checkIn, a.nights)))
      m.taken.set(n, m.taken.get(n)! - 1);
    m.used[this.who] -= a.nights;
  }
  toString = () => `cancel(p${this.who})`;
}

/**
 * The person's nearest stay (the one 我的驿站 shows the code of): approve, scan in at 15:00 on the
 * first night, check out the next morning: only night 1 is kept.
 */
class StayOneNightCommand implements fc.AsyncCommand<Model, Real> {
  constructor(readonly who: number) {}
  check = (m: Readonly<Model>) => m.active[this.who].length > 0;
  async run(m: Model, r: Real): Promise<void> {
    const mine = m.active[this.who];
    const a = mine.reduce((x, y) => (y.checkIn < x.checkIn ? y : x));
    const id = a.id;
    expect((await post(r.t, r.staff, `/bookings/${id}/approve`)).statusCode).toBe(200);
    const code = (await get(r.t, r.tokens[this.who], '/me')).json().code;
    try {
      r.clock.set(`${a.checkIn}T15:00:00+08:00`);
      expect((await post(r.t, r.staff, '/scan/check-in', { code })).json().status).toBe(
        'checked_in',
      );
      r.clock.set(`${addDays(a.checkIn, 1)}T09:00:00+08:00`);
      expect((await post(r.t, r.staff, `/bookings/${id}/check-out`)).json()).toMatchObject({
        status: 'checked_out',
        nightsHeld: 1,
      });
    } finally {
      r.clock.set(`${BASE}T10:00:00+08:00`);
    }
    for (const n of nightsOf(addDays(a.checkIn, 1), checkOutFor(a.checkIn, a.nights)))
      m.taken.set(n, m.taken.get(n)! - 1);
    m.used[this.who] -= a.nights - 1;
    mine.splice(mine.indexOf(a), 1);
  }
  toString = () => `stay1(p${this.who})`;
}

describe('booking sequences against a model (fast-check)', () => {
  const clock = testClock(`${BASE}T10:00:00+08:00`);
  let t: TestApp;
  let stationId: string;
  let staff: string;
  beforeAll(async () => {
    t = await makeApp({ now: clock.now });
    await t.app.jobs.runJob('station-inventory');
    stationId = (await stationIds(t)).a;
    staff = await staffOf(t, 'staff-prop', stationId);
  });
  afterAll(async () => t.close());

  it('book / cancel / early check-out keep beds and allowances exactly as the model says', async () => {
    let run = 0;
    const who = fc.integer({ min: 0, max: PEOPLE - 1 });
    const commands = [
      fc
        .tuple(who, fc.integer({ min: 0, max: 5 }), fc.integer({ min: 1, max: 4 }))
        .map(([w, o, n]) => new BookCommand(w, o, n)),
      who.map((w) => new CancelCommand(w)),
      who.map((w) => new StayOneNightCommand(w)),
    ];
    await fc.assert(
      fc.asyncProperty(fc.commands(commands, { maxCommands: 20 }), async (cmds) => {
        run++;
        // Each run gets its own room type and residents: a fresh world on the same database.
        const rt = await post(t, staff, `/${stationId}/room-types`, {
          code: `prop-${run}`,
          name: `属性测试${run}`,
          gender: 'any',
          beds: BEDS,
        });
        const real: Real = {
          t,
          stationId,
          roomTypeId: rt.json().id,
          tokens: await residents(t, `prop${run}`, PEOPLE),
          staff,
          clock,
        };
        const model: Model = {
          taken: new Map(),
          used: Array(PEOPLE).fill(0),
          active: Array.from({ length: PEOPLE }, () => []),
        };
        await fc.asyncModelRun(() => ({ model, real }), cmds);

        const rows = await t.db.query<{ night: string; taken: number }>(
          `SELECT night::text AS night, taken FROM station_nights WHERE room_type_id = $1 AND taken > 0 ORDER BY night`,
          [real.roomTypeId],
        );
        const expected = [...model.taken]
          .filter(([, n]) => n > 0)
          .sort(([a], [b]) => (a < b ? -1 : 1));
        expect(rows.map((r) => [r.night, r.taken])).toEqual(expected);
        for (let i = 0; i < PEOPLE; i++) {
          expect((await get(t, real.tokens[i], '/me')).json().allowance.used).toBe(model.used[i]);
        }
        expect(await invariantViolations(t)).toEqual([]);
      }),
      { numRuns: 20 },
    );
  });
});
