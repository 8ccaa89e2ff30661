// npm run seed:volume must not mix its 50,000 made-up residents into a database with real ones:
// it counts the accounts that no seed and no development login made, and stops unless --force.
import { DB_KIND, makeApp, type TestApp } from '../helper';
import { serverModule } from '../native';

const { realLookingUsers, volumeLoaded } = serverModule<
  typeof import('../../../server/src/db/volume/volume-seed')
>('db/volume/volume-seed.ts');

describe(`volume seed guard (${DB_KIND})`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await makeApp();
  });
  afterAll(async () => t.close());

  it('counts real-looking accounts only, and knows when the volume data is in', async () => {
    // the demo seed makes organizations, no accounts
    expect(await realLookingUsers(t.db)).toBe(0);
    await t.db.query(`INSERT INTO users (openid) VALUES ('dev:demo-staff'), ('volume-7')`);
    expect(await realLookingUsers(t.db)).toBe(0);
    expect(await volumeLoaded(t.db)).toBe(true);
    // an openid as WeChat issues them: a real resident
    await t.db.query(`INSERT INTO users (openid) VALUES ('oX1fM5Kx2nq0aZ3bC4dE5fG6hI7j')`);
    expect(await realLookingUsers(t.db)).toBe(1);
  });
});
