// The forgery a security review reproduced on main: a resident reads the shift's coordinates from
// the public task list, signs up, then posts a check-in and a check-out with those coordinates and
// scan times of their choosing, from home, after the shift. Nothing of it may become hours.
import { bearer, DB_KIND, login, makeApp, testClock, type TestApp } from '../helper';
import {
  checkin,
  code,
  createShift,
  createTask,
  nonce,
  PLACE,
  signUp,
  teamOrganizer,
  V,
} from './fixtures';

// Shift: 2026-12-05 09:00–11:30 Shanghai (01:00–03:30 UTC).
const START = '2026-12-05T01:00:00Z';
const END = '2026-12-05T03:30:00Z';
const clock = testClock('2026-12-01T00:00:00Z');

describe(`forged volunteer hours (${DB_KIND})`, () => {
  let t: TestApp;
  let forger: string;
  let shiftId: string;
  let organizer: string;
  let taskId: string;
  beforeAll(async () => {
    t = await makeApp({ now: clock.now });
    const o = await teamOrganizer(t);
    organizer = o.token;
    const task = await createTask(t, o.token, o.teamId);
    taskId = task.id;
    shiftId = (await createShift(t, o.token, task.id, { startsAt: START, endsAt: END })).id;
    forger = await login(t.app, 'forger');
    expect((await signUp(t, forger, shiftId)).statusCode).toBe(201);
  });
  afterAll(async () => t.close());

  it('credits no hours and no certificate for in/out posted from home with the public coordinates and chosen past scan times', async () => {
    // the public task list gives anyone the shift's coordinates
    const tasks = (
      await t.app.inject({ method: 'GET', url: `${V}/tasks`, headers: bearer(forger) })
    ).json().items;
    const place = tasks
      .flatMap((x: { shifts: Array<{ id: string; lat: number; lng: number }> }) => x.shifts)
      .find((s: { id: string }) => s.id === shiftId);
    const gps = { lat: place.lat, lng: place.lng };
    clock.set('2026-12-05T05:00:00Z'); // 13:00, at home, the shift long over
    const inRes = await checkin(t, forger, {
      shiftId,
      kind: 'in',
      nonce: nonce(),
      ...gps,
      scannedAt: '2026-12-05T00:58:00Z',
    });
    const outRes = await checkin(t, forger, {
      shiftId,
      kind: 'out',
      nonce: nonce(),
      ...gps,
      scannedAt: '2026-12-05T03:29:00Z',
    });
    // a claimed past scan time needs the rotating code it was made with
    expect([inRes.statusCode, inRes.json().code]).toEqual([400, 'CHECKIN_CODE_REQUIRED']);
    expect([outRes.statusCode, outRes.json().code]).toEqual([400, 'CHECKIN_CODE_REQUIRED']);
    const hours = (
      await t.app.inject({ method: 'GET', url: `${V}/me/hours`, headers: bearer(forger) })
    ).json();
    expect(hours.totalHours).toBe(0);
    const cert = await t.app.inject({
      method: 'POST',
      url: `${V}/me/certificates`,
      headers: bearer(forger),
    });
    expect([cert.statusCode, cert.json().code]).toEqual([409, 'NO_HOURS_YET']);
  });

  it('a live GPS-only check-in and check-out are recorded but flagged, and credit nothing by themselves', async () => {
    const friend = await login(t.app, 'gps-only');
    clock.set('2026-12-01T00:00:00Z');
    await signUp(t, friend, shiftId);
    clock.set('2026-12-05T00:55:00Z');
    const gps = { lat: 31.2236, lng: 121.3935 };
    const inRes = await checkin(t, friend, { shiftId, kind: 'in', nonce: nonce(), ...gps });
    expect(inRes.statusCode).toBe(200);
    expect(inRes.json()).toMatchObject({ method: 'geo', proof: 'gps_flagged' });
    clock.set('2026-12-05T03:25:00Z');
    const outRes = await checkin(t, friend, { shiftId, kind: 'out', nonce: nonce(), ...gps });
    expect(outRes.json()).toMatchObject({
      proof: 'gps_flagged',
      hours: 2.5,
      awaitingConfirmation: true,
    });
    expect(
      (await t.app.inject({ method: 'GET', url: `${V}/me/hours`, headers: bearer(friend) })).json()
        .totalHours,
    ).toBe(0);
  });

  describe('scan times the code and the server can date', () => {
    let shift2: string;
    let vol: string;
    beforeAll(async () => {
      clock.set('2026-12-01T00:00:00Z');
      shift2 = (
        await createShift(t, organizer, taskId, {
          startsAt: '2026-12-06T01:00:00Z',
          endsAt: '2026-12-06T03:00:00Z',
        })
      ).id;
      vol = await login(t.app, 'offline-vol');
      await signUp(t, vol, shift2);
    });

    it('refuses an offline scan dated before the check-in window opened, even with a real code of that moment', async () => {
      clock.set('2026-12-06T00:10:00Z'); // 08:10; check-in opens 08:30
      const token = await code(t, organizer, shift2);
      clock.set('2026-12-06T01:05:00Z');
      const res = await checkin(t, vol, {
        shiftId: shift2,
        kind: 'in',
        nonce: nonce(),
        token,
        scannedAt: '2026-12-06T00:10:05Z',
      });
      expect([res.statusCode, res.json().code]).toEqual([400, 'CHECKIN_WINDOW_CLOSED']);
    });

    it('refuses a scan time a few seconds after the upload arrived (no allowance for the phone clock)', async () => {
      clock.set('2026-12-06T00:50:00Z');
      const token = await code(t, organizer, shift2);
      const res = await checkin(t, vol, {
        shiftId: shift2,
        kind: 'in',
        nonce: nonce(),
        token,
        scannedAt: '2026-12-06T00:50:05Z',
      });
      expect([res.statusCode, res.json().code]).toEqual([400, 'SCAN_TIME_INVALID']);
    });

    it('refuses a scan time one second before the code was issued', async () => {
      clock.set('2026-12-06T00:50:30Z');
      const token = await code(t, organizer, shift2);
      clock.set('2026-12-06T00:55:00Z');
      const res = await checkin(t, vol, {
        shiftId: shift2,
        kind: 'in',
        nonce: nonce(),
        token,
        scannedAt: '2026-12-06T00:50:29Z',
      });
      expect([res.statusCode, res.json().code]).toEqual([400, 'SCAN_TIME_INVALID']);
      const ok = await checkin(t, vol, {
        shiftId: shift2,
        kind: 'in',
        nonce: nonce(),
        token,
        scannedAt: '2026-12-06T00:50:30Z',
      });
      expect(ok.json()).toMatchObject({ proof: 'offline', offline: true });
    });
  });

  describe('a shift that asks for the code plus GPS', () => {
    it('refuses the code alone and GPS alone with CHECKIN_GPS_REQUIRED, and accepts both as code_gps', async () => {
      clock.set('2026-12-01T00:00:00Z');
      const s = (
        await createShift(t, organizer, taskId, {
          startsAt: '2026-12-07T01:00:00Z',
          endsAt: '2026-12-07T03:00:00Z',
          requireGps: true,
        })
      ).id;
      const vol = await login(t.app, 'both-vol');
      await signUp(t, vol, s);
      clock.set('2026-12-07T00:50:00Z');
      const token = await code(t, organizer, s);
      const codeOnly = await checkin(t, vol, { shiftId: s, kind: 'in', nonce: nonce(), token });
      expect([codeOnly.statusCode, codeOnly.json().code]).toEqual([400, 'CHECKIN_GPS_REQUIRED']);
      const gpsOnly = await checkin(t, vol, { shiftId: s, kind: 'in', nonce: nonce(), ...PLACE });
      expect(gpsOnly.json().code).toBe('CHECKIN_GPS_REQUIRED');
      const both = await checkin(t, vol, {
        shiftId: s,
        kind: 'in',
        nonce: nonce(),
        token,
        ...PLACE,
      });
      expect(both.json()).toMatchObject({ method: 'code', proof: 'code_gps' });
    });
  });

  describe('the organizer confirms: one tap for the shift, GPS-only rows one by one', () => {
    it('leaves the GPS-only row out of the shift tap, then confirms it on its own as a review', async () => {
      const roster = (
        await t.app.inject({
          method: 'GET',
          url: `${V}/shifts/${shiftId}/signups`,
          headers: bearer(organizer),
        })
      ).json().items;
      const flagged = roster.find((r: { proof: string | null }) => r.proof === 'gps_flagged');
      expect(flagged).toMatchObject({ awaitingConfirmation: true, pendingHours: 2.5, hours: 0 });
      const tap = await t.app.inject({
        method: 'POST',
        url: `${V}/shifts/${shiftId}/hours/confirm`,
        headers: bearer(organizer),
      });
      expect(tap.json()).toEqual({ confirmed: 0, hours: 0, leftForReview: 1 });
      const one = await t.app.inject({
        method: 'POST',
        url: `${V}/signups/${flagged.signupId}/confirm`,
        headers: bearer(organizer),
      });
      expect([one.statusCode, one.json().kind, one.json().hours]).toEqual([201, 'attendance', 2.5]);
      const [row] = await t.db.query<{ created_by: string | null }>(
        'SELECT created_by::text AS created_by FROM volunteer_hours_ledger WHERE signup_id = $1',
        [flagged.signupId],
      );
      expect(row.created_by).not.toBeNull();
    });

    it('answers 403 to a volunteer and 404 to staff of another team', async () => {
      const res = await t.app.inject({
        method: 'POST',
        url: `${V}/shifts/${shiftId}/hours/confirm`,
        headers: bearer(forger),
      });
      expect(res.statusCode).toBe(403);
      const { loginStaff } = await import('../helper');
      const stranger = await loginStaff(t, 'stranger-lead', []);
      const res2 = await t.app.inject({
        method: 'POST',
        url: `${V}/shifts/${shiftId}/hours/confirm`,
        headers: bearer(stranger),
      });
      expect([res2.statusCode, res2.json().code]).toEqual([404, 'SHIFT_NOT_FOUND']);
    });
  });
});
