import { bearer, login, makeApp, testClock, type TestApp } from '../helper';
import { startFakeWechat, type FakeWechat } from '../fake-wechat';
import { serverModule } from '../native';

const { notify } = serverModule<typeof import('../../../server/src/modules/messages/service')>(
  'modules/messages/service.ts',
);
const { OUTBOX_JOB, MAX_ATTEMPTS } = serverModule<
  typeof import('../../../server/src/modules/messages/outbox')
>('modules/messages/outbox.ts');

describe('WeChat subscribe messages: one message per one-time grant, sent reliably from the outbox', () => {
  const clock = testClock('2026-07-01T09:00:00+08:00');
  let wx: FakeWechat;
  let t: TestApp;
  let token: string;
  let uid: string;

  beforeAll(async () => {
    wx = await startFakeWechat();
    t = await makeApp({
      now: clock.now,
      config: {
        wechat: {
          appId: 'wx-app',
          secret: 'wx-secret',
          apiBase: wx.baseUrl,
          timeoutMs: 3000, // no test here waits for a timeout; a loaded machine must not fake one
          wxacodeEnv: 'develop',
          templates: {
            booking: {
              id: 'TPL-BOOKING',
              fields: { thing4: 'title', phrase2: 'kind', time3: 'time' },
            },
            offer: { id: 'TPL-OFFER', fields: { thing1: 'title', thing2: 'body', date5: 'time' } },
          },
        },
      },
    });
    token = await login(t.app, 'sub-user');
    uid = (await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: bearer(token) })).json()
      .id;
  });
  afterAll(async () => {
    await t.close();
    await wx.close();
  });

  const grant = (kinds: string[]) =>
    t.app.inject({
      method: 'POST',
      url: '/api/v1/messages/grants',
      headers: bearer(token),
      payload: { kinds },
    });
  const event = (kind: 'booking' | 'offer', title: string) =>
    t.db.transaction((tx) =>
      notify(t.app, tx, { userId: uid, kind, title, body: '详情请在小程序中查看' }),
    );
  const outbox = () =>
    t.db.query<{
      status: string;
      attempts: number;
      template: string;
      last_error: string | null;
      next_attempt_at: Date | string;
    }>(
      'SELECT status, attempts, template, last_error, next_attempt_at FROM message_outbox ORDER BY id',
    );
  const sends = () =>
    wx.recorded.filter((r) => r.url.pathname === '/cgi-bin/message/subscribe/send');
  const tokens = () => wx.recorded.filter((r) => r.url.pathname === '/cgi-bin/stable_token');
  const reset = async () => {
    await t.db.query('DELETE FROM message_outbox');
    await t.db.query('DELETE FROM subscribe_grants');
    wx.recorded.length = 0;
  };

  it('tells the client which templates it may ask for (only configured ones)', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/v1/messages/templates',
      headers: bearer(token),
    });
    expect(res.json()).toEqual({ templates: { booking: 'TPL-BOOKING', offer: 'TPL-OFFER' } });
  });

  it('spends one grant per message: two events after one grant send one WeChat message, both stay in-app', async () => {
    await reset();
    expect((await grant(['booking'])).json()).toEqual({ granted: 1 });
    await event('booking', '预约已通过');
    await event('booking', '入住提醒');
    expect(await outbox()).toHaveLength(1);
    expect(await t.app.jobs.runJob(OUTBOX_JOB)).toBe(1);
    expect(sends()).toHaveLength(1);
    expect(sends()[0].body).toMatchObject({
      touser: 'dev:sub-user',
      template_id: 'TPL-BOOKING',
      page: 'pages/messages/index',
      // the template's own keys, from the configuration
      data: {
        thing4: { value: '预约已通过' },
        phrase2: { value: '预约审核' },
        time3: { value: '2026年7月1日 09:00' },
      },
    });
    expect(Object.keys(sends()[0].body.data).sort()).toEqual(['phrase2', 'thing4', 'time3']);
    expect((await outbox())[0].status).toBe('sent');
    expect(
      (
        await t.app.inject({
          method: 'GET',
          url: '/api/v1/messages/unread-count',
          headers: bearer(token),
        })
      ).json().unread,
    ).toBeGreaterThanOrEqual(2);
  });

  it('cuts a long title to fit a thing field (20 characters) and sends the offer with its own keys', async () => {
    await reset();
    await grant(['offer']);
    await event('offer', '夜校陶艺课第二轮名额待确认，请在四十八小时内确认');
    await t.app.jobs.runJob(OUTBOX_JOB);
    expect(sends()[0].body.data).toEqual({
      thing1: { value: '夜校陶艺课第二轮名额待确认，请在四十八…' },
      thing2: { value: '详情请在小程序中查看' },
      date5: { value: '2026年7月1日' },
    });
  });

  it('records no grant for a kind without a template', async () => {
    await reset();
    expect((await grant(['lottery_result'])).json()).toEqual({ granted: 0 });
  });

  it('caches the access token across sends', async () => {
    await reset();
    await grant(['booking', 'offer']);
    await event('booking', 'a');
    await event('offer', 'b');
    await t.app.jobs.runJob(OUTBOX_JOB);
    expect(sends()).toHaveLength(2);
    expect(tokens().length).toBeLessThanOrEqual(1);
  });

  it('asks for the token again once when WeChat calls it stale, and retries the send with the new one', async () => {
    await reset();
    await grant(['booking']);
    await event('booking', 'x');
    await t.app.jobs.runJob(OUTBOX_JOB); // the token is cached now
    const old = wx.currentToken;
    wx.revokeToken(); // someone forced a new token: ours is revoked
    await grant(['booking']);
    await event('booking', 'x2');
    wx.recorded.length = 0;
    await t.app.jobs.runJob(OUTBOX_JOB);
    expect(sends().map((r) => r.url.searchParams.get('access_token'))).toEqual([
      old,
      wx.currentToken,
    ]);
    expect(tokens()).toEqual([
      expect.objectContaining({ body: expect.objectContaining({ force_refresh: false }) }),
    ]);
    expect((await outbox()).map((r) => r.status)).toEqual(['sent', 'sent']);
  });

  it('keeps the message for a later pass when the token endpoint fails, and asks again next time', async () => {
    await reset();
    clock.advance(3 * 3600_000); // past the cached token's life: the next send needs a new one
    wx.tokenAnswers = [{ status: 502, body: 'bad gateway' }];
    await grant(['booking']);
    await event('booking', 'token-down');
    await t.app.jobs.runJob(OUTBOX_JOB);
    expect(sends()).toHaveLength(0);
    expect((await outbox())[0]).toMatchObject({ status: 'pending', attempts: 1 });
    clock.advance(60_000);
    await t.app.jobs.runJob(OUTBOX_JOB);
    expect(tokens()).toHaveLength(2);
    expect((await outbox())[0].status).toBe('sent');
  });

  it('retries a stale token only once: a second refusal waits in the outbox', async () => {
    await reset();
    wx.sendAnswers = [{ body: { errcode: 42001, errmsg: 'access_token expired' } }];
    await grant(['booking']);
    await event('booking', 'x3');
    await t.app.jobs.runJob(OUTBOX_JOB);
    expect(sends()).toHaveLength(2);
    expect(await outbox()).toEqual([
      expect.objectContaining({ status: 'pending', last_error: expect.stringContaining('42001') }),
    ]);
    wx.sendAnswers = [{ body: { errcode: 0 } }];
  });

  it('records a refusal (43101: grant used up) once and never retries it', async () => {
    await reset();
    wx.sendAnswers = [{ body: { errcode: 43101, errmsg: 'user refuse to accept the msg' } }];
    await grant(['booking']);
    await event('booking', 'y');
    await t.app.jobs.runJob(OUTBOX_JOB);
    clock.advance(2 * 3600_000);
    await t.app.jobs.runJob(OUTBOX_JOB);
    expect(sends()).toHaveLength(1);
    expect(await outbox()).toEqual([
      expect.objectContaining({
        status: 'refused',
        attempts: 1,
        last_error: expect.stringContaining('43101'),
      }),
    ]);
  });

  it('backs off on WeChat failures, then gives up after the last attempt', async () => {
    await reset();
    wx.sendAnswers = [{ status: 502, body: 'bad gateway' }];
    await grant(['offer']);
    await event('offer', 'z');
    await t.app.jobs.runJob(OUTBOX_JOB);
    const [first] = await outbox();
    expect(first).toMatchObject({ status: 'pending', attempts: 1 });
    expect(new Date(first.next_attempt_at).getTime() - clock.now().getTime()).toBe(30_000);
    // not due yet: nothing is sent
    await t.app.jobs.runJob(OUTBOX_JOB);
    expect(sends()).toHaveLength(1);
    for (let i = 2; i <= MAX_ATTEMPTS; i++) {
      clock.advance(3600_000);
      await t.app.jobs.runJob(OUTBOX_JOB);
    }
    expect(sends()).toHaveLength(MAX_ATTEMPTS);
    expect(await outbox()).toEqual([
      expect.objectContaining({ status: 'failed', attempts: MAX_ATTEMPTS }),
    ]);
    wx.sendAnswers = [{ body: { errcode: 0 } }];
  });

  it('never hands one outbox row to two senders (FOR UPDATE SKIP LOCKED, two passes at once)', async () => {
    await reset();
    await t.db.query(
      `INSERT INTO subscribe_grants (user_id, template, granted_at) SELECT $1, 'booking', now() FROM generate_series(1, 12)`,
      [uid],
    );
    for (let i = 0; i < 12; i++) await event('booking', `批量 ${i}`);
    const { claimDue } = serverModule<typeof import('../../../server/src/modules/messages/repo')>(
      'modules/messages/repo.ts',
    );
    const [a, b] = await Promise.all([
      t.db.transaction((tx) => claimDue(tx, t.app.now(), 60_000, 8)),
      t.db.transaction((tx) => claimDue(tx, t.app.now(), 60_000, 8)),
    ]);
    const ids = [...a, ...b].map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toHaveLength(12);
  });
});
