// Optional proof for eligibility (interview notice, offer, student card): an image uploaded by the
// resident, attached to a booking, seen only by its owner and the staff of that station.
import { bearer, makeApp, testClock, type TestApp } from '../helper';
import { book, get, resident, roomTypeId, stationIds, staffOf } from './station-helper';

// A 1×1 PNG.
const PNG =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=';

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

  const upload = (token: string, payload: object) =>
    t.app.inject({
      method: 'POST',
      url: '/api/v1/stations/proofs',
      headers: bearer(token),
      payload,
    });

  it("keeps an interview notice, attaches it to a booking, and shows it to the owner and that station's staff only", async () => {
    const owner = await resident(t, 'proof-owner');
    const other = await resident(t, 'proof-other');
    const up = await upload(owner, { kind: 'interview', dataUrl: PNG });
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

    expect((await get(t, owner, `/bookings/${id}/proof`)).json()).toEqual({
      kind: 'interview',
      dataUrl: PNG,
    });
    const staffA = await staffOf(t, 'proof-staff-a', ids.a);
    expect((await get(t, staffA, `/bookings/${id}/proof`)).json().dataUrl).toBe(PNG);
    const staffB = await staffOf(t, 'proof-staff-b', ids.b);
    expect((await get(t, staffB, `/bookings/${id}/proof`)).statusCode).toBe(404);
    expect((await get(t, other, `/bookings/${id}/proof`)).statusCode).toBe(404);
  });

  it('refuses what is not a PNG/JPEG data URL, and an image over 1 MB', async () => {
    const token = await resident(t, 'proof-bad');
    const gif = await upload(token, {
      kind: 'offer',
      dataUrl: 'data:image/gif;base64,R0lGODlhAQABAAAAACw=',
    });
    expect([gif.statusCode, gif.json().code]).toEqual([400, 'VALIDATION_FAILED']);
    const big = await upload(token, {
      kind: 'offer',
      dataUrl: `data:image/jpeg;base64,${'A'.repeat(1_360_000)}`,
    });
    expect([big.statusCode, big.json().code]).toEqual([400, 'PROOF_INVALID']);
    const kind = await upload(token, { kind: 'selfie', dataUrl: PNG });
    expect(kind.statusCode).toBe(400);
  });
});
