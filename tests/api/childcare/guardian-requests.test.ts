// One child, one record: a relative's account adding a known ID number asks the first parent, who
// approves or refuses in 孩子资料. The requester's answer is the same whatever happens.
import { bearer, makeApp, type TestApp } from '../helper';
import { childIdNumber, makeFamilies, type Family } from './fixtures';

describe('guardian requests for a child another account added first', () => {
  let t: TestApp;
  let mother: Family;
  let grandpa: Family;
  let stranger: Family;
  let childId: string;
  const ID = childIdNumber(101);
  beforeAll(async () => {
    t = await makeApp();
    [mother, grandpa, stranger] = await makeFamilies(t, 'gr', 3, 0);
    const res = await add(mother, '王小明', ID);
    expect(res.statusCode).toBe(201);
    childId = res.json().id;
  });
  afterAll(async () => t.close());

  function add(f: Family, name: string, idNumber: string, remoteAddress?: string) {
    return t.app.inject({
      method: 'POST',
      url: '/api/v1/me/children',
      headers: bearer(f.token),
      payload: { name, idNumber },
      remoteAddress,
    });
  }
  const get = (f: Family, url: string) =>
    t.app.inject({ method: 'GET', url: `/api/v1${url}`, headers: bearer(f.token) });
  const post = (f: Family, url: string) =>
    t.app.inject({ method: 'POST', url: `/api/v1${url}`, headers: bearer(f.token) });
  const requestsOf = async (f: Family) =>
    (await get(f, '/me/children/requests')).json().items as Array<{
      id: string;
      statedName: string;
    }>;
  const SUBMITTED = { status: 'requested', message: '已提交，等待孩子的监护人确认' };

  it('files a request to the first parent, who is told by message; no second child record exists', async () => {
    const res = await add(grandpa, '王小明', ID);
    expect(res.statusCode).toBe(202);
    expect(res.json()).toEqual(SUBMITTED);
    const [{ n }] = await t.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM children WHERE id = $1 OR parent_id = $2',
      [childId, grandpa.userId],
    );
    expect(n).toBe(1);
    expect((await get(grandpa, '/me/children')).json().items).toEqual([]);
    const pending = await requestsOf(mother);
    expect(pending).toEqual([
      expect.objectContaining({ childId, childName: '王小明', statedName: '王小明' }),
    ]);
    const msgs = await t.db.query<{ kind: string }>(
      'SELECT kind FROM messages WHERE user_id = $1',
      [mother.userId],
    );
    expect(msgs.map((m) => m.kind)).toEqual(['child_guardian']);
  });

  it('answers the same words for a repeated request and for a stranger, and files no duplicate', async () => {
    const again = await add(grandpa, '王小明', ID);
    const byStranger = await add(stranger, '随便填', ID);
    expect([again.statusCode, byStranger.statusCode]).toEqual([202, 202]);
    expect(again.body).toBe(byStranger.body);
    expect((await requestsOf(mother)).map((r) => r.statedName)).toEqual(['王小明', '随便填']);
  });

  it('lets only the first parent decide: the requester and others get 404', async () => {
    const [r] = await requestsOf(mother);
    for (const f of [grandpa, stranger]) {
      const res = await post(f, `/me/children/requests/${r!.id}/approve`);
      expect(res.statusCode).toBe(404);
      expect(res.json().code).toBe('CHILD_REQUEST_NOT_FOUND');
    }
  });

  it('a refused requester asking again gets the same answer and does not pester the parent', async () => {
    const r = (await requestsOf(mother)).find((x) => x.statedName === '随便填')!;
    const res = await post(mother, `/me/children/requests/${r.id}/refuse`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ id: r.id, status: 'refused' });
    const again = await add(stranger, '随便填', ID);
    expect(again.statusCode).toBe(202);
    expect(again.json()).toEqual(SUBMITTED);
    expect((await requestsOf(mother)).map((x) => x.statedName)).toEqual(['王小明']);
    expect((await get(stranger, '/me/children')).json().items).toEqual([]);
  });

  it('an approved guardian sees the same child (same id), can edit its profile, and adding it again is CHILD_EXISTS', async () => {
    const [r] = await requestsOf(mother);
    const res = await post(mother, `/me/children/requests/${r!.id}/approve`);
    expect(res.statusCode).toBe(200);
    const twice = await post(mother, `/me/children/requests/${r!.id}/approve`);
    expect(twice.statusCode).toBe(409);
    expect(twice.json().code).toBe('CHILD_REQUEST_DECIDED');
    expect(
      (await get(grandpa, '/me/children')).json().items.map((c: { id: string }) => c.id),
    ).toEqual([childId]);
    const care = (await get(grandpa, '/childcare/children')).json().items;
    expect(care).toEqual([expect.objectContaining({ id: childId, isOwner: false })]);
    expect((await get(mother, '/childcare/children')).json().items).toEqual([
      expect.objectContaining({ id: childId, isOwner: true }),
    ]);
    const again = await add(grandpa, '王小明', ID);
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('CHILD_EXISTS');
  });

  it("a guardian's delete only unlinks that account; the child stays with its first parent", async () => {
    const res = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/me/children/${childId}`,
      headers: bearer(grandpa.token),
    });
    expect(res.statusCode).toBe(204);
    expect((await get(grandpa, '/me/children')).json().items).toEqual([]);
    expect((await get(mother, '/me/children')).json().items).toHaveLength(1);
  });

  it('links at most 6 accounts to a child (the first parent + 5): the 6th approval is 409 CHILD_ACCOUNTS_FULL', async () => {
    const id = childIdNumber(102);
    const [owner, ...relatives] = await makeFamilies(t, 'gr-cap', 7, 0);
    expect((await add(owner!, '李朵朵', id)).statusCode).toBe(201);
    for (const r of relatives) expect((await add(r, '李朵朵', id)).statusCode).toBe(202);
    const pending = await requestsOf(owner!);
    expect(pending).toHaveLength(6);
    // decided at once: the child's row lock in the cap trigger lets exactly five through
    const results = await Promise.all(
      pending.map((r) => post(owner!, `/me/children/requests/${r.id}/approve`)),
    );
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 200, 200, 200, 200, 409]);
    expect(results.find((r) => r.statusCode === 409)!.json().code).toBe('CHILD_ACCOUNTS_FULL');
  });

  it('two accounts adding one new ID number at the same moment make one child and one request', async () => {
    const id = childIdNumber(103);
    const [a, b] = await makeFamilies(t, 'gr-race', 2, 0);
    const results = await Promise.all([add(a!, '赵一一', id), add(b!, '赵一一', id)]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 202]);
    const [{ n }] = await t.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM children WHERE parent_id = ANY($1::bigint[])',
      [[a!.userId, b!.userId]],
    );
    expect(n).toBe(1);
  });

  it('the database refuses a second record of one ID number whatever the code does', async () => {
    await expect(
      t.db.query(
        `INSERT INTO children (parent_id, name, gender, birth_date, id_number_hmac, id_number_masked)
         SELECT $1, '重复', gender, birth_date, id_number_hmac, id_number_masked FROM children WHERE id = $2`,
        [stranger.userId, childId],
      ),
    ).rejects.toMatchObject({ code: '23505' });
  });

  describe('rate limits (adds by ID number are questions about other families)', () => {
    it('allows 10 adds per user an hour, then 429 RATE_LIMITED with Retry-After; a retry of one key is not counted', async () => {
      const [f] = await makeFamilies(t, 'gr-rl-user', 1, 0);
      const retry = () =>
        t.app.inject({
          method: 'POST',
          url: '/api/v1/me/children',
          headers: { ...bearer(f!.token), 'idempotency-key': 'rl-retry-0001' },
          payload: { name: '钱多多', idNumber: childIdNumber(200) },
        });
      for (let i = 0; i < 5; i++) expect((await retry()).statusCode).toBe(201);
      for (let i = 1; i <= 9; i++)
        expect((await add(f!, '钱多多', childIdNumber(200 + i))).statusCode).toBe(201);
      const res = await add(f!, '钱多多', childIdNumber(210));
      expect(res.statusCode).toBe(429);
      expect(res.json().code).toBe('RATE_LIMITED');
      expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    });

    it('allows 100 adds per IP an hour across accounts', async () => {
      const fams = await makeFamilies(t, 'gr-rl-ip', 12, 0);
      const statuses: number[] = [];
      for (let i = 0; i < 101; i++) {
        // a wrong check digit is refused (400) but still counted: it was still a question
        statuses.push(
          (await add(fams[i % 11]!, '孙小小', '310104201809019990', '10.9.8.7')).statusCode,
        );
      }
      expect(statuses.slice(0, 100).every((s) => s === 400)).toBe(true);
      expect(statuses[100]).toBe(429);
      // (no account here passed its own 10: the 101st was refused for the address)
      expect((await add(fams[11]!, '孙小小', childIdNumber(300), '10.9.8.6')).statusCode).toBe(201);
    });
  });
});
