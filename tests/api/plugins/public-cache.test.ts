// The public catalogue's micro-cache (server/src/plugins/public-cache.ts): ETags and 304s, one
// database read per burst, figures at most one window old, never on a personal answer. The cache
// runs on the app's clock, so the tests move a test clock instead of sleeping.
import type { Db } from '../../../server/src/db/db';
import { bearer, DB_KIND, makeApp, testClock, type TestApp } from '../helper';
import { makeCatalogue, makeClass, makeFamilies } from '../childcare/fixtures';
import { apply, createCourse, createTerm, organizer, residents } from '../night-school/fixture';
import { stationIds } from '../station/station-helper';

const TTL_MS = 1000;
const OPENS = '2026-03-01T02:00:00.000Z'; // a first-come term: 2026-03-01 10:00 – 03-05 22:00 Shanghai
const CLOSES = '2026-03-05T14:00:00.000Z';
const ETAG = /^"[\w-]{27}"$/;

/** Counts the statements the app sends to the (real) database while `fn` runs. */
async function queriesDuring(db: Db, fn: () => Promise<unknown>): Promise<number> {
  const query = db.query;
  let n = 0;
  db.query = (...args) => {
    n++;
    return query.apply(db, args) as never;
  };
  try {
    await fn();
  } finally {
    db.query = query;
  }
  return n;
}

