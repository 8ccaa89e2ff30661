// Overload shedding, on (every other API test switches it off): while the event loop lags past
// maxEventLoopDelayMs, a rush tap is answered at once with 503 SERVER_BUSY and Retry-After instead
// of queueing; once the lag is gone the same tap (same Idempotency-Key) goes through.
import type { LightMyRequestResponse } from 'fastify';
import { DB_KIND, makeApp, testClock, type TestApp } from '../helper';
import {
  AFTER_OPEN,
  enrollReq,
  makeCatalogue,
  makeClass,
  makeFamilies,
} from '../childcare/fixtures';

const MAX_DELAY_MS = 40;

/** Keeps the event loop blocked in 120 ms stretches for `ms`, the way a CPU-bound rush would. */
async function lagEventLoop(ms: number): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    const stretch = Date.now() + 120;
    while (Date.now() < stretch) {
      /* busy: nothing else runs */
    }
    await new Promise((r) => setImmediate(r));
  }
}

const clock = testClock(AFTER_OPEN);
const seats = async (t: TestApp, classId: string) =>
  (await t.db.query<{ taken: number }>('SELECT taken FROM cc_classes WHERE id = $1', [classId]))[0]!
    .taken;

describe(`overload shedding at ${MAX_DELAY_MS} ms of event-loop lag (${DB_KIND})`, () => {
  // the world is set up through an app that never sheds (setting up lags the loop too); the
  // shedding app serves the same database
  let setupApp: TestApp;
  let t: TestApp;
  beforeAll(async () => {
    setupApp = await makeApp({ now: clock.now });
    t = await makeApp({
      db: setupApp.db,
      now: clock.now,
      config: { maxEventLoopDelayMs: MAX_DELAY_MS },
    });
  });
  afterAll(async () => {
    await t.close();
    await setupApp.close();
  });

  /** Retries `send` every 200 ms while it is shed, for up to 10 s. */
  async function untilServed(send: () => Promise<LightMyRequestResponse>) {
    let res = await send();
    for (let i = 0; i < 50 && res.statusCode === 503; i++) {
      await new Promise((r) => setTimeout(r, 200));
      res = await send();
    }
    return res;
  }

  it('answers 503 SERVER_BUSY with Retry-After while the loop lags, and takes the same tap once it recovers', async () => {
    const classId = await makeClass(setupApp, await makeCatalogue(setupApp), { capacity: 10 });
    const [parent] = await makeFamilies(t, 'shed', 1);
    const tap = () => enrollReq(t, parent!.token, classId, parent!.childIds, 'shed-tap-0001');
    expect(
      (await untilServed(() => t.app.inject({ method: 'GET', url: '/api/v1/time' }))).statusCode,
    ).toBe(200);
    // under-pressure measures the lag once a second: lag across two measurements
    await lagEventLoop(2_500);
    const shed = await tap();
    // the health check is shed the same way, in the error's shape (it once failed to serialize: 500)
    const health = await t.app.inject({ method: 'GET', url: '/api/v1/health' });
    expect([health.statusCode, health.json().code]).toEqual([503, 'SERVER_BUSY']);
    expect(shed.statusCode).toBe(503);
    expect(shed.json()).toMatchObject({
      code: 'SERVER_BUSY',
      message: '当前报名人数较多，请稍候，系统会自动重试',
    });
    expect(Number(shed.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(await seats(t, classId)).toBe(0);

    expect((await untilServed(tap)).statusCode).toBe(201);
    expect(await seats(t, classId)).toBe(1);
  });
});
