import { bearer, IDS, login, makeApp, type TestApp } from './helper';

describe('/api/v1/me', () => {
  let t: TestApp;
  let token: string;
  beforeAll(async () => {
    t = await makeApp();
    token = await login(t.app, 'me-user');
  });
  afterAll(async () => t.close());

  const put = (payload: unknown, tok = token) =>
    t.app.inject({
      method: 'PUT',
      url: '/api/v1/me',
      headers: bearer(tok),
      payload: payload as object,
    });

  describe('GET /api/v1/me', () => {
    it('returns an empty, incomplete profile for a new user', async () => {
      const res = await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: bearer(token) });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({
        id: expect.any(String),
        role: 'resident',
        orgIds: [],
        name: null,
        phoneMasked: null,
        phoneVerified: false,
        idNumberMasked: null,
        birthDate: null,
        age: null,
        gender: null,
        profileComplete: false,
      });
    });
  });

  describe('PUT /api/v1/me', () => {
    it('stores name, phone and ID number, and answers only masked values with derived birth date, age and gender', async () => {
      const res = await put({ name: '张晓青', phone: '13812345678', idNumber: IDS.adultMale });
      expect(res.statusCode).toBe(200);
      const me = res.json();
      expect(me).toMatchObject({
        name: '张晓青',
        phoneMasked: '138****5678',
        idNumberMasked: '310107********1239',
        birthDate: '1990-03-07',
        gender: 'male',
        profileComplete: true,
      });
      expect(me.age).toBeGreaterThanOrEqual(36);
      expect(res.body).not.toContain('13812345678');
      expect(res.body).not.toContain(IDS.adultMale);
    });

    it('never stores the full ID number, only its HMAC and the masked form', async () => {
      const rows = await t.db.query<Record<string, unknown>>('SELECT * FROM users');
      expect(JSON.stringify(rows)).not.toContain(IDS.adultMale);
      const [row] = await t.db.query<{ id_number_hmac: string }>(
        'SELECT id_number_hmac FROM users WHERE name = $1',
        ['张晓青'],
      );
      expect(row.id_number_hmac).toMatch(/^[0-9a-f]{64}$/);
    });

    it('updates only the fields it is given', async () => {
      const res = await put({ name: '张晓青·Ann' });
      expect(res.json()).toMatchObject({
        name: '张晓青·Ann',
        phoneMasked: '138****5678',
        gender: 'male',
      });
    });

    // the server gives one answer for every refused number (tests/api/me/id-number-refusal.test.ts);
    // the form shows the precise format mistake from the same shared rules
    it.each([
      ['a wrong check digit', IDS.wrongCheckDigit],
      ['the wrong length', '3101071990'],
      ['an impossible birth date', '310107199902300015'],
    ])('refuses an ID number with %s: 400 ID_NUMBER_INVALID', async (_what, idNumber) => {
      const res = await put({ idNumber });
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({
        code: 'ID_NUMBER_INVALID',
        message: expect.stringContaining('人工核验'),
      });
    });

    it('refuses a phone that is not a mainland mobile, with PHONE_INVALID', async () => {
      const res = await put({ phone: '12345' });
      expect(res.statusCode).toBe(400);
      expect(res.json().code).toBe('PHONE_INVALID');
    });

    it('refuses a one-character name, with NAME_INVALID', async () => {
      const res = await put({ name: '张' });
      expect(res.statusCode).toBe(400);
      expect(res.json().code).toBe('NAME_INVALID');
    });

    it('accepts an ID number ending in X (any case) and shows it masked', async () => {
      const other = await login(t.app, 'me-x');
      const res = await put({ idNumber: IDS.adultFemaleX.toLowerCase() }, other);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({
        idNumberMasked: '110105********002X',
        gender: 'female',
        birthDate: '1949-12-31',
      });
    });

    it('refuses a field it does not know, with VALIDATION_FAILED naming it', async () => {
      const res = await put({ name: '李四', role: 'admin' });
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({
        code: 'VALIDATION_FAILED',
        message: '不支持的字段：role',
      });
      const me = await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: bearer(token) });
      expect(me.json().role).toBe('resident');
    });
  });
});
