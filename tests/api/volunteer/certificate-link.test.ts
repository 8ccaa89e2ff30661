// A certificate's verify link and QR code point at the configured PUBLIC_BASE_URL: a forged Host
// header must not put someone else's site on a certificate that gets printed and shown to schools.
import { bearer, login, makeApp, type TestApp } from '../helper';

describe('certificate verify link', () => {
  let t: TestApp;
  let token: string;
  beforeAll(async () => {
    t = await makeApp({ config: { publicBaseUrl: 'https://youth.example.cn' } });
    token = await login(t.app, 'cert-link-volunteer');
    const me = (
      await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: bearer(token) })
    ).json();
    // hours straight into the ledger: how they got there is the check-in tests' business
    await t.db.query(
      "INSERT INTO volunteer_hours_ledger (user_id, kind, hours, created_at, created_by) VALUES ($1, 'confirmed', 2, now(), $1)",
      [me.id],
    );
  });
  afterAll(async () => t.close());

  it('uses PUBLIC_BASE_URL even when the request carries a forged Host and X-Forwarded-Host', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/volunteer/me/certificates',
      headers: {
        ...bearer(token),
        host: 'evil.example.com',
        'x-forwarded-host': 'evil.example.com',
        'x-forwarded-proto': 'http',
      },
    });
    expect(res.statusCode).toBe(201);
    const cert = res.json();
    expect(cert.verifyUrl).toBe(
      `https://youth.example.cn/api/v1/volunteer/certificates/${cert.code}`,
    );
  });
});
