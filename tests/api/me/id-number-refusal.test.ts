// An ID number bound to another account must not be an oracle: the answer is the one every refused
// number gets (same status, code, message, headers), the profile stays as it was, and a 人工核验
// request is recorded for admins to follow up, with the number masked.
import type { LightMyRequestResponse } from 'fastify';
import { bearer, IDS, login, makeApp, type TestApp } from '../helper';

describe('PUT /api/v1/me — an ID number bound to another account', () => {
  let t: TestApp;
  let holder: string;
  let holderId: string;
  let adminTok: string;
  beforeAll(async () => {
    t = await makeApp();
    holder = await login(t.app, 'idr-holder');
    adminTok = await login(t.app, 'idr-admin', 'admin');
    const res = await put(holder, {
      name: '王持有',
      phone: '13700001111',
      idNumber: IDS.adultMale2,
    });
    expect(res.statusCode).toBe(200);
    holderId = res.json().id;
  });
  afterAll(async () => t.close());

  function put(token: string, payload: object) {
    return t.app.inject({ method: 'PUT', url: '/api/v1/me', headers: bearer(token), payload });
  }
  // what a prober sees: status, body and every header but the ones that vary per request anyway
  const seen = (res: LightMyRequestResponse) => {
    const { date: _date, 'x-request-id': _rid, ...headers } = res.headers;
    return { status: res.statusCode, body: res.json(), headers };
  };

  it('answers exactly as for a number with a wrong check digit, and changes nothing', async () => {
    const prober = await login(t.app, 'idr-prober');
    expect((await put(prober, { name: '李试探' })).statusCode).toBe(200);
    const bound = await put(prober, { name: '李改名', idNumber: IDS.adultMale2 });
    const wrong = await put(prober, { name: '李改名', idNumber: IDS.wrongCheckDigit });
    const short = await put(prober, { name: '李改名', idNumber: '3101071990' });
    expect(seen(bound)).toEqual(seen(wrong));
    expect(seen(bound)).toEqual(seen(short));
    expect(bound.json()).toEqual({
      statusCode: 400,
      code: 'ID_NUMBER_INVALID',
      error: 'Bad Request',
      message: '身份证号未能通过核验，请核对后重试。如确认无误，请携带身份证到社区团委申请人工核验',
    });
    const me = (
      await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: bearer(prober) })
    ).json();
    expect(me).toMatchObject({ name: '李试探', idNumberMasked: null });
  });

  it('records one 人工核验 request per person and number, which an admin sees with the number masked', async () => {
    const claimant = await login(t.app, 'idr-claimant');
    await put(claimant, { name: '王本人', phone: '13900002222' });
    for (let i = 0; i < 2; i++)
      expect((await put(claimant, { idNumber: IDS.adultMale2 })).statusCode).toBe(400);
    const claimantId = (
      await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: bearer(claimant) })
    ).json().id;

    const res = await t.app.inject({
      method: 'GET',
      url: '/api/v1/admin/id-verifications',
      headers: bearer(adminTok),
    });
    expect(res.statusCode).toBe(200);
    const mine = res
      .json()
      .items.filter((r: { requester: { id: string } }) => r.requester.id === claimantId);
    expect(mine).toEqual([
      {
        id: expect.any(String),
        createdAt: expect.any(String),
        idNumberMasked: '310104********5511',
        requester: { id: claimantId, name: '王本人', phoneMasked: '139****2222' },
        boundTo: { id: holderId, name: '王持有', phoneMasked: '137****1111' },
      },
    ]);
    expect(res.body).not.toContain(IDS.adultMale2);
  });

  it('a malformed number records nothing (nothing to verify)', async () => {
    const [{ n: before }] = await t.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM id_verification_requests',
    );
    const someone = await login(t.app, 'idr-typo');
    expect((await put(someone, { idNumber: IDS.wrongCheckDigit })).statusCode).toBe(400);
    const [{ n: after }] = await t.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM id_verification_requests',
    );
    expect(after).toBe(before);
  });

  it('the list is for admins only', async () => {
    const organizer = await login(t.app, 'idr-organizer', 'organizer');
    for (const token of [holder, organizer]) {
      expect(
        (
          await t.app.inject({
            method: 'GET',
            url: '/api/v1/admin/id-verifications',
            headers: bearer(token),
          })
        ).statusCode,
      ).toBe(403);
    }
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/v1/admin/id-verifications' })).statusCode,
    ).toBe(401);
  });
});
