// Retention: idempotency keys live 24 h; a station proof image lives until 30 days after the stay
// it supports ended (or 30 days after upload if it never supported one).
import { bearer, login, makeApp, testClock, type TestApp } from '../helper';
import { book, resident, roomTypeId, stationIds } from '../station/station-helper';

const PNG =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=';
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
    const up = await t.app.inject({
      method: 'POST',
      url: '/api/v1/stations/proofs',
      headers: bearer(owner),
      payload: { kind: 'offer', dataUrl: PNG },
    });
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
    const loose = await t.app.inject({
      method: 'POST',
      url: '/api/v1/stations/proofs',
      headers: bearer(owner),
      payload: { kind: 'other', dataUrl: PNG },
    });

    const proofs = async () =>
      (
        await t.db.query<{ id: string }>(`SELECT id::text AS id FROM station_proofs ORDER BY id`)
      ).map((r) => r.id);
    // 2026-09-01: 29 days after check-out; the loose upload is 33 days old
    clock.set('2026-09-01T09:00:00+08:00');
    expect(await t.app.jobs.runJob('purge-station-proofs')).toBe(1);
    expect(await proofs()).toEqual([proofId]); // the loose upload went, the booking's proof stays
    expect(loose.statusCode).toBe(201);

    clock.set('2026-09-02T00:30:00+08:00'); // 30 days after 2026-08-03
    expect(await t.app.jobs.runJob('purge-station-proofs')).toBe(1);
    expect(await proofs()).toEqual([]);
    const after = await t.app.inject({
      method: 'GET',
      url: `/api/v1/stations/bookings/${b.json().id}`,
      headers: bearer(owner),
    });
    expect(after.json()).toMatchObject({ id: b.json().id, hasProof: false });
  });
});
