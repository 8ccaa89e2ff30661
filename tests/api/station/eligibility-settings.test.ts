// Eligibility settings, enforced by the server: the graduation window (from 12 months before to 24
// months after graduation by default), the "no home of my own in this city" declaration kept with
// the booking, and proof required or optional — the district's, or a station's own.
import { bearer, login, makeApp, testClock, DB_KIND, type TestApp } from '../helper';
import { uploadProof } from '../files/upload';
import {
  book,
  get,
  invariantViolations,
  resident,
  roomTypeId,
  stationIds,
  staffOf,
} from './station-helper';

describe(`station eligibility settings (${DB_KIND})`, () => {
  const clock = testClock('2026-07-30T10:00:00+08:00');
  let t: TestApp;
  let ids: { a: string; b: string };
  let twinA: string;
  let twinB: string;
  let staffA: string;
  beforeAll(async () => {
    t = await makeApp({ now: clock.now });
    await t.app.jobs.runJob('station-inventory');
    ids = await stationIds(t);
    twinA = await roomTypeId(t, ids.a, 'twin');
    twinB = await roomTypeId(t, ids.b, 'twin');
    staffA = await staffOf(t, 'elig-staff-a', ids.a);
  });
  afterAll(async () => t.close());
  afterEach(async () => expect(await invariantViolations(t)).toEqual([]));

  const putRules = (payload: object) =>
    t.app.inject({
      method: 'PUT',
      url: `/api/v1/stations/${ids.a}/rules`,
      headers: bearer(staffA),
      payload,
    });
  const stay = (roomTypeId: string, checkIn = '2026-08-03') => ({ roomTypeId, checkIn, nights: 1 });
  const graduate = (graduationDate: string) => ({ declaredStatus: 'graduating', graduationDate });

  it('publishes the defaults: 12 months before to 24 after graduation, declaration required, proof optional', async () => {
    const s = (await get(t, null, '/settings')).json();
    expect(s).toMatchObject({
      graduatingWithinMonths: 12,
      graduatedWithinMonths: 24,
      noLocalHomeRequired: true,
      proofRequired: false,
      holdMinutes: 30,
      reviewWorkingDays: 3,
    });
  });

  it('accepts a graduate inside the window, both ends included, and refuses one outside with the dates', async () => {
    const token = await resident(t, 'elig-grad-window');
    // checking in 2026-08-03: graduation from 2024-08-03 to 2027-08-03
    const tooLong = await book(t, token, ids.a, { ...stay(twinA), ...graduate('2024-08-02') });
    expect([tooLong.statusCode, tooLong.json().code]).toEqual([403, 'NOT_ELIGIBLE']);
    expect(tooLong.json().message).toContain('2024-08-03至2027-08-03');
    const tooFar = await book(t, token, ids.a, { ...stay(twinA), ...graduate('2027-08-04') });
    expect(tooFar.statusCode).toBe(403);
    const early = await book(t, token, ids.a, { ...stay(twinA), ...graduate('2024-08-03') });
    expect(early.statusCode).toBe(201);
    const late = await book(t, token, ids.a, {
      ...stay(twinA, '2026-08-05'),
      ...graduate('2027-08-05'),
    });
    expect(late.statusCode).toBe(201);
  });

  it("a station's own graduation window applies to its bookings only, and the eligibility check says so", async () => {
    expect((await putRules({ graduatedWithinMonths: 6 })).json().rules).toMatchObject({
      graduatedWithinMonths: 6,
      graduatingWithinMonths: 12,
    });
    const token = await resident(t, 'elig-grad-station');
    const atA = await book(t, token, ids.a, { ...stay(twinA), ...graduate('2025-06-30') });
    expect([atA.statusCode, atA.json().code]).toEqual([403, 'NOT_ELIGIBLE']);
    const atB = await book(t, token, ids.b, { ...stay(twinB), ...graduate('2025-06-30') });
    expect(atB.statusCode).toBe(201);
    const elig = (await get(t, token, `/eligibility?stationId=${ids.a}`)).json();
    expect(elig.requirements).toEqual({
      graduatingWithinMonths: 12,
      graduatedWithinMonths: 6,
      noLocalHomeRequired: true,
      proofRequired: false,
      holdMinutes: 30,
    });
    await putRules({ graduatedWithinMonths: null });
  });

  it('requires the "no home in this city" declaration and keeps it with the booking', async () => {
    const token = await resident(t, 'elig-home');
    const missing = await book(t, token, ids.a, { ...stay(twinA), noLocalHome: undefined });
    expect([missing.statusCode, missing.json().code]).toEqual([400, 'HOME_DECLARATION_REQUIRED']);
    const no = await book(t, token, ids.a, { ...stay(twinA), noLocalHome: false });
    expect(no.json().code).toBe('HOME_DECLARATION_REQUIRED');
    const ok = await book(t, token, ids.a, stay(twinA));
    expect(ok.json()).toMatchObject({ status: 'requested', noLocalHomeDeclared: true });
    const [row] = await t.db.query<{ at: string | null }>(
      `SELECT no_local_home_declared_at::text AS at FROM station_bookings WHERE id = $1`,
      [ok.json().id],
    );
    expect(row.at).not.toBeNull();
    // staff see it with the booking
    const list = (await get(t, staffA, `/${ids.a}/staff/bookings?status=requested`)).json();
    expect(list.items.find((b: { id: string }) => b.id === ok.json().id)).toMatchObject({
      noLocalHomeDeclared: true,
    });
  });

  it('a station that does not ask for the declaration books without it, and records none', async () => {
    await putRules({ noLocalHomeRequired: false });
    const token = await resident(t, 'elig-home-off');
    const res = await book(t, token, ids.a, { ...stay(twinA), noLocalHome: undefined });
    expect(res.json()).toMatchObject({ status: 'requested', noLocalHomeDeclared: false });
    // the district rule still applies elsewhere
    const atB = await book(t, token, ids.b, { ...stay(twinB), noLocalHome: undefined });
    expect(atB.json().code).toBe('HOME_DECLARATION_REQUIRED');
    await putRules({ noLocalHomeRequired: null });
  });

  it('where proof is required, refuses a booking without one and accepts it with the guest’s own', async () => {
    await putRules({ proofRequired: true });
    const token = await resident(t, 'elig-proof');
    const without = await book(t, token, ids.a, stay(twinA));
    expect([without.statusCode, without.json().code]).toEqual([400, 'PROOF_REQUIRED']);
    const other = await resident(t, 'elig-proof-other');
    const theirs = (await uploadProof(t, other, 'interview')).json().id;
    const foreign = await book(t, token, ids.a, { ...stay(twinA), proofId: theirs });
    expect(foreign.json().code).toBe('PROOF_NOT_FOUND');
    const mine = (await uploadProof(t, token, 'interview')).json().id;
    const ok = await book(t, token, ids.a, { ...stay(twinA), proofId: mine });
    expect(ok.json()).toMatchObject({ status: 'requested', hasProof: true });
    // optional elsewhere
    expect((await book(t, token, ids.b, stay(twinB, '2026-08-06'))).statusCode).toBe(201);
    await putRules({ proofRequired: null });
  });

  it('only the committee changes the district rules; a value out of range is 400', async () => {
    const admin = await login(t.app, 'elig-admin', 'admin');
    const put = (token: string, payload: object) =>
      t.app.inject({
        method: 'PUT',
        url: '/api/v1/stations/settings',
        headers: bearer(token),
        payload,
      });
    expect((await put(staffA, { proofRequired: true })).statusCode).toBe(403);
    expect((await put(admin, { graduatedWithinMonths: 121 })).statusCode).toBe(400);
    expect((await put(admin, { holdMinutes: 2 })).statusCode).toBe(400);
    const res = await put(admin, { graduatedWithinMonths: 36, reviewWorkingDays: 5 });
    expect(res.json()).toMatchObject({ graduatedWithinMonths: 36, reviewWorkingDays: 5 });
    await put(admin, { graduatedWithinMonths: 24, reviewWorkingDays: 3 });
  });

  it('shows the check-in code only once the booking is approved', async () => {
    const token = await resident(t, 'elig-code');
    const res = await book(t, token, ids.b, stay(twinB, '2026-08-10'));
    const id = res.json().id;
    expect((await get(t, token, `/bookings/${id}`)).json()).toMatchObject({
      status: 'requested',
      code: null,
      qrDataUrl: null,
    });
    expect((await get(t, token, '/me')).json()).toMatchObject({ code: null, qrDataUrl: null });
    const staffB = await staffOf(t, 'elig-staff-b', ids.b);
    await t.app.inject({
      method: 'POST',
      url: `/api/v1/stations/bookings/${id}/approve`,
      headers: bearer(staffB),
    });
    const approved = (await get(t, token, `/bookings/${id}`)).json();
    expect(approved.code).toEqual(expect.any(String));
    expect(approved.qrDataUrl).toMatch(/^data:image\/png;base64,/);
  });
});
