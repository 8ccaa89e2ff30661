// A job must not wait a whole period after a (re)start: an hourly purge would otherwise never run on
// processes restarted more often than hourly.
import { DB_KIND, makeApp, type TestApp } from '../helper';

describe(`JobRunner.start (${DB_KIND})`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await makeApp();
  });
  afterAll(async () => t.close());

  it('runs every job once soon after start, then on its schedule', async () => {
    const passes: number[] = [];
    t.app.jobs.register({
      name: 'ops-start-probe',
      everyMs: 3_600_000,
      run: async () => {
        passes.push(Date.now());
        return 0;
      },
    });
    t.app.jobs.start(() => 0); // no jitter for the test
    try {
      for (let i = 0; i < 100 && passes.length === 0; i++)
        await new Promise((r) => setTimeout(r, 20));
      expect(passes).toHaveLength(1);
    } finally {
      t.app.jobs.stop();
    }
  });
});
