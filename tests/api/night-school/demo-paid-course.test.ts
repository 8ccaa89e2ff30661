// The demo's night school sells one course at the citizen night school's price (¥500 for 12
// sessions) where WeChat Pay is configured — as `npm start` is, with its fake — and none where it
// is not, since staff could not open such a course there either (PAYMENTS_NOT_CONFIGURED).
import { DB_KIND, emptyDb, makeApp, type TestApp } from '../helper';
import { startFakeWechatPay, type FakeWechatPay } from '../fake-wechatpay';

interface ListedCourse {
  title: string;
  feeFen: number;
  sessions: number;
}

const courses = async (t: TestApp) => {
  const res = await t.app.inject({ url: '/api/v1/night-school/courses' });
  expect(res.statusCode).toBe(200);
  return res.json().items as ListedCourse[];
};

describe(`the demo's paid night-school course (${DB_KIND})`, () => {
  let fake: FakeWechatPay;
  beforeAll(async () => {
    fake = await startFakeWechatPay();
  });
  afterAll(async () => fake.close());

  it('is seeded into an empty database where WeChat Pay is configured: ¥500, 12 sessions', async () => {
    const t = await makeApp({ db: await emptyDb(), config: { wechatPay: fake.config } });
    try {
      const list = await courses(t);
      expect(list).toHaveLength(9);
      expect(list.filter((c) => c.feeFen > 0)).toEqual([
        expect.objectContaining({ title: '粤语入门：日常会话', feeFen: 50_000, sessions: 12 }),
      ]);
    } finally {
      await t.close();
    }
  });

  it('is left out where WeChat Pay is not configured: the eight free courses only', async () => {
    const t = await makeApp({ db: await emptyDb() });
    try {
      const list = await courses(t);
      expect(list).toHaveLength(8);
      expect(list.every((c) => c.feeFen === 0 && c.sessions === 8)).toBe(true);
    } finally {
      await t.close();
    }
  });
});