describe(`public catalogue cache (${DB_KIND})`, () => {
  const clock = testClock('2026-02-20T02:00:00.000Z');
  let t: TestApp;
  let staff: string;
  let termId: string;
  let courseId: string;
  let urls: string[];
  /** The next request of every URL reads the database again. */
  const nextWindow = () => clock.advance(TTL_MS);
  const get = (url: string, headers: Record<string, string> = {}) =>
    t.app.inject({ method: 'GET', url, headers });

  beforeAll(async () => {
    t = await makeApp({ now: clock.now, config: { catalogCacheMs: TTL_MS } });
    staff = await organizer(t);
    termId = (
      await createTerm(
        t,
        staff,
        { allocation: 'first_come', opensAt: OPENS, closesAt: CLOSES },
        '缓存测试学期',
      )
    ).id;
    courseId = (await createCourse(t, staff, termId, { title: '缓存测试课', capacity: 2 })).id;
    const catalogue = await makeCatalogue(t);
    const classId = await makeClass(t, catalogue, { capacity: 35 });
    const stations = await stationIds(t);
    urls = [
      `/api/v1/night-school/courses?termId=${termId}`,
      `/api/v1/night-school/courses/${courseId}`,
      `/api/v1/night-school/terms/${termId}/draw`,
      `/api/v1/night-school/terms/${termId}/stats`,
      '/api/v1/childcare/programmes',
      `/api/v1/childcare/programmes/${catalogue.programmeId}`,
      `/api/v1/childcare/programmes/${catalogue.programmeId}/stats`,
      `/api/v1/childcare/classes/${classId}`,
      '/api/v1/stations',
      `/api/v1/stations/${stations.a}`,
    ];
  });
  afterAll(async () => t.close());

  it('answers every list and detail with a strong ETag and public max-age=1, and If-None-Match with a bodiless 304', async () => {
    nextWindow();
    for (const url of urls) {
      const first = await get(url);
      expect([url, first.statusCode]).toEqual([url, 200]);
      expect(first.headers.etag).toMatch(ETAG);
      expect(first.headers['cache-control']).toBe('public, max-age=1');

      const again = await get(url, { 'if-none-match': String(first.headers.etag) });
      expect([url, again.statusCode, again.body]).toEqual([url, 304, '']);
      expect(again.headers.etag).toBe(first.headers.etag);
      expect(again.headers['cache-control']).toBe('public, max-age=1');
      expect(again.headers['content-length']).toBeUndefined();
      // a list of tags and the weak form match too (RFC 9110: If-None-Match compares weakly)
      expect(
        (await get(url, { 'if-none-match': `"other", W/${first.headers.etag}` })).statusCode,
      ).toBe(304);

      const other = await get(url, { 'if-none-match': '"not-this-one"' });
      expect(other.statusCode).toBe(200);
      expect(other.body).toBe(first.body);
    }
  });

  it('serves a burst of 50 identical GETs with the database reads of one', async () => {
    for (const url of urls) {
      nextWindow();
      const one = await queriesDuring(t.db, () => get(url));
      expect(one).toBeGreaterThan(0);
      nextWindow();
      let answers: Array<{ statusCode: number; body: string }> = [];
      const burst = await queriesDuring(t.db, async () => {
        answers = await Promise.all(Array.from({ length: 50 }, () => get(url)));
      });
      expect([url, burst]).toEqual([url, one]);
      expect(answers.every((a) => a.statusCode === 200 && a.body === answers[0]!.body)).toBe(true);
    }
  });

  it('shows a write within one window at most, then the new figures under a new ETag', async () => {
    clock.set('2026-03-01T03:00:00.000Z'); // the window is open
    const url = `/api/v1/night-school/courses/${courseId}`;
    const before = await get(url);
    expect(before.json().course.applicants).toBe(0);

    const [person] = await residents(t, 1, 'cache-applicant');
    expect((await apply(t, person!.token, courseId)).statusCode).toBe(201);

    // within the window: the stored answer, honestly one window old (enrolling never reads it)
    const stale = await get(url);
    expect(stale.headers.etag).toBe(before.headers.etag);
    expect(stale.json().course.applicants).toBe(0);

    nextWindow();
    const fresh = await get(url, { 'if-none-match': String(before.headers.etag) });
    expect(fresh.statusCode).toBe(200);
    expect(fresh.headers.etag).toMatch(ETAG);
    expect(fresh.headers.etag).not.toBe(before.headers.etag);
    expect(fresh.json().course.applicants).toBe(1);
  });

  it('reads past the cache for Cache-Control: no-cache (a page right after its own write), and stores what it read', async () => {
    const url = `/api/v1/night-school/courses?termId=${termId}`;
    const before = await get(url);
    const [person] = await residents(t, 1, 'cache-own-write');
    expect((await apply(t, person!.token, courseId)).statusCode).toBe(201);
    const applicants = (r: { json(): any }) =>
      r.json().items.find((c: { id: string }) => c.id === courseId).applicants;

    expect(applicants(await get(url))).toBe(applicants(before)); // the stored answer, same window
    const own = await get(url, { 'cache-control': 'no-cache' });
    expect(applicants(own)).toBe(applicants(before) + 1);
    // everyone else now gets the fresh answer too, and a reload's max-age=0 does not bypass
    expect((await get(url)).body).toBe(own.body);
    const reads = await queriesDuring(t.db, () => get(url, { 'cache-control': 'max-age=0' }));
    expect(reads).toBe(0);
  });

  it('gives unchanged figures the same ETag in a later window: revalidating costs one read and answers 304', async () => {
    const url = `/api/v1/childcare/programmes`;
    const first = await get(url);
    nextWindow();
    let res = first;
    const reads = await queriesDuring(t.db, async () => {
      res = await get(url, { 'if-none-match': String(first.headers.etag) });
    });
    expect(reads).toBeGreaterThan(0);
    expect(res.statusCode).toBe(304);
    expect(res.body).toBe('');
    expect(res.headers['content-length']).toBeUndefined();
    expect(res.headers.etag).toBe(first.headers.etag);
  });

  it('never serves the old phase of a term past its opening, even inside a window', async () => {
    clock.set('2026-04-01T00:00:00.000Z');
    const opensAt = '2026-04-02T00:00:00.000Z';
    const term = await createTerm(
      t,
      staff,
      { allocation: 'first_come', opensAt, closesAt: '2026-04-09T00:00:00.000Z' },
      '即将开放学期',
    );
    const course = await createCourse(t, staff, term.id, { title: '开放瞬间课' });
    const url = `/api/v1/night-school/courses/${course.id}`;

    clock.set('2026-04-01T23:59:59.600Z'); // 0.4 s before the opening
    const before = await get(url);
    expect(before.json().term.phase).toBe('upcoming');
    // a browser may not keep it past the opening either
    expect(before.headers['cache-control']).toBe('public, max-age=0');

    clock.advance(500); // 0.1 s after the opening, inside the 1 s window
    const after = await get(url);
    expect(after.json().term.phase).toBe('open');
    expect(after.headers.etag).not.toBe(before.headers.etag);
  });

  it('keeps no error: an unknown class answers 404 every time, with no ETag and no public Cache-Control', async () => {
    for (let i = 0; i < 2; i++) {
      const res = await get('/api/v1/childcare/classes/987654321');
      expect(res.statusCode).toBe(404);
      expect(res.headers.etag).toBeUndefined();
      expect(res.headers['cache-control']).toBeUndefined();
    }
  });

  it('gives personal answers no ETag and no public Cache-Control', async () => {
    const [family] = await makeFamilies(t, 'cache-family', 1);
    const [person] = await residents(t, 1, 'cache-person');
    const personal: Array<[string, string]> = [
      ['/api/v1/me', person!.token],
      ['/api/v1/night-school/me', person!.token],
      ['/api/v1/stations/me', person!.token],
      ['/api/v1/childcare/children', family!.token],
      ['/api/v1/childcare/enrollments/mine', family!.token],
    ];
    for (const [url, token] of personal) {
      for (let i = 0; i < 2; i++) {
        const res = await get(url, bearer(token));
        expect([url, res.statusCode]).toEqual([url, 200]);
        expect(res.headers.etag).toBeUndefined();
        expect(String(res.headers['cache-control'] ?? '')).not.toMatch(/public/);
      }
    }
  });
});

describe(`public catalogue with the cache switched off (catalogCacheMs: 0, ${DB_KIND})`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await makeApp();
  });
  afterAll(async () => t.close());

  it('still refuses, when routes are registered, to mark a route that checks the caller as public', () => {
    expect(() =>
      t.app.get(
        '/test/personal-cached',
        { config: { publicCache: true }, preHandler: t.app.authenticate },
        async () => ({ ok: true }),
      ),
    ).toThrow(/cannot be publicly cached/);
  });

  it('reads the database for every request and sends no ETag or public Cache-Control', async () => {
    const one = await queriesDuring(t.db, () =>
      t.app.inject({ method: 'GET', url: '/api/v1/stations' }),
    );
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/stations' });
    expect(res.statusCode).toBe(200);
    expect(res.headers.etag).toBeUndefined();
    expect(res.headers['cache-control']).toBeUndefined();
    const three = await queriesDuring(t.db, () =>
      Promise.all([1, 2, 3].map(() => t.app.inject({ method: 'GET', url: '/api/v1/stations' }))),
    );
    expect(three).toBe(3 * one);
  });
});
