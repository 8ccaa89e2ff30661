// Scan-to-login: the PC's ticket, the phone's confirmation, the PC's poll, and what none of them
// may do (residents confirming, a second confirmation, collecting without the secret, expired codes).
import { bearer, login, makeApp, testClock, type TestApp } from './helper';

const CHROME_WINDOWS =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36';

describe('/api/v1/auth/qr — scan-to-login', () => {
  const clock = testClock('2026-07-01T09:00:00+08:00');
  let t: TestApp;
  let organizer: string;
  let organizerId: string;
  let resident: string;
  let ipSeq = 0;

  beforeAll(async () => {
    t = await makeApp({ now: clock.now });
    organizer = await login(t.app, 'qr-organizer', 'organizer');
    organizerId = (
      await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: bearer(organizer) })
    ).json().id;
    resident = await login(t.app, 'qr-resident');
  });
  afterAll(async () => t.close());

  /** A PC asking for a ticket, each from its own address unless told (the per-IP limit has its own test). */
  const newTicket = async (ip = `203.0.113.${++ipSeq}`) => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/qr',
      remoteAddress: ip,
      headers: { 'user-agent': CHROME_WINDOWS },
    });
    expect(res.statusCode).toBe(200);
    return res.json() as {
      ticket: string;
      secret: string;
      expiresAt: string;
      qrText: string;
      qrDataUrl: string;
    };
  };
  const poll = (ticket: string, secret: string) =>
    t.app.inject({ method: 'POST', url: '/api/v1/auth/qr/poll', payload: { ticket, secret } });
  const phone = (token: string, ticket: string, what: 'confirm' | 'refuse' | 'info') =>
    what === 'info'
      ? t.app.inject({ method: 'GET', url: `/api/v1/auth/qr/${ticket}`, headers: bearer(token) })
      : t.app.inject({
          method: 'POST',
          url: `/api/v1/auth/qr/${ticket}/${what}`,
          headers: bearer(token),
        });

  it('gives the PC a ticket valid for 2 minutes, with a QR code that does not carry the poll secret', async () => {
    const pc = await newTicket();
    expect(Date.parse(pc.expiresAt) - clock.now().getTime()).toBe(120_000);
    expect(pc.qrText).toBe(`youth-hub:pc-login:${pc.ticket}`);
    expect(pc.qrDataUrl).toMatch(/^data:image\/png;base64,/);
    expect(pc.qrText).not.toContain(pc.secret);
    expect((await poll(pc.ticket, pc.secret)).json()).toEqual({ status: 'pending' });
  });

  it('shows the phone the PC’s masked address and browser; residents and visitors may not see or confirm it', async () => {
    const pc = await newTicket('198.51.100.23');
    const info = await phone(organizer, pc.ticket, 'info');
    expect(info.statusCode).toBe(200);
    expect(info.json()).toEqual({
      ipMasked: '198.51.100.*',
      browser: 'Chrome · Windows',
      expiresAt: pc.expiresAt,
    });

    for (const what of ['info', 'confirm', 'refuse'] as const) {
      const res = await phone(resident, pc.ticket, what);
      expect([res.statusCode, res.json().code]).toEqual([403, 'FORBIDDEN']);
    }
    const anonymous = await t.app.inject({
      method: 'POST',
      url: `/api/v1/auth/qr/${pc.ticket}/confirm`,
    });
    expect(anonymous.statusCode).toBe(401);
    expect((await poll(pc.ticket, pc.secret)).json()).toEqual({ status: 'pending' });
  });

  it('hands the confirming organizer’s 12-hour session to the PC once, and only with the secret', async () => {
    const pc = await newTicket();
    expect((await phone(organizer, pc.ticket, 'confirm')).json()).toEqual({ status: 'confirmed' });

    const thief = await poll(pc.ticket, 'a-guessed-secret');
    expect([thief.statusCode, thief.json().code]).toEqual([404, 'QR_TICKET_NOT_FOUND']);

    const res = await poll(pc.ticket, pc.secret);
    expect(res.statusCode).toBe(200);
    const { status, session } = res.json();
    expect(status).toBe('confirmed');
    expect(session.user).toMatchObject({ id: organizerId, role: 'organizer' });
    expect(Date.parse(session.expiresAt) - Date.now()).toBeGreaterThan(12 * 3600_000 - 60_000);
    expect(Date.parse(session.expiresAt) - Date.now()).toBeLessThanOrEqual(12 * 3600_000);
    const today = await t.app.inject({
      method: 'GET',
      url: '/api/v1/organizer/today',
      headers: bearer(session.token),
    });
    expect(today.statusCode).toBe(200);

    const again = await poll(pc.ticket, pc.secret);
    expect([again.statusCode, again.json().code]).toEqual([409, 'QR_TICKET_USED']);
  });

  it('hands the session out once even to two polls at the same instant', async () => {
    const pc = await newTicket();
    await phone(organizer, pc.ticket, 'confirm');
    const both = await Promise.all([poll(pc.ticket, pc.secret), poll(pc.ticket, pc.secret)]);
    expect(both.map((r) => r.statusCode).sort()).toEqual([200, 409]);
  });

  it('reads the PC session’s role from the database on every request', async () => {
    const staffTok = await login(t.app, 'qr-demoted', 'organizer');
    const pc = await newTicket();
    await phone(staffTok, pc.ticket, 'confirm');
    const { session } = (await poll(pc.ticket, pc.secret)).json();
    await t.db.query("UPDATE users SET role = 'resident' WHERE id = $1", [session.user.id]);
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/v1/organizer/today',
      headers: bearer(session.token),
    });
    expect([res.statusCode, res.json().code]).toEqual([403, 'FORBIDDEN']);
  });

  it('cannot be confirmed twice, not even by two phones at the same instant', async () => {
    const other = await login(t.app, 'qr-organizer-2', 'organizer');
    const pc = await newTicket();
    const both = await Promise.all([
      phone(organizer, pc.ticket, 'confirm'),
      phone(other, pc.ticket, 'confirm'),
    ]);
    expect(both.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    expect(both.find((r) => r.statusCode === 409)!.json().code).toBe('QR_TICKET_USED');
    const [{ n }] = await t.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM audit_log WHERE action = 'auth.qr_login.confirm' AND entity_id = (SELECT id::text FROM login_tickets WHERE ticket = $1)",
      [pc.ticket],
    );
    expect(n).toBe(1);
  });

  it('audits every confirmation and refusal with the masked address, never the full one', async () => {
    const pc = await newTicket('192.0.2.77');
    await phone(organizer, pc.ticket, 'confirm');
    const rows = await t.db.query<{ actor_id: string; actor_role: string; after: unknown }>(
      "SELECT actor_id::text AS actor_id, actor_role, after FROM audit_log WHERE action = 'auth.qr_login.confirm' ORDER BY id DESC LIMIT 1",
    );
    expect(rows[0]).toEqual({
      actor_id: organizerId,
      actor_role: 'organizer',
      after: { ipMasked: '192.0.2.*', browser: 'Chrome · Windows' },
    });
    expect(JSON.stringify(rows)).not.toContain('192.0.2.77');

    const refused = await newTicket();
    expect((await phone(organizer, refused.ticket, 'refuse')).json()).toEqual({
      status: 'refused',
    });
    expect((await poll(refused.ticket, refused.secret)).json()).toEqual({ status: 'refused' });
    expect((await phone(organizer, refused.ticket, 'confirm')).json().code).toBe('QR_TICKET_USED');
    const [{ n }] = await t.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM audit_log WHERE action = 'auth.qr_login.refuse' AND actor_id = $1",
      [organizerId],
    );
    expect(n).toBe(1);
  });

  it('expires after 2 minutes: the phone is told, the PC sees expired', async () => {
    const pc = await newTicket();
    clock.advance(120_000);
    for (const what of ['info', 'confirm'] as const) {
      const res = await phone(organizer, pc.ticket, what);
      expect([res.statusCode, res.json().code]).toEqual([410, 'QR_TICKET_EXPIRED']);
    }
    expect((await poll(pc.ticket, pc.secret)).json()).toEqual({ status: 'expired' });
    const unknown = await phone(organizer, 'x'.repeat(32), 'info');
    expect([unknown.statusCode, unknown.json().code]).toEqual([404, 'QR_TICKET_NOT_FOUND']);
  });

  it('lets a confirmation made just before expiry reach the PC within a 30 s grace, not later', async () => {
    const late = await newTicket();
    clock.advance(119_000);
    await phone(organizer, late.ticket, 'confirm');
    clock.advance(20_000);
    expect((await poll(late.ticket, late.secret)).json().status).toBe('confirmed');

    const stale = await newTicket();
    await phone(organizer, stale.ticket, 'confirm');
    clock.advance(150_000);
    expect((await poll(stale.ticket, stale.secret)).json()).toEqual({ status: 'expired' });
  });

  it('limits ticket creation per address: 10 a minute, then 429 with Retry-After; other addresses unaffected', async () => {
    const ip = '203.0.113.250';
    for (let i = 0; i < 10; i++) await newTicket(ip);
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/qr', remoteAddress: ip });
    expect([res.statusCode, res.json().code]).toEqual([429, 'RATE_LIMITED']);
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    await newTicket('203.0.113.251');
  });
});
