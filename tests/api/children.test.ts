import { bearer, IDS, login, makeApp, type TestApp } from './helper';
import { childIdNumber } from './childcare/fixtures';

describe('/api/v1/me/children', () => {
  let t: TestApp;
  let parent: string;
  let otherParent: string;
  beforeAll(async () => {
    t = await makeApp();
    parent = await login(t.app, 'parent-1');
    otherParent = await login(t.app, 'parent-2');
  });
  afterAll(async () => t.close());

  const create = (payload: object, tok = parent, headers: Record<string, string> = {}) =>
    t.app.inject({
      method: 'POST',
      url: '/api/v1/me/children',
      headers: { ...bearer(tok), ...headers },
      payload,
    });
  const list = (tok = parent) =>
    t.app.inject({ method: 'GET', url: '/api/v1/me/children', headers: bearer(tok) });

  describe('POST /api/v1/me/children', () => {
    it('adds a child, deriving birth date and gender from the ID number, and answers it masked', async () => {
      const res = await create({
        name: '王小明',
        idNumber: IDS.childMale,
        school: '田林第三小学',
        grade: '二年级',
      });
      expect(res.statusCode).toBe(201);
      expect(res.json()).toEqual({
        id: expect.any(String),
        name: '王小明',
        gender: 'male',
        birthDate: '2018-09-01',
        age: expect.any(Number),
        idNumberMasked: '310104********0030',
        school: '田林第三小学',
        grade: '二年级',
        createdAt: expect.any(String),
      });
      expect(res.body).not.toContain(IDS.childMale);
    });

    it('refuses the same child twice for one parent, with 409 CHILD_EXISTS', async () => {
      const res = await create({ name: '王小明', idNumber: IDS.childMale });
      expect(res.statusCode).toBe(409);
      expect(res.json().code).toBe('CHILD_EXISTS');
    });

    it('answers another account adding the same ID number with a guardian request, never a second child', async () => {
      const res = await create({ name: '王小明', idNumber: IDS.childMale }, otherParent);
      expect(res.statusCode).toBe(202);
      expect(res.json()).toEqual({ status: 'requested', message: '已提交，等待孩子的监护人确认' });
      const [{ n }] = await t.db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM children WHERE id_number_masked = '310104********0030'`,
      );
      expect(n).toBe(1);
    });

    it('refuses a wrong check digit with ID_NUMBER_INVALID', async () => {
      const res = await create({ name: '王小红', idNumber: '310104201809010023' });
      expect(res.statusCode).toBe(400);
      expect(res.json().code).toBe('ID_NUMBER_INVALID');
    });

    it('refuses a gender that contradicts the ID number', async () => {
      const res = await create({ name: '王小红', idNumber: IDS.childFemale, gender: 'male' });
      expect(res.statusCode).toBe(400);
      expect(res.json().message).toContain('性别');
    });
  });

  describe('GET /api/v1/me/children', () => {
    it('lists only my own children', async () => {
      await create({ name: '李朵朵', idNumber: IDS.childGirl2015 }, otherParent);
      const mine = (await list()).json().items;
      const theirs = (await list(otherParent)).json().items;
      expect(mine.map((c: { name: string }) => c.name)).toEqual(['王小明']);
      // the request for 王小明 is not approved: nothing of that child is shown
      expect(theirs.map((c: { name: string }) => c.name)).toEqual(['李朵朵']);
    });
  });

  describe('DELETE /api/v1/me/children/:id', () => {
    it("answers 404 for someone else's child and leaves it alone", async () => {
      const theirs = (await list(otherParent)).json().items[0];
      const res = await t.app.inject({
        method: 'DELETE',
        url: `/api/v1/me/children/${theirs.id}`,
        headers: bearer(parent),
      });
      expect(res.statusCode).toBe(404);
      expect(res.json().code).toBe('CHILD_NOT_FOUND');
      expect((await list(otherParent)).json().items).toHaveLength(1);
    });

    it('deletes my own child with 204', async () => {
      const mine = (await list()).json().items[0];
      const res = await t.app.inject({
        method: 'DELETE',
        url: `/api/v1/me/children/${mine.id}`,
        headers: bearer(parent),
      });
      expect(res.statusCode).toBe(204);
      expect(res.body).toBe('');
      expect((await list()).json().items).toEqual([]);
    });
  });

  describe('Idempotency-Key', () => {
    it('replays the first response for the same key and creates the child once', async () => {
      const body = { name: '赵一一', idNumber: IDS.childFemale };
      const first = await create(body, parent, { 'idempotency-key': 'add-child-0001' });
      const retry = await create(body, parent, { 'idempotency-key': 'add-child-0001' });
      expect(first.statusCode).toBe(201);
      expect(retry.statusCode).toBe(201);
      expect(retry.json()).toEqual(first.json());
      expect(retry.headers['idempotent-replayed']).toBe('true');
      expect(
        (await list()).json().items.filter((c: { name: string }) => c.name === '赵一一'),
      ).toHaveLength(1);
    });

    it('refuses the same key with a different body, with IDEMPOTENCY_KEY_REUSED', async () => {
      const res = await create({ name: '赵二二', idNumber: IDS.childGirl2015 }, parent, {
        'idempotency-key': 'add-child-0001',
      });
      expect(res.statusCode).toBe(422);
      expect(res.json().code).toBe('IDEMPOTENCY_KEY_REUSED');
    });

    it('keeps keys per user: another parent may use the same key', async () => {
      const res = await create({ name: '钱多多', idNumber: childIdNumber(901) }, otherParent, {
        'idempotency-key': 'add-child-0001',
      });
      expect(res.statusCode).toBe(201);
      expect(res.json().name).toBe('钱多多');
    });

    it.each(['short', 'has space in it', 'x'.repeat(65), '中文的请求标识符号'])(
      'refuses the malformed key %j',
      async (key) => {
        const res = await create({ name: '孙小小', idNumber: IDS.childGirl2015 }, parent, {
          'idempotency-key': key,
        });
        expect(res.statusCode).toBe(400);
        expect(res.json().code).toBe('IDEMPOTENCY_KEY_INVALID');
      },
    );

    it('executes 20 concurrent requests with the same key exactly once, all answering the same 2xx', async () => {
      const p = await login(t.app, 'parent-rush');
      const body = { name: '周小宝', idNumber: childIdNumber(902), school: '长风小学' };
      const results = await Promise.all(
        Array.from({ length: 20 }, () => create(body, p, { 'idempotency-key': 'rush-key-12345' })),
      );
      const statuses = results.map((r) => r.statusCode);
      expect(new Set(statuses)).toEqual(new Set([201]));
      const bodies = new Set(results.map((r) => r.body));
      expect(bodies.size).toBe(1);
      expect((await list(p)).json().items).toHaveLength(1);
      const [{ n }] = await t.db.query<{ n: number }>(
        "SELECT count(*) AS n FROM idempotency_keys WHERE key = 'rush-key-12345'",
      );
      expect(n).toBe(1);
    });
  });
});
