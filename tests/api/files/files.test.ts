// POST /files and GET /files/:id: what is accepted (sniffed JPEG/PNG/WebP up to 5 MB, whatever the
// client claims), where it lands (a random name under FILES_DIR), who may read it (the owner, the
// staff of the station a booking carrying it is for), the per-user limits, and the deletions.
import fs from 'node:fs';
import path from 'node:path';
import { bearer, DB_KIND, makeApp, testClock, type TestApp } from '../helper';
import { book, resident, roomTypeId, stationIds, staffOf } from '../station/station-helper';
import { JPEG, multipart, PNG, uploadFile, WEBP } from './upload';

const MB = 1024 * 1024;
/** A JPEG of exactly `bytes` bytes: the signature, then filler. */
const jpegOf = (bytes: number) => Buffer.concat([JPEG, Buffer.alloc(bytes - JPEG.length, 7)]);

/** Every file under the app's FILES_DIR, relative. */
function filesOnDisk(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)))
    .sort();
}

describe(`files (${DB_KIND})`, () => {
  const clock = testClock('2026-07-30T10:00:00+08:00');
  let t: TestApp;
  let ids: { a: string; b: string };
  beforeAll(async () => {
    t = await makeApp({ now: clock.now });
    await t.app.jobs.runJob('station-inventory');
    ids = await stationIds(t);
  });
  afterAll(async () => t.close());

  const read = (token: string | null, id: string) =>
    t.app.inject({
      method: 'GET',
      url: `/api/v1/files/${id}`,
      headers: token ? bearer(token) : {},
    });

  it('stores a PNG, a JPEG and a WebP by what their bytes are, under a random name, and gives them back to the owner', async () => {
    const owner = await resident(t, 'files-owner');
    // the client's type and name are ignored: a PNG labelled JPEG is a PNG
    const png = await uploadFile(t.app, owner, PNG, {
      filename: '../../etc/passwd.jpg',
      contentType: 'image/jpeg',
    });
    expect(png.statusCode).toBe(201);
    expect(png.json()).toEqual({
      id: expect.any(String),
      purpose: 'station_proof',
      mime: 'image/png',
      bytes: PNG.length,
      createdAt: '2026-07-30T02:00:00.000Z',
    });
    expect((await uploadFile(t.app, owner, JPEG)).json().mime).toBe('image/jpeg');
    expect((await uploadFile(t.app, owner, WEBP)).json().mime).toBe('image/webp');

    const [row] = await t.db.query<{ storage_key: string }>(
      'SELECT storage_key FROM files WHERE id = $1',
      [png.json().id],
    );
    const stored = filesOnDisk(t.app.config.filesDir);
    expect(stored).toContain(path.join(row.storage_key.slice(0, 2), row.storage_key));
    expect(stored.every((f) => /^[0-9a-f]{2}\/[0-9a-f]{32}$/.test(f))).toBe(true);
    expect(fs.readFileSync(path.join(t.app.config.filesDir, stored[0])).length).toBeGreaterThan(0);

    const res = await read(owner, png.json().id);
    expect(res.statusCode).toBe(200);
    expect(res.rawPayload.equals(PNG)).toBe(true);
    expect(res.headers).toMatchObject({
      'content-type': 'image/png',
      'x-content-type-options': 'nosniff',
      'cache-control': 'private, no-store',
    });
  });

  it('refuses what is not a JPEG/PNG/WebP, whatever it claims to be', async () => {
    const token = await resident(t, 'files-types');
    const gif = Buffer.from('R0lGODlhAQABAAAAACw=', 'base64');
    const html = Buffer.from('<html><script>alert(1)</script></html>');
    for (const data of [gif, html, Buffer.from([0xff, 0xd8])]) {
      const res = await uploadFile(t.app, token, data, {
        filename: 'x.png',
        contentType: 'image/png',
      });
      expect([res.statusCode, res.json().code]).toEqual([400, 'FILE_TYPE_INVALID']);
    }
    expect(filesOnDisk(t.app.config.filesDir).length).toBe(3); // only the first test's three
  });

  it('takes 5 MB and refuses a byte more, without keeping anything', async () => {
    const token = await resident(t, 'files-size');
    const before = filesOnDisk(t.app.config.filesDir).length;
    expect((await uploadFile(t.app, token, jpegOf(5 * MB))).statusCode).toBe(201);
    // one byte over: judged on the file; far over: the body is not even read to its end
    for (const bytes of [5 * MB + 1, 6 * MB]) {
      const big = await uploadFile(t.app, token, jpegOf(bytes));
      expect([big.statusCode, big.json().code]).toEqual([400, 'FILE_TOO_LARGE']);
    }
    expect(filesOnDisk(t.app.config.filesDir).length).toBe(before + 1);
  });

  it('refuses a missing file, an unknown purpose, JSON, a broken or unexpected form, and anonymous callers', async () => {
    const token = await resident(t, 'files-form');
    const send = (body: { payload: Buffer | string; headers: Record<string, string> }) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/files',
        headers: { ...body.headers, ...bearer(token) },
        payload: body.payload,
      });
    const noFile = await send(multipart({ purpose: 'station_proof' }));
    expect([noFile.statusCode, noFile.json().code]).toEqual([400, 'FILE_MISSING']);
    const purpose = await send(multipart({ purpose: 'avatar' }, { data: PNG }));
    expect([purpose.statusCode, purpose.json().code]).toEqual([400, 'FILE_PURPOSE_INVALID']);
    const json = await send({
      payload: JSON.stringify({ purpose: 'station_proof' }),
      headers: { 'content-type': 'application/json' },
    });
    expect([json.statusCode, json.json().code]).toEqual([415, 'FILE_NOT_MULTIPART']);
    // a JSON body shaped like the parsed form is still not an upload
    const lookalike = await send({
      payload: JSON.stringify({ fields: { purpose: 'station_proof' }, file: [...JPEG] }),
      headers: { 'content-type': 'application/json' },
    });
    expect([lookalike.statusCode, lookalike.json().code]).toEqual([415, 'FILE_NOT_MULTIPART']);
    const broken = await send({
      payload: '--x\r\nContent-Disposition: form-data; name="file"; filename="a"\r\n\r\nabc',
      headers: { 'content-type': 'multipart/form-data; boundary=x' },
    });
    expect([broken.statusCode, broken.json().code]).toEqual([400, 'FILE_NOT_MULTIPART']);
    // only the one shape the app sends: one file named `file`, a short purpose, no extras
    const refused = [
      multipart({ purpose: 'station_proof' }, [{ data: PNG }, { data: PNG }]),
      multipart({ purpose: 'station_proof' }, { data: PNG, name: 'photo' }),
      multipart({ purpose: 'station_proof'.repeat(10) }, { data: PNG }),
      multipart({ purpose: 'station_proof', a: '1', b: '2' }),
      multipart({ purpose: 'station_proof', purpose2: 'x' }, [{ data: PNG }, { data: PNG }]),
      {
        payload: multipart({ purpose: 'station_proof' }, { data: PNG }).payload,
        headers: { 'content-type': 'multipart/form-data' }, // no boundary
      },
    ];
    for (const body of refused) {
      const res = await send(body);
      expect([res.statusCode, res.json().code]).toEqual([400, 'FILE_NOT_MULTIPART']);
    }
    // a body that says it is over 5 MB is refused before it is read
    const declared = multipart({ purpose: 'station_proof' }, { data: PNG });
    const tooLong = await send({
      payload: declared.payload,
      headers: { ...declared.headers, 'content-length': String(6 * MB) },
    });
    expect([tooLong.statusCode, tooLong.json().code]).toEqual([400, 'FILE_TOO_LARGE']);
    // the multipart parser lives in the files routes only: elsewhere a form is still refused
    const elsewhere = await t.app.inject({
      method: 'POST',
      url: '/api/v1/stations/proofs',
      headers: { ...declared.headers, ...bearer(token) },
      payload: declared.payload,
    });
    expect(elsewhere.statusCode).toBe(415);
    const anonymous = await uploadFile(t.app, null, PNG);
    expect([anonymous.statusCode, anonymous.json().code]).toEqual([401, 'UNAUTHORIZED']);
  });

  it("is read by its owner and by the staff of the booking's station only", async () => {
    const owner = await resident(t, 'files-reader-owner');
    const other = await resident(t, 'files-reader-other');
    const staffA = await staffOf(t, 'files-staff-a', ids.a);
    const staffB = await staffOf(t, 'files-staff-b', ids.b);
    const file = (await uploadFile(t.app, owner, PNG)).json();
    // before the proof is on a booking, no staff member is entitled to it
    expect((await read(staffA, file.id)).statusCode).toBe(404);

    const proof = await t.app.inject({
      method: 'POST',
      url: '/api/v1/stations/proofs',
      headers: bearer(owner),
      payload: { kind: 'offer', fileId: file.id },
    });
    await book(t, owner, ids.a, {
      roomTypeId: await roomTypeId(t, ids.a, 'twin'),
      checkIn: '2026-08-02',
      nights: 1,
      proofId: proof.json().id,
    });
    expect((await read(owner, file.id)).statusCode).toBe(200);
    expect((await read(staffA, file.id)).statusCode).toBe(200);
    for (const token of [other, staffB]) {
      const res = await read(token, file.id);
      expect([res.statusCode, res.json().code]).toEqual([404, 'FILE_NOT_FOUND']);
    }
    expect((await read(null, file.id)).statusCode).toBe(401);
    expect((await read(owner, '999999999')).statusCode).toBe(404);
  });

  it(`keeps at most 20 files per person, even when 30 uploads arrive at once`, async () => {
    const token = await resident(t, 'files-quota');
    const answers = await Promise.all(
      Array.from({ length: 30 }, () => uploadFile(t.app, token, PNG)),
    );
    const codes = answers.map((r) => r.statusCode).sort();
    expect(codes.filter((c) => c === 201).length).toBe(20);
    expect(codes.filter((c) => c === 409).length).toBe(10);
    expect(answers.find((r) => r.statusCode === 409)!.json().code).toBe('FILE_QUOTA_EXCEEDED');
    const [{ n }] = await t.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM files f JOIN users u ON u.id = f.owner_id WHERE u.openid = 'dev:files-quota'`,
    );
    expect(n).toBe(20);
    // the refused uploads left nothing on disk
    const [{ total }] = await t.db.query<{ total: number }>(
      `SELECT count(*)::int AS total FROM files`,
    );
    expect(filesOnDisk(t.app.config.filesDir).length).toBe(total);
  });

  it('deletes a file no record claimed within a day, from the database and the disk', async () => {
    const token = await resident(t, 'files-unclaimed');
    const file = (await uploadFile(t.app, token, PNG)).json();
    clock.set('2026-07-31T09:59:00+08:00');
    await t.app.jobs.runJob('purge-unclaimed-files');
    expect((await read(token, file.id)).statusCode).toBe(200);
    clock.set('2026-07-31T10:00:00+08:00');
    expect(await t.app.jobs.runJob('purge-unclaimed-files')).toBeGreaterThanOrEqual(1);
    expect((await read(token, file.id)).statusCode).toBe(404);
    const [row] = await t.db.query<{ storage_key: string }>(
      'SELECT storage_key FROM files WHERE id = $1',
      [file.id],
    );
    const onDisk = () =>
      fs.existsSync(path.join(t.app.config.filesDir, row.storage_key.slice(0, 2), row.storage_key));
    expect(onDisk()).toBe(true);
    await t.app.jobs.runJob('sweep-deleted-files');
    expect(onDisk()).toBe(false);
    expect(await t.db.query('SELECT 1 FROM files WHERE id = $1', [file.id])).toEqual([]);
  });

  it("removes a person's files from the disk when they delete their account", async () => {
    const token = await resident(t, 'files-leaver');
    const file = (await uploadFile(t.app, token, PNG)).json();
    const [row] = await t.db.query<{ storage_key: string }>(
      'SELECT storage_key FROM files WHERE id = $1',
      [file.id],
    );
    const where = path.join(t.app.config.filesDir, row.storage_key.slice(0, 2), row.storage_key);
    expect(fs.existsSync(where)).toBe(true);
    const del = await t.app.inject({
      method: 'DELETE',
      url: '/api/v1/me',
      headers: bearer(token),
      payload: { confirm: '注销账号' },
    });
    expect(del.statusCode).toBe(200);
    expect(fs.existsSync(where)).toBe(false);
    expect(await t.db.query('SELECT 1 FROM files WHERE id = $1', [file.id])).toEqual([]);
  });
});

describe(`upload rate limit (${DB_KIND})`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await makeApp({ abuseLimits: { upload: { windowMs: 60_000, perUser: 2, perIp: 100 } } });
  });
  afterAll(async () => t.close());

  it('answers 429 past the per-user limit before reading the body', async () => {
    const token = await resident(t, 'files-rl');
    expect((await uploadFile(t.app, token, PNG)).statusCode).toBe(201);
    expect((await uploadFile(t.app, token, PNG)).statusCode).toBe(201);
    const third = await uploadFile(t.app, token, PNG);
    expect([third.statusCode, third.json().code]).toEqual([429, 'RATE_LIMITED']);
    expect((await t.db.query('SELECT 1 FROM files')).length).toBe(2);
  });
});
