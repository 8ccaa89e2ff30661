// The console's tables: server-side paging with a bounded page size, a whitelisted sort, a search
// whose wildcards are literal, declared filters only, an organizer's organizations only, the
// district tables for admins only, and reading a list of people on the record.
import { DB_KIND, bearer, login, makeApp, testClock, type TestApp } from '../helper';
import { serverModule } from '../native';
import { book, resident, roomTypeId, stationIds, staffOf } from '../station/station-helper';
import type { TableDef } from '../../../server/src/modules/console/tables';
const { TABLES } = serverModule<typeof import('../../../server/src/modules/console/tables')>(
  'modules/console/tables.ts',
);

describe(`/api/v1/console/tables (${DB_KIND})`, () => {
  const clock = testClock('2026-07-30T10:00:00+08:00');
  let t: TestApp;
  let ids: { a: string; b: string };
  let staffA: string;
  let admin: string;
  beforeAll(async () => {
    t = await makeApp({ now: clock.now });
    await t.app.jobs.runJob('station-inventory');
    ids = await stationIds(t);
    const twinA = await roomTypeId(t, ids.a, 'twin');
    const twinB = await roomTypeId(t, ids.b, 'twin');
    staffA = await staffOf(t, 'console-staff-a', ids.a);
    admin = await login(t.app, 'console-admin', 'admin');
    // 5 bookings at station A (one by 青年_%x, whose name holds LIKE wildcards), 2 at station B
    for (let i = 0; i < 7; i++) {
      const token = await resident(t, `console-guest-${i}`);
      const atA = i < 5;
      const res = await book(t, token, atA ? ids.a : ids.b, {
        roomTypeId: atA ? twinA : twinB,
        checkIn: `2026-08-0${i + 1}`,
        nights: 1,
      });
      expect(res.statusCode).toBe(201);
    }
    await t.db.query(`UPDATE users SET name = '青年_%x' WHERE openid = 'dev:console-guest-4'`);
  });
  afterAll(async () => t.close());

  const list = (token: string, table: string, query: Record<string, string | number> = {}) =>
    t.app.inject({
      method: 'GET',
      url: `/api/v1/console/tables/${table}`,
      query: Object.fromEntries(Object.entries(query).map(([k, v]) => [k, String(v)])),
      headers: bearer(token),
    });

  it('pages an organizer’s own station only, with the total of all pages', async () => {
    const first = await list(staffA, 'station-bookings', { pageSize: 2, sort: 'checkIn' });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ total: 5, page: 1, pageSize: 2, sort: 'checkIn' });
    expect(first.json().items.map((r: { checkIn: string }) => r.checkIn)).toEqual([
      '2026-08-01',
      '2026-08-02',
    ]);
    const third = await list(staffA, 'station-bookings', { pageSize: 2, page: 3, sort: 'checkIn' });
    expect(third.json().items.map((r: { checkIn: string }) => r.checkIn)).toEqual(['2026-08-05']);
    const stations = new Set(
      (await list(staffA, 'station-bookings', { pageSize: 100 }))
        .json()
        .items.map((r: { station: string }) => r.station),
    );
    expect([...stations]).toEqual(['青年人才驿站·漕河泾合作酒店']);
    // the admin sees the district, and may narrow it to one station
    expect((await list(admin, 'station-bookings')).json().total).toBe(7);
    expect((await list(admin, 'station-bookings', { orgId: ids.b })).json().total).toBe(2);
  });

  it('sorts descending with "-", ids as numbers, and every row on exactly one page', async () => {
    const desc = await list(admin, 'station-bookings', { sort: '-checkIn', pageSize: 3 });
    expect(desc.json().items[0].checkIn).toBe('2026-08-07');
    const pages = await Promise.all(
      [1, 2, 3].map((page) =>
        list(admin, 'station-bookings', { sort: 'status', pageSize: 3, page }),
      ),
    );
    const seen = pages.flatMap((p) => p.json().items.map((r: { id: string }) => r.id));
    expect(new Set(seen).size).toBe(7);
    const byId = (await list(admin, 'station-bookings', { sort: 'id', pageSize: 100 })).json()
      .items;
    const numeric = byId.map((r: { id: string }) => Number(r.id));
    expect(numeric).toEqual([...numeric].sort((x, y) => x - y));
  });

  it('refuses a sort column that is not whitelisted with 400 LIST_SORT_UNKNOWN', async () => {
    for (const sort of ['phone', 'nope', '-phone']) {
      const res = await list(staffA, 'station-bookings', { sort });
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({ code: 'LIST_SORT_UNKNOWN', message: '不能按这一列排序' });
    }
    // anything that is not a column name never reaches SQL
    const injected = await list(staffA, 'station-bookings', { sort: 'id; DROP TABLE users' });
    expect(injected.statusCode).toBe(400);
    expect(injected.json().code).toBe('VALIDATION_FAILED');
  });

  it('bounds the page: pageSize 1–100, page ≥ 1, integers only (400 VALIDATION_FAILED)', async () => {
    for (const query of <Record<string, string | number>[]>[
      { pageSize: 101 },
      { pageSize: 0 },
      { page: 0 },
      { page: 'x' },
    ]) {
      const res = await list(staffA, 'station-bookings', query);
      expect(res.statusCode).toBe(400);
      expect(res.json().code).toBe('VALIDATION_FAILED');
    }
    expect((await list(staffA, 'station-bookings', { pageSize: 100 })).statusCode).toBe(200);
    const beyond = await list(staffA, 'station-bookings', { page: 9 });
    expect(beyond.json()).toMatchObject({ total: 5, items: [] });
  });

  it('accepts only the table’s own filters and their values', async () => {
    const unknown = await list(staffA, 'station-bookings', { kind: 'x' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().code).toBe('VALIDATION_FAILED');
    const badStatus = await list(staffA, 'station-bookings', { status: 'everything' });
    expect(badStatus.json()).toMatchObject({
      code: 'VALIDATION_FAILED',
      message: expect.stringContaining('状态'),
    });
    expect((await list(staffA, 'station-bookings', { orgId: '1 OR 1=1' })).statusCode).toBe(400);
    const requested = await list(staffA, 'station-bookings', { status: 'requested' });
    expect(requested.json().total).toBe(5);
    expect((await list(staffA, 'station-bookings', { status: 'approved' })).json().total).toBe(0);
    // an organizer's filter on another station narrows to nothing, it does not widen the scope
    expect((await list(staffA, 'station-bookings', { orgId: ids.b })).json().total).toBe(0);
  });

  it('searches names literally: % and _ are not wildcards', async () => {
    const literal = await list(staffA, 'station-bookings', { q: '_%' });
    expect(literal.json().items.map((r: { resident: string }) => r.resident)).toEqual(['青年_%x']);
    expect((await list(staffA, 'station-bookings', { q: '%' })).json().total).toBe(1);
    expect((await list(staffA, 'station-bookings', { q: '漕河泾' })).json().total).toBe(5);
    expect((await list(staffA, 'station-bookings', { q: 'x'.repeat(41) })).statusCode).toBe(400);
  });

  it('shows phones masked, and puts the read of a list of people on the record', async () => {
    const rows = (await list(staffA, 'station-bookings')).json().items;
    expect(rows[0].phone).toBe('138****8000');
    expect(JSON.stringify(rows)).not.toContain('13800138000');
    const [entry] = await t.db.query<{ action: string; after: { rows: number } }>(
      `SELECT action, after FROM audit_log WHERE entity_id = 'console:station-bookings' ORDER BY id DESC LIMIT 1`,
    );
    expect(entry).toMatchObject({ action: 'station.bookings.view', after: { rows: 5 } });
  });

  it('keeps the district tables (roles, audit log) to admins', async () => {
    for (const table of ['roles', 'audit']) {
      expect((await list(staffA, table)).statusCode).toBe(403);
      expect((await list(admin, table)).statusCode).toBe(200);
    }
    const organizers = await list(admin, 'roles', { role: 'organizer', pageSize: 100 });
    expect(organizers.json().items.some((r: { orgs: string }) => r.orgs.includes('漕河泾'))).toBe(
      true,
    );
  });

  it.each(Object.keys(TABLES))(
    '%s answers every declared sort both ways, with a search',
    async (table) => {
      const def: TableDef = TABLES[table as keyof typeof TABLES];
      const sortable = Object.entries(def.columns).filter(([, c]) => c.sort);
      expect(sortable.length).toBeGreaterThan(0);
      for (const [col] of sortable) {
        for (const sort of [col, `-${col}`]) {
          const res = await list(admin, table, { sort, pageSize: 5, q: '青' });
          expect({ sort, status: res.statusCode }).toEqual({ sort, status: 200 });
        }
      }
    },
  );
});
