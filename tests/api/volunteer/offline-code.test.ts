// The organizer's offline code (TOTP-style): a per-shift secret fetched ahead by the shift's
// organizers only; the phone mints a code per 30-second step; the server checks it on upload by
// the rotating code's window rules. Codes here are minted by the phone's own implementation
// (src/features/volunteer/offline/code.ts), so the test also proves phone and server agree.
import { mintOfflineCode } from '@/features/volunteer/offline/code';
import { bearer, DB_KIND, login, loginStaff, makeApp, testClock, type TestApp } from '../helper';
import { checkin, createShift, createTask, nonce, signUp, teamOrganizer, V } from './fixtures';

// Shift A: 2026-12-05 09:00–11:30 Shanghai (01:00–03:30 UTC); check-in opens 08:30, check-out
// closes 13:30. Shift B: the next day, same hours.
const START = '2026-12-05T01:00:00Z';
const END = '2026-12-05T03:30:00Z';
const clock = testClock('2026-12-04T02:00:00Z');
const ms = (iso: string) => Date.parse(iso);

describe(`offline check-in codes (${DB_KIND})`, () => {
  let t: TestApp;
  let organizer: string;
  let a: string;
  let b: string;
  let secretA: string;
  let secretB: string;
  const vols: Record<string, string> = {};
  /** A volunteer signed up for the given shifts. */
  async function volunteer(name: string, ...shifts: string[]) {
    const token = await login(t.app, name);
    for (const s of shifts) expect((await signUp(t, token, s)).statusCode).toBe(201);
    return token;
  }
  beforeAll(async () => {
    t = await makeApp({ now: clock.now });
    const o = await teamOrganizer(t);
    organizer = o.token;
    const task = await createTask(t, organizer, o.teamId);
    a = (await createShift(t, organizer, task.id, { startsAt: START, endsAt: END })).id;
    b = (
      await createShift(t, organizer, task.id, {
        startsAt: '2026-12-06T01:00:00Z',
        endsAt: '2026-12-06T03:30:00Z',
      })
    ).id;
    // every volunteer of the story signs up now, before the shifts start
    vols['peek'] = await volunteer('peek', a);
    vols['live'] = await volunteer('live', a);
    vols['offline'] = await volunteer('offline', a);
    vols['windows'] = await volunteer('windows', a);
    vols['stale'] = await volunteer('stale', a);
    vols['wrong-shift'] = await volunteer('wrong-shift', b);
    vols['relabel'] = await volunteer('relabel', b);
    vols['friend'] = await volunteer('friend', a);
    vols['twice'] = await volunteer('twice', a);
    vols['thief'] = await volunteer('thief', a);
    vols['reader'] = await volunteer('reader', b);
    vols['flood'] = await volunteer('flood', b);
  });
  afterAll(async () => t.close());

  const getSecret = (token: string, shiftId: string) =>
    t.app.inject({
      method: 'GET',
      url: `${V}/shifts/${shiftId}/checkin-secret`,
      headers: bearer(token),
    });

  /** The code the organizer's phone shows at `iso` (server time). */
  const shown = (secret: string, shiftId: string, iso: string) =>
    mintOfflineCode(secret, shiftId, ms(iso)).token;

  describe('GET /shifts/:id/checkin-secret', () => {
    it('is refused more than 24 h before check-in opens, naming when it can be fetched', async () => {
      clock.set('2026-12-04T00:29:00Z'); // 24 h 1 min before 08:30 on the 5th
      const res = await getSecret(organizer, a);
      expect([res.statusCode, res.json().code]).toEqual([409, 'CHECKIN_SECRET_UNAVAILABLE']);
      expect(res.json().message).toBe('离线签到码可在 12月4日 08:30 至 12月5日 13:30 下载');
    });

    it('gives the shift organizer the secret a day ahead, with the server time, not cached, and audited', async () => {
      clock.set('2026-12-04T00:31:00Z');
      const res = await getSecret(organizer, a);
      expect(res.statusCode).toBe(200);
      expect(res.headers['cache-control']).toBe('no-store');
      const body = res.json();
      expect(body).toMatchObject({
        shiftId: a,
        windowSeconds: 30,
        serverTime: '2026-12-04T00:31:00.000Z',
        usableUntil: '2026-12-05T05:30:00.000Z',
      });
      expect(body.secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
      secretA = body.secret;
      const rows = await t.db.query<{ n: string }>(
        `SELECT count(*)::text AS n FROM audit_log WHERE action = 'volunteer.checkin_secret.fetch' AND entity_id = $1`,
        [a],
      );
      expect(rows[0].n).toBe('1');
    });

    it('never goes to a volunteer (403), to staff of another team (404), or after check-out closed (409)', async () => {
      clock.set('2026-12-05T00:40:00Z');
      secretB = (await getSecret(organizer, b)).json().secret; // B's day-ahead window has opened
      expect(secretB).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(secretB).not.toBe(secretA);
      const vol = vols['peek'];
      expect((await getSecret(vol, a)).statusCode).toBe(403);
      const stranger = await loginStaff(t, 'other-team-lead', []);
      const res = await getSecret(stranger, a);
      expect([res.statusCode, res.json().code]).toEqual([404, 'SHIFT_NOT_FOUND']);
      clock.set('2026-12-05T05:31:00Z');
      expect((await getSecret(organizer, a)).json().code).toBe('CHECKIN_SECRET_UNAVAILABLE');
    });
  });

  describe('verification windows', () => {
    it('accepts a code minted offline, scanned live, as proof by code', async () => {
      const vol = vols['live'];
      clock.set('2026-12-05T00:45:10Z');
      const res = await checkin(t, vol, {
        shiftId: a,
        kind: 'in',
        nonce: nonce(),
        token: shown(secretA, a, '2026-12-05T00:45:10Z'),
      });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ method: 'code', proof: 'code', offline: false });
    });

    it('takes check-in and check-out scanned offline and uploaded hours later, flagged offline, hours awaiting confirmation', async () => {
      const vol = vols['offline'];
      clock.set('2026-12-05T06:00:00Z'); // back online at 14:00
      const inRes = await checkin(t, vol, {
        shiftId: a,
        kind: 'in',
        nonce: nonce(),
        token: shown(secretA, a, '2026-12-05T00:58:05Z'),
        scannedAt: '2026-12-05T00:58:20Z',
      });
      expect(inRes.statusCode).toBe(200);
      expect(inRes.json()).toMatchObject({ offline: true, scannedAt: '2026-12-05T00:58:20.000Z' });
      const outRes = await checkin(t, vol, {
        shiftId: a,
        kind: 'out',
        nonce: nonce(),
        token: shown(secretA, a, '2026-12-05T03:29:40Z'),
        scannedAt: '2026-12-05T03:29:45Z',
      });
      expect(outRes.statusCode).toBe(200);
      expect(outRes.json()).toMatchObject({
        hours: 2.5,
        awaitingConfirmation: true,
        offline: true,
      });
    });

    it('holds the claimed scan time to the code step: its start, its end plus 30 s grace, and the upload time', async () => {
      const vol = vols['windows'];
      const token = shown(secretA, a, '2026-12-05T01:00:10Z'); // step 01:00:00–01:00:30, life to 01:01:00
      clock.set('2026-12-05T02:00:00Z');
      const send = (scannedAt: string) =>
        checkin(t, vol, { shiftId: a, kind: 'in', nonce: nonce(), token, scannedAt });
      const early = await send('2026-12-05T00:59:59Z');
      expect([early.statusCode, early.json().code]).toEqual([400, 'SCAN_TIME_INVALID']);
      const late = await send('2026-12-05T01:01:01Z');
      expect([late.statusCode, late.json().code]).toEqual([400, 'CHECKIN_CODE_EXPIRED']);
      // a scan time after the upload's arrival (the phone's clock ahead) is refused
      clock.set('2026-12-05T01:00:20Z');
      const future = await send('2026-12-05T01:00:25Z');
      expect([future.statusCode, future.json().code]).toEqual([400, 'SCAN_TIME_INVALID']);
      clock.set('2026-12-05T02:00:00Z');
      const edge = await send('2026-12-05T01:01:00Z'); // the last second of the grace
      expect(edge.statusCode).toBe(200);
    });

    it('refuses an upload more than 24 h after the scan', async () => {
      const vol = vols['stale'];
      clock.set('2026-12-06T01:10:01Z');
      const res = await checkin(t, vol, {
        shiftId: a,
        kind: 'in',
        nonce: nonce(),
        token: shown(secretA, a, '2026-12-05T01:10:00Z'),
        scannedAt: '2026-12-05T01:10:00Z',
      });
      expect([res.statusCode, res.json().code]).toEqual([400, 'SCAN_TIME_INVALID']);
    });
  });

  describe('what a captured code cannot do', () => {
    it('cannot be used for another shift (CHECKIN_CODE_WRONG_SHIFT)', async () => {
      const vol = vols['wrong-shift'];
      clock.set('2026-12-06T01:05:00Z');
      const res = await checkin(t, vol, {
        shiftId: b,
        kind: 'in',
        nonce: nonce(),
        token: shown(secretA, a, '2026-12-06T01:05:00Z'),
      });
      expect([res.statusCode, res.json().code]).toEqual([400, 'CHECKIN_CODE_WRONG_SHIFT']);
    });

    it("cannot be re-labelled: shift A's secret mints nothing for shift B, a changed step or MAC is forged", async () => {
      const vol = vols['relabel'];
      clock.set('2026-12-06T01:06:00Z');
      const captured = shown(secretA, a, '2026-12-06T01:06:00Z');
      const [prefix, , step, mac] = captured.split('.');
      const forgeries = [
        shown(secretA, b, '2026-12-06T01:06:00Z'), // B's id with A's secret
        `${prefix}.${b}.${step}.${mac}`, // A's MAC under B's id
        `${prefix}.${b}.${Number(step) + 1}.${mac}`, // the next step, same MAC
        `${prefix}.${b}.${step}.${mac.slice(0, -1)}${mac.endsWith('A') ? 'B' : 'A'}`,
      ];
      for (const token of forgeries) {
        const res = await checkin(t, vol, { shiftId: b, kind: 'in', nonce: nonce(), token });
        expect([res.statusCode, res.json().code]).toEqual([400, 'CHECKIN_CODE_INVALID']);
      }
      // the genuine code of B's secret passes, so the refusals above were about the forgery
      const ok = await checkin(t, vol, {
        shiftId: b,
        kind: 'in',
        nonce: nonce(),
        token: shown(secretB, b, '2026-12-06T01:06:00Z'),
      });
      expect(ok.statusCode).toBe(200);
    });

    it('replayed later by a friend of the same shift: only with a scan time inside its minute, as the rotating code', async () => {
      const friend = vols['friend'];
      const token = shown(secretA, a, '2026-12-05T01:20:00Z');
      clock.set('2026-12-05T03:00:00Z');
      const replay = await checkin(t, friend, {
        shiftId: a,
        kind: 'in',
        nonce: nonce(),
        token,
        scannedAt: '2026-12-05T02:59:00Z', // "I scanned it just now"
      });
      expect([replay.statusCode, replay.json().code]).toEqual([400, 'CHECKIN_CODE_EXPIRED']);
    });

    it('one scan, one record: the same nonce again answers the first record; another volunteer cannot reuse it', async () => {
      const vol = vols['twice'];
      const other = vols['thief'];
      clock.set('2026-12-05T04:00:00Z');
      const scan = {
        shiftId: a,
        kind: 'in',
        nonce: nonce(),
        token: shown(secretA, a, '2026-12-05T01:30:00Z'),
        scannedAt: '2026-12-05T01:30:10Z',
      };
      const first = await checkin(t, vol, scan);
      const again = await checkin(t, vol, scan);
      expect(first.statusCode).toBe(200);
      expect(again.json()).toMatchObject({ id: first.json().id, duplicate: true });
      const stolen = await checkin(t, other, scan);
      expect([stolen.statusCode, stolen.json().code]).toEqual([409, 'NONCE_REUSED']);
      const second = await checkin(t, vol, { ...scan, nonce: nonce() });
      expect([second.statusCode, second.json().code]).toEqual([409, 'ALREADY_CHECKED']);
    });

    it("the secret appears in none of a volunteer's answers", async () => {
      const vol = vols['reader'];
      clock.set('2026-12-06T00:50:00Z');
      const bodies = await Promise.all(
        [
          '/tasks',
          '/me/shifts',
          '/me/hours',
          `/tasks/${(await t.db.query<{ id: string }>('SELECT project_id::text AS id FROM volunteer_shifts WHERE id = $1', [b]))[0].id}`,
        ].map(
          async (path) =>
            (await t.app.inject({ method: 'GET', url: `${V}${path}`, headers: bearer(vol) })).body,
        ),
      );
      for (const body of bodies) {
        expect(body.length).toBeGreaterThan(2);
        expect(body).not.toContain(secretA);
        expect(body).not.toContain(secretB);
      }
    });
  });

  // the phone may upload one scan from two triggers at once (network back, page shown)
  it('20 concurrent uploads of one queued scan make one record with one answer', async () => {
    const vol = vols['flood'];
    clock.set('2026-12-06T02:00:00Z');
    const scan = {
      shiftId: b,
      kind: 'in',
      nonce: nonce(),
      token: shown(secretB, b, '2026-12-06T01:40:00Z'),
      scannedAt: '2026-12-06T01:40:05Z',
    };
    const answers = await Promise.all(Array.from({ length: 20 }, () => checkin(t, vol, scan)));
    expect(answers.map((r) => r.statusCode)).toEqual(Array(20).fill(200));
    expect(new Set(answers.map((r) => r.json().id)).size).toBe(1);
    const rows = await t.db.query<{ n: string }>(
      'SELECT count(*)::text AS n FROM volunteer_checkins WHERE nonce = $1',
      [scan.nonce],
    );
    expect(rows[0].n).toBe('1');
  });
});
