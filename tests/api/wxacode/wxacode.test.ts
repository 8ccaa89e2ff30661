// 小程序码 for the organizer's rotating check-in code: WeChat's own scanner opens the landing page
// with a short `scene`, which the server trades for the signed code. Against the local fake WeChat:
// the image is drawn once per scene and cached, the scene is worth what its code is worth and no
// longer, and an unknown scene never reaches WeChat.
import { bearer, DB_KIND, login, makeApp, testClock, type TestApp } from '../helper';
import { startFakeWechat, type FakeWechat } from '../fake-wechat';
import { serverModule } from '../native';
import {
  checkin,
  createShift,
  createTask,
  nonce,
  signUp,
  teamOrganizer,
  V,
} from '../volunteer/fixtures';

const { WXACODE_PRUNE_JOB } = serverModule<
  typeof import('../../../server/src/modules/wxacode/plugin')
>('modules/wxacode/plugin.ts');

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const clock = testClock('2026-12-05T00:45:10Z'); // shift 09:00–11:30 Beijing, check-in open

describe(`小程序码 for check-in codes (${DB_KIND})`, () => {
  let wx: FakeWechat;
  let t: TestApp;
  let organizer: string;
  let volunteer: string;
  let shift: { id: string };

  beforeAll(async () => {
    wx = await startFakeWechat();
    t = await makeApp({
      now: clock.now,
      config: {
        wechat: {
          appId: 'wx-app',
          secret: 'wx-secret',
          apiBase: wx.baseUrl,
          timeoutMs: 3000,
          templates: {},
          wxacodeEnv: 'release',
        },
      },
    });
    clock.set('2026-12-01T00:00:00Z');
    const o = await teamOrganizer(t);
    organizer = o.token;
    const task = await createTask(t, organizer, o.teamId);
    shift = await createShift(t, organizer, task.id, {
      startsAt: '2026-12-05T01:00:00Z',
      endsAt: '2026-12-05T03:30:00Z',
    });
    volunteer = await login(t.app, 'wxacode-volunteer');
    expect((await signUp(t, volunteer, shift.id)).statusCode).toBe(201);
  });
  afterAll(async () => {
    await t.close();
    await wx.close();
  });

  const checkinCode = async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: `${V}/shifts/${shift.id}/checkin-code`,
      headers: bearer(organizer),
    });
    expect(res.statusCode).toBe(200);
    return res.json() as { token: string; wxacodeUrl: string };
  };
  const get = (url: string) => t.app.inject({ method: 'GET', url });
  const draws = () => wx.recorded.filter((r) => r.url.pathname === '/wxa/getwxacodeunlimit');
  const sceneOf = (url: string) => url.split('/').pop()!;

  it('gives the organizer a 小程序码 whose scene fits in 32 characters, drawn by WeChat for the landing page', async () => {
    clock.set('2026-12-05T00:45:10Z');
    const code = await checkinCode();
    expect(code.wxacodeUrl).toMatch(/^\/api\/v1\/wxacode\/[A-Za-z0-9_-]{24}$/);
    const img = await get(code.wxacodeUrl);
    expect(img.statusCode).toBe(200);
    expect(img.headers['content-type']).toBe('image/png');
    expect(img.rawPayload.subarray(0, 8)).toEqual(PNG);
    expect(draws()).toHaveLength(1);
    expect(draws()[0].body).toEqual({
      scene: sceneOf(code.wxacodeUrl),
      page: 'pages/landing/index',
      check_path: true,
      env_version: 'release',
      width: 430,
    });
    expect(draws()[0].url.searchParams.get('access_token')).toBe(wx.currentToken);
  });

  it('draws each scene once: the same window on two screens, and many requests at once, share one image', async () => {
    wx.recorded.length = 0;
    clock.set('2026-12-05T00:46:01Z');
    const [a, b] = [await checkinCode(), await checkinCode()];
    expect(b.wxacodeUrl).toBe(a.wxacodeUrl);
    const images = await Promise.all(Array.from({ length: 8 }, () => get(a.wxacodeUrl)));
    expect(images.map((r) => r.statusCode)).toEqual(Array(8).fill(200));
    expect(draws()).toHaveLength(1);
    expect((await get(a.wxacodeUrl)).rawPayload).toEqual(images[0].rawPayload);
    expect(draws()).toHaveLength(1);
  });

  it('trades the scene for the code on the landing page, and the code checks the volunteer in', async () => {
    clock.set('2026-12-05T00:47:05Z');
    const code = await checkinCode();
    const res = await get(`${code.wxacodeUrl}/target`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      target: 'volunteer-checkin',
      code: code.token,
      shiftId: shift.id,
      expiresAt: expect.any(String),
    });
    const done = await checkin(t, volunteer, {
      shiftId: shift.id,
      kind: 'in',
      nonce: nonce(),
      token: res.json().code,
    });
    expect(done.statusCode).toBe(200);
  });

  it('answers 410 for a scene whose code expired (a photo sent to a friend), and never asks WeChat for it', async () => {
    clock.set('2026-12-05T00:48:00Z');
    const code = await checkinCode();
    clock.set('2026-12-05T00:49:00Z'); // past the 30 s window and its grace
    wx.recorded.length = 0;
    const target = await get(`${code.wxacodeUrl}/target`);
    expect(target.statusCode).toBe(410);
    expect(target.json().code).toBe('WXACODE_EXPIRED');
    expect((await get(code.wxacodeUrl)).statusCode).toBe(410);
    expect(draws()).toHaveLength(0);
  });

  it('answers 404 for a scene it never made, and 400 for one that is not a scene, without calling WeChat', async () => {
    wx.recorded.length = 0;
    const made = sceneOf((await checkinCode()).wxacodeUrl);
    const guess = `${made.slice(0, 23)}${made[23] === 'A' ? 'B' : 'A'}`;
    const unknown = await get(`/api/v1/wxacode/${guess}`);
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().code).toBe('WXACODE_NOT_FOUND');
    expect((await get(`/api/v1/wxacode/${guess}/target`)).statusCode).toBe(404);
    for (const bad of ['short', 'x'.repeat(33), '%3Cscript%3E'.padEnd(24, 'x')])
      expect((await get(`/api/v1/wxacode/${bad}/target`)).statusCode).toBe(400);
    expect(draws()).toHaveLength(0);
  });

  it('answers 503 WXACODE_UNAVAILABLE when WeChat refuses, keeps nothing, and draws it on the next request', async () => {
    clock.set('2026-12-05T00:50:00Z');
    const code = await checkinCode();
    wx.wxacodeAnswers = [{ body: { errcode: 45009, errmsg: 'reach max api daily quota limit' } }];
    const res = await get(code.wxacodeUrl);
    expect(res.statusCode).toBe(503);
    expect(res.json().code).toBe('WXACODE_UNAVAILABLE');
    expect((await get(code.wxacodeUrl)).statusCode).toBe(200);
  });

  it('asks for the access token once more when WeChat calls it stale, and draws the code', async () => {
    clock.set('2026-12-05T00:51:00Z');
    const code = await checkinCode();
    wx.revokeToken();
    wx.recorded.length = 0;
    expect((await get(code.wxacodeUrl)).statusCode).toBe(200);
    expect(draws().map((r) => r.url.searchParams.get('access_token') === wx.currentToken)).toEqual([
      false,
      true,
    ]);
  });

  it('deletes scenes a day after their code expired', async () => {
    clock.set('2026-12-05T00:52:00Z');
    const code = await checkinCode();
    clock.set('2026-12-05T12:00:00Z');
    await t.app.jobs.runJob(WXACODE_PRUNE_JOB);
    expect((await get(`${code.wxacodeUrl}/target`)).statusCode).toBe(410);
    clock.set('2026-12-06T01:00:00Z');
    expect(await t.app.jobs.runJob(WXACODE_PRUNE_JOB)).toBeGreaterThan(0);
    expect((await get(`${code.wxacodeUrl}/target`)).statusCode).toBe(404);
  });
});
