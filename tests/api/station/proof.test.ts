// Optional proof for eligibility (interview notice, offer, student card): an image uploaded as a
// file (POST /files), registered as a proof, attached to a booking, seen only by its owner and the
// staff of that station. Proofs kept from before files existed are still served from their text.
import { bearer, makeApp, testClock, type TestApp } from '../helper';
import { PNG, uploadFile, uploadProof } from '../files/upload';
import { book, get, resident, roomTypeId, stationIds, staffOf } from './station-helper';

describe('POST /api/v1/stations/proofs', () => {
  const clock = testClock('2026-07-30T10:00:00+08:00');
  let t: TestApp;
  let ids: { a: string; b: string };
  beforeAll(async () => {
    t = await makeApp({ now: clock.now });
    await t.app.jobs.runJob('station-inventory');
    ids = await stationIds(t);
  });
  afterAll(async () => t.close());

  const register = (token: string, payload: object) =>
    t.app.inject({
      method: 'POST',
      url: '/api/v1/stations/proofs',
      headers: bearer(token),
      payload,
    });

  it("keeps an interview notice, attaches it to a booking, and shows it to the owner and that station's staff only", async () => {
    const owner = await resident(t, 'proof-owner');
    const other = await resident(t, 'proof-other');
    const up = await uploadProof(t, owner, 'interview');
    expect(up.statusCode).toBe(201);
    expect(up.json()).toMatchObject({ id: expect.any(String), kind: 'interview', bytes: 68 });

    const twin = await roomTypeId(t, ids.a, 'twin');
    const foreign = await book(t, other, ids.a, {
      roomTypeId: twin,
      checkIn: '2026-08-01',
      nights: 1,
      proofId: up.json().id,
    });
    expect([foreign.statusCode, foreign.json().code]).toEqual([404, 'PROOF_NOT_FOUND']);

    const res = await book(t, owner, ids.a, {
      roomTypeId: twin,
      checkIn: '2026-08-01',
      nights: 1,
      proofId: up.json().id,
    });
    expect(res.json()).toMatchObject({ status: 'requested', hasProof: true });
    const id = res.json().id;

    const proof = (await get(t, owner, `/bookings/${id}/proof`)).json();
    expect(proof).toEqual({ kind: 'interview', fileId: expect.any(String), dataUrl: null });
    const staffA = await staffOf(t, 'proof-staff-a', ids.a);
    expect((await get(t, staffA, `/bookings/${id}/proof`)).json().fileId).toBe(proof.fileId);
    const staffB = await staffOf(t, 'proof-staff-b', ids.b);
    expect((await get(t, staffB, `/bookings/${id}/proof`)).statusCode).toBe(404);
    expect((await get(t, other, `/bookings/${id}/proof`)).statusCode).toBe(404);
  });

  it("refuses someone else's file, a file of another purpose, and one file for two proofs", async () => {
    const owner = await resident(t, 'proof-file-owner');
    const thief = await resident(t, 'proof-file-thief');
    const file = (await uploadFile(t.app, owner, PNG)).json();
    const stolen = await register(thief, { kind: 'offer', fileId: file.id });
    expect([stolen.statusCode, stolen.json().code]).toEqual([404, 'FILE_NOT_FOUND']);
    const missing = await register(owner, { kind: 'offer', fileId: '999999999' });
    expect([missing.statusCode, missing.json().code]).toEqual([404, 'FILE_NOT_FOUND']);
    expect((await register(owner, { kind: 'offer', fileId: file.id })).statusCode).toBe(201);
    const twice = await register(owner, { kind: 'other', fileId: file.id });
    expect([twice.statusCode, twice.json().code]).toEqual([409, 'FILE_IN_USE']);
    const kind = await register(owner, { kind: 'selfie', fileId: file.id });
    expect(kind.statusCode).toBe(400);
    // the old body shape is refused, not half-read
    const old = await register(owner, { kind: 'offer', dataUrl: `data:image/png;base64,AAAA` });
    expect([old.statusCode, old.json().code]).toEqual([400, 'VALIDATION_FAILED']);
  });

  it('still serves a proof stored as base64 before files existed', async () => {
    const owner = await resident(t, 'proof-legacy');
    const [me] = await t.db.query<{ id: string }>(
      `SELECT id::text AS id FROM users WHERE openid = 'dev:proof-legacy'`,
    );
    const [legacy] = await t.db.query<{ id: string }>(
      `INSERT INTO station_proofs (user_id, kind, mime, data, bytes, created_at)
       VALUES ($1, 'offer', 'image/png', $2, 68, now()) RETURNING id::text AS id`,
      [me.id, PNG.toString('base64')],
    );
    const twin = await roomTypeId(t, ids.a, 'twin');
    const res = await book(t, owner, ids.a, {
      roomTypeId: twin,
      checkIn: '2026-08-03',
      nights: 1,
      proofId: legacy.id,
    });
    expect((await get(t, owner, `/bookings/${res.json().id}/proof`)).json()).toEqual({
      kind: 'offer',
      fileId: null,
      dataUrl: `data:image/png;base64,${PNG.toString('base64')}`,
    });
  });
});
