import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { execFileSync } from 'node:child_process';
import { makeApp, type TestApp } from './helper';

describe('GET /api/v1/orgs', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await makeApp();
  });
  afterAll(async () => t.close());

  it('lists the demo organizations without login', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/orgs' });
    expect(res.statusCode).toBe(200);
    const kinds = new Set(res.json().items.map((o: { kind: string }) => o.kind));
    expect(kinds).toEqual(new Set(['committee', 'station', 'site', 'team']));
  });

  it('filters by kind: two partner stations with 234 beds between them', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/orgs?kind=station' });
    const items = res.json().items;
    expect(items).toHaveLength(2);
    expect(items[0]).toEqual({
      id: expect.any(String),
      kind: 'station',
      name: expect.stringContaining('驿站'),
      district: expect.any(String),
      address: expect.any(String),
      summary: expect.any(String),
    });
    const [{ beds }] = await t.db.query<{ beds: number }>(
      "SELECT sum((details->>'beds')::int) AS beds FROM organizations WHERE kind = 'station'",
    );
    expect(beds).toBe(234);
  });

  it('lists the 团区委 committees of 徐汇 and 普陀', async () => {
    const names = (await t.app.inject({ method: 'GET', url: '/api/v1/orgs?kind=committee' }))
      .json()
      .items.map((o: { district: string }) => o.district);
    expect(names.sort()).toEqual(['徐汇区', '普陀区'].sort());
  });
});

describe('static H5 app', () => {
  let t: TestApp;
  let dir: string;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yh-h5-'));
    fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>青年汇</title>');
    fs.mkdirSync(path.join(dir, 'js'));
    fs.writeFileSync(path.join(dir, 'js', 'app.c8ea30b0.js'), 'console.log("青年汇");'.repeat(50));
    execFileSync(process.execPath, [path.join(__dirname, '../../scripts/precompress-h5.mjs'), dir]);
    t = await makeApp({ config: { h5Dir: dir } });
  });
  afterAll(async () => {
    await t.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('serves dist-h5 at / while API 404s stay JSON', async () => {
    const home = await t.app.inject({ method: 'GET', url: '/' });
    expect(home.statusCode).toBe(200);
    expect(home.body).toContain('青年汇');
    const api = await t.app.inject({ method: 'GET', url: '/api/v1/nope' });
    expect(api.statusCode).toBe(404);
    expect(api.json().code).toBe('NOT_FOUND');
  });

  it('keeps content-hashed scripts a year and revalidates index.html on every visit', async () => {
    const home = await t.app.inject({ method: 'GET', url: '/' });
    expect(home.headers['cache-control']).toBe('no-cache');
    const app = await t.app.inject({ method: 'GET', url: '/js/app.c8ea30b0.js' });
    expect(app.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it('sends the compressed copy made at build time to a browser that accepts it, the plain file otherwise', async () => {
    const plain = fs.readFileSync(path.join(dir, 'js', 'app.c8ea30b0.js'));
    const br = await t.app.inject({
      method: 'GET',
      url: '/js/app.c8ea30b0.js',
      headers: { 'accept-encoding': 'gzip, deflate, br' },
    });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.rawPayload.length).toBeLessThan(plain.length / 3);
    expect(zlib.brotliDecompressSync(br.rawPayload).equals(plain)).toBe(true);
    const gz = await t.app.inject({
      method: 'GET',
      url: '/js/app.c8ea30b0.js',
      headers: { 'accept-encoding': 'gzip' },
    });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(zlib.gunzipSync(gz.rawPayload).equals(plain)).toBe(true);
    expect(gz.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const none = await t.app.inject({
      method: 'GET',
      url: '/js/app.c8ea30b0.js',
      headers: { 'accept-encoding': 'identity' },
    });
    expect(none.headers['content-encoding']).toBeUndefined();
    expect(none.rawPayload.equals(plain)).toBe(true);
  });
});
