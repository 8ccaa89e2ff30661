// Phones are encrypted at rest (the copy promises 加密保存): the profile's phone, a pick-up
// guardian's and a 点单 contact's are AES-256-GCM ciphertexts under a key id, never the digits;
// the people entitled to a number still read it. The boot pass encrypts rows older code left in
// the clear, re-encrypts rows under a retired key, and refuses to start without a key it needs.
import { bearer, DB_KIND, login, makeApp, testClock, type TestApp } from '../helper';
import { COMMITTEE, orgId, V } from '../volunteer/fixtures';

const PHONE_COLUMNS = [
  ['users', 'phone'],
  ['child_guardians', 'phone'],
  ['volunteer_requests', 'contact_phone'],
] as const;

describe(`phones at rest (${DB_KIND})`, () => {
  const clock = testClock('2026-12-01T02:00:00Z');
  let t: TestApp;
  let token: string;
  beforeAll(async () => {
    t = await makeApp({ now: clock.now });
    token = await login(t.app, 'enc-parent');
  });
  afterAll(async () => t.close());

  /** Every non-empty stored phone, in every column that holds one. */
  const stored = async () => {
    const out: string[] = [];
    for (const [table, column] of PHONE_COLUMNS)
      for (const r of await t.db.query<{ v: string }>(
        `SELECT ${column} AS v FROM ${table} WHERE ${column} IS NOT NULL AND ${column} <> ''`,
      ))
        out.push(r.v);
    return out;
  };

  it('stores the profile phone, a guardian phone and a request contact as ciphertext, and shows them to whom may see them', async () => {
    const put = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/me',
      headers: bearer(token),
      payload: { phone: '13811112222' },
    });
    expect(put.json().phoneMasked).toBe('138****2222');
    const child = await t.app.inject({
      method: 'POST',
      url: '/api/v1/me/children',
      headers: bearer(token),
      payload: { name: '林小川', idNumber: '310104201809010030' },
    });
    const guardian = await t.app.inject({
      method: 'POST',
      url: `/api/v1/childcare/children/${child.json().id}/guardians`,
      headers: bearer(token),
      payload: { name: '王秀英', relation: '外婆', phone: '13733334444' },
    });
    expect(guardian.json().phoneMasked).toBe('137****4444');
    const request = await t.app.inject({
      method: 'POST',
      url: `${V}/requests`,
      headers: bearer(token),
      payload: {
        committeeId: await orgId(t, COMMITTEE),
        title: '帮忙买菜',
        place: '长风新村',
        wantedAt: '2026-12-10T02:00:00Z',
        contactName: '林晓',
        contactPhone: '13955556666',
      },
    });
    // the resident who posted it reads the number back, decrypted
    expect(request.json().contactPhone).toBe('13955556666');

    const values = await stored();
    expect(values.length).toBeGreaterThanOrEqual(3);
    for (const v of values) {
      expect(v).toMatch(/^enc1:test:[A-Za-z0-9+/]+=*$/);
      expect(v).not.toMatch(/1[3-9]\d{9}/);
    }
  });

  it('encrypts phones left in the clear at the next start, once, and reads them back', async () => {
    await t.db.query(`UPDATE users SET phone = '13600007777' WHERE openid = 'dev:enc-parent'`);
    await t.db.query(
      `UPDATE volunteer_requests SET contact_phone = '13955556666' WHERE contact_name = '林晓'`,
    );
    // a second process starting on the same database
    const second = await makeApp({ db: t.db, now: clock.now, config: t.app.config });
    try {
      const values = await stored();
      expect(values.every((v) => v.startsWith('enc1:test:'))).toBe(true);
      const [r] = await t.db.query<{ id: string }>(
        `SELECT id::text AS id FROM volunteer_requests WHERE contact_name = '林晓'`,
      );
      const read = await second.app.inject({
        method: 'GET',
        url: `${V}/requests/${r.id}`,
        headers: bearer(token),
      });
      expect(read.json().contactPhone).toBe('13955556666');
    } finally {
      await second.app.close();
    }
  });

  it('re-encrypts under a new key at start, and refuses to start without the key a phone needs', async () => {
    const before = await stored();
    const next = { id: 'k2', key: Buffer.alloc(32, 9) };
    const rotated = await makeApp({
      db: t.db,
      now: clock.now,
      config: { ...t.app.config, phoneKeys: [next, ...t.app.config.phoneKeys] },
    });
    await rotated.app.close();
    const after = await stored();
    expect(after.length).toBe(before.length);
    expect(after.every((v) => v.startsWith('enc1:k2:'))).toBe(true);

    // the old key dropped too early is harmless now; a key nobody kept is a refusal to start
    await expect(
      makeApp({ db: t.db, now: clock.now, config: { ...t.app.config, phoneKeys: [next] } }).then(
        (a) => a.app.close(),
      ),
    ).resolves.toBeUndefined();
    await expect(
      makeApp({
        db: t.db,
        now: clock.now,
        config: { ...t.app.config, phoneKeys: [{ id: 'k3', key: Buffer.alloc(32, 3) }] },
      }),
    ).rejects.toThrow(/k2/);
    expect(await stored()).toEqual(after);
  });
});
