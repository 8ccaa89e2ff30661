// Retention: idempotency keys live 24 h; a station proof image lives until 30 days after the stay
// it supports ended (or 30 days after upload if it never supported one), and its file leaves the
// disk with it.
import { bearer, login, makeApp, testClock, type TestApp } from '../helper';
import { uploadProof } from '../files/upload';
import { book, resident, roomTypeId, stationIds } from '../station/station-helper';
import { serverModule } from '../native';

const { storedExists } = serverModule<typeof import('../../../server/src/modules/files/storage')>(
  'modules/files/storage.ts',
);
const HOUR = 3600_000;

describe('retention jobs', () => {
  const clock = testClock('2026-07-30T10:00:00+08:00');
  let t: TestApp;
  beforeAll(async () => {
    t = await makeApp({ now: clock.now });
    await t.app.jobs.runJob('station-inventory');
  });
  afterAll(async () => t.close());

  it('purges an idempotency key once it is 24 h old, and not before', async () => {
    await login(t.app, 'ret-idem');
    const [{ id }] = await t.db.query<{ id: string }>(
      `SELECT id::text AS id FROM users WHERE openid = 'dev:ret-idem'`,
    );
    const created = clock.now().getTime();
    await t.db.query(
      `INSERT INTO idempotency_keys (user_id, key, route, request_hash, status_code, response, created_at)
       VALUES ($1, 'young-key-1', 'POST /x', 'h', 201, '{}', $2), ($1, 'old-key-01', 'POST /x', 'h', 201, '{}', $3)`,
      [
        id,
        new Date(created - 23 * HOUR).toISOString(),
        new Date(created - 24 * HOUR).toISOString(),
      ],
    );
    expect(await t.app.jobs.runJob('purge-idempotency-keys')).toBe(1);
    const left = await t.db.query<{ key: string }>(
      `SELECT key FROM idempotency_keys WHERE user_id = $1`,
      [id],
    );
    expect(left.map((r) => r.key)).toEqual(['young-key-1']);
  });

  it('deletes a proof 30 days after the stay ends, keeps it before, and keeps the booking', async () => {
    const ids = await stationIds(t);
    const owner = await resident(t, 'ret-proof');
    const up = await uploadProof(t, owner, 'offer');
    const proofId = up.json().id;
    const twin = await roomTypeId(t, ids.a, 'twin');
    const b = await book(t, owner, ids.a, {
      roomTypeId: twin,
      checkIn: '2026-08-01',
      nights: 2,
      proofId,
    });
    expect(b.json()).toMatchObject({ hasProof: true, checkOut: '2026-08-03' });
    // an upload never attached to a booking
    const loose = await uploadProof(t, owner, 'other');
    // where each image is on disk
    const keys = async () =>
      t.db.query<{ proof_id: string; storage_key: string }>(
        `SELECT p.id::text AS proof_id, f.storage_key FROM station_proofs p JOIN files f ON f.id = p.file_id ORDER BY p.id`,
      );
    const [kept, looseKey] = (await keys()).map((r) => r.storage_key);
    const onDisk = (key: string) => storedExists(t.app.config.filesDir, key);
    expect([await onDisk(kept), await onDisk(looseKey)]).toEqual([true, true]);

    const proofs = async () =>
      (
        await t.db.query<{ id: string }>(`SELECT id::text AS id FROM station_proofs ORDER BY id`)
      ).map((r) => r.id);
    // 2026-09-01: 29 days after check-out; the loose upload is 33 days old
    clock.set('2026-09-01T09:00:00+08:00');
    expect(await t.app.jobs.runJob('purge-station-proofs')).toBe(1);
    expect(await proofs()).toEqual([proofId]); // the loose upload went, the booking's proof stays
    expect(loose.statusCode).toBe(201);
    // its bytes leave the disk with the sweep; the booking's stay
    expect(await t.app.jobs.runJob('sweep-deleted-files')).toBe(1);
    expect([await onDisk(kept), await onDisk(looseKey)]).toEqual([true, false]);

    clock.set('2026-09-02T00:30:00+08:00'); // 30 days after 2026-08-03
    expect(await t.app.jobs.runJob('purge-station-proofs')).toBe(1);
    expect(await proofs()).toEqual([]);
    expect(await t.app.jobs.runJob('sweep-deleted-files')).toBe(1);
    expect(await onDisk(kept)).toBe(false);
    expect(await t.db.query(`SELECT 1 FROM files`)).toEqual([]);
    const after = await t.app.inject({
      method: 'GET',
      url: `/api/v1/stations/bookings/${b.json().id}`,
      headers: bearer(owner),
    });
    expect(after.json()).toMatchObject({ id: b.json().id, hasProof: false });
  });
});
