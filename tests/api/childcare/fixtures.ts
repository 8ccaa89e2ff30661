// Shared story set-up for the childcare API tests: a programme with one period and classes at a
// seeded childcare site, and families made directly in SQL (thousands of them, fast).
import type { Db } from '../../../server/src/db/db';
import type { TestApp } from '../helper';
import { bearer, login } from '../helper';

export const OPENS = '2026-12-01T00:00:00.000Z'; // 08:00 in Shanghai
export const BEFORE_OPEN = '2026-11-30T23:59:50.000Z';
export const AFTER_OPEN = '2026-12-01T00:00:01.000Z';

export interface Catalogue {
  programmeId: string;
  periodId: string;
  siteId: string;
  otherSiteId: string;
  adminToken: string;
}

let seq = 0;

/** A programme opening at OPENS, one period starting 2027-01-25, at the first childcare site. */
export async function makeCatalogue(t: TestApp): Promise<Catalogue> {
  const adminToken = await login(t.app, `cc-admin-${++seq}`, 'admin');
  const sites = await t.db.query<{ id: string }>(
    `SELECT id::text AS id FROM organizations WHERE kind = 'site' AND details->>'purpose' = 'childcare' ORDER BY id`,
  );
  const p = await t.app.inject({
    method: 'POST',
    url: '/api/v1/childcare/programmes',
    headers: bearer(adminToken),
    payload: {
      name: `测试寒托班${seq}-${Math.random().toString(36).slice(2, 8)}`,
      season: 'winter',
      prefillOpensAt: '2026-11-20T00:00:00.000Z',
      registrationOpensAt: OPENS,
      registrationClosesAt: '2027-01-20T09:00:00.000Z',
    },
  });
  if (p.statusCode !== 201) throw new Error(`programme: ${p.statusCode} ${p.body}`);
  const per = await t.app.inject({
    method: 'POST',
    url: `/api/v1/childcare/programmes/${p.json().id}/periods`,
    headers: bearer(adminToken),
    payload: { seq: 1, name: '第一期', startsOn: '2027-01-25', endsOn: '2027-02-05' },
  });
  if (per.statusCode !== 201) throw new Error(`period: ${per.statusCode} ${per.body}`);
  return {
    programmeId: p.json().id,
    periodId: per.json().id,
    siteId: sites[0]!.id,
    otherSiteId: sites[1]!.id,
    adminToken,
  };
}

/**
 * A class in the catalogue's period. Free unless `feeFen` is given: a paid class opens only where
 * WeChat Pay is configured (tests/api/payments/fixture.ts payApp), PAYMENTS_NOT_CONFIGURED elsewhere.
 */
export async function makeClass(
  t: TestApp,
  c: Catalogue,
  opts: {
    capacity: number;
    feeFen?: number;
    gradeMin?: number;
    gradeMax?: number;
    name?: string;
    periodId?: string;
    siteId?: string;
  },
): Promise<string> {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/childcare/classes',
    headers: bearer(c.adminToken),
    payload: {
      periodId: opts.periodId ?? c.periodId,
      siteId: opts.siteId ?? c.siteId,
      name: opts.name ?? `班${++seq}`,
      capacity: opts.capacity,
      gradeMin: opts.gradeMin ?? 1,
      gradeMax: opts.gradeMax ?? 5,
      feeFen: opts.feeFen ?? 0,
      whatToBring: '水杯、午睡毯',
    },
  });
  if (res.statusCode !== 201) throw new Error(`class: ${res.statusCode} ${res.body}`);
  return res.json().id;
}

export interface Family {
  userId: string;
  token: string;
  childIds: string[];
}

/**
 * `count` parents, each with `kids` children in grade 二年级, created in SQL; tokens signed by the
 * app as dev login would.
 */
export async function makeFamilies(
  t: TestApp,
  prefix: string,
  count: number,
  kids = 1,
): Promise<Family[]> {
  const users = await t.db.query<{ id: string }>(
    `INSERT INTO users (openid) SELECT $1 || g FROM generate_series(1, $2::int) g RETURNING id::text AS id`,
    [`${prefix}-`, count],
  );
  const children = await t.db.query<{ id: string; parent_id: string }>(
    `INSERT INTO children (parent_id, name, gender, birth_date, id_number_hmac, id_number_masked, school, grade)
     SELECT u.id, '孩子' || k, 'male', '2018-09-01', 'hmac-' || u.id || '-' || k, '310104********0030', '田林第三小学', '二年级'
     FROM users u CROSS JOIN generate_series(1, $3::int) k
     WHERE u.id = ANY($1::bigint[]) AND $2::text IS NOT NULL
     RETURNING id::text AS id, parent_id::text AS parent_id`,
    [users.map((u) => u.id), prefix, kids],
  );
  const byParent = new Map<string, string[]>();
  for (const c of children) byParent.set(c.parent_id, [...(byParent.get(c.parent_id) ?? []), c.id]);
  return users.map((u) => ({
    userId: u.id,
    token: t.app.signSession({ id: u.id, role: 'resident', token_version: 0 }).token,
    childIds: (byParent.get(u.id) ?? []).sort((a, b) => Number(a) - Number(b)),
  }));
}

export function enrollReq(
  t: TestApp,
  token: string,
  classId: string,
  childIds: string[],
  key?: string,
) {
  return t.app.inject({
    method: 'POST',
    url: '/api/v1/childcare/enrollments',
    headers: { ...bearer(token), ...(key ? { 'idempotency-key': key } : {}) },
    payload: { classId, childIds },
  });
}

/** A valid GB 11643 ID number for a child born on `birth` (YYYYMMDD), distinct per `seq` (1–999). */
export function childIdNumber(seq: number, birth = '20180901'): string {
  const body = `310104${birth}${String(seq).padStart(3, '0')}`;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body].reduce((s, d, i) => s + Number(d) * weights[i]!, 0);
  return body + '10X98765432'[sum % 11];
}

/**
 * Another transaction holding a class row until `release()`: an enroll call for the class waits
 * for it meanwhile (taps queue behind it, or time out).
 */
export async function holdClassRow(
  db: Db,
  classId: string,
): Promise<{ release: () => Promise<void> }> {
  let release!: () => void;
  const released = new Promise<void>((r) => (release = r));
  let locked!: () => void;
  const isLocked = new Promise<void>((r) => (locked = r));
  const holder = db.transaction(async (tx) => {
    await tx.query('SELECT id FROM cc_classes WHERE id = $1 FOR UPDATE', [classId]);
    locked();
    await released;
  });
  await isLocked;
  return {
    release: async () => {
      release();
      await holder;
    },
  };
}
