// Migration 0009 on data written before it: children added twice (same ID-number HMAC, different
// parents) become one child with both accounts linked, and two live enrollments of that child in
// one period become one — the better place kept, the other ended with a message and an audit entry.
import type { Db } from '../../../server/src/db/db';
import { blankDb, DB_KIND } from '../helper';
import { serverModule } from '../native';

const { migrate, readMigrations } =
  serverModule<typeof import('../../../server/src/db/migrate')>('db/migrate.ts');

describe(`migration 0009 merges duplicate children (${DB_KIND})`, () => {
  let db: Db;
  const ids: Record<string, string> = {};
  const one = async (sql: string, params: unknown[] = []) =>
    (await db.query<{ id: string }>(sql, params))[0]!.id;

  beforeAll(async () => {
    db = await blankDb();
    await migrate(
      db,
      readMigrations().filter((m) => m.name < '0009'),
    );
    for (const u of ['mother', 'grandpa', 'other'])
      ids[u] = await one(
        `INSERT INTO users (openid, name) VALUES ($1, '家长') RETURNING id::text AS id`,
        [u],
      );
    const site = await one(
      `INSERT INTO organizations (kind, name, district) VALUES ('site', '测试点', '普陀') RETURNING id::text AS id`,
    );
    const prog = await one(
      `INSERT INTO cc_programmes (name, season, prefill_opens_at, registration_opens_at, registration_closes_at)
       VALUES ('寒托班', 'winter', '2026-11-20', '2026-12-01', '2027-01-20') RETURNING id::text AS id`,
    );
    const period = async (seq: number) =>
      one(
        `INSERT INTO cc_periods (programme_id, seq, name, starts_on, ends_on) VALUES ($1, $2, '期', '2027-01-25', '2027-02-05') RETURNING id::text AS id`,
        [prog, seq],
      );
    ids.p1 = await period(1);
    ids.p2 = await period(2);
    const klass = async (p: string, name: string, taken: number) =>
      one(
        `INSERT INTO cc_classes (period_id, site_id, name, capacity, taken, grade_min, grade_max, fee_fen) VALUES ($1, $2, $3, 2, $4, 1, 5, 0) RETURNING id::text AS id`,
        [p, site, name, taken],
      );
    ids.c1a = await klass(ids.p1, 'A', 1);
    ids.c1b = await klass(ids.p1, 'B', 2);
    ids.c2a = await klass(ids.p2, 'C', 1);
    ids.c2b = await klass(ids.p2, 'D', 1);
    const child = async (
      parent: string,
      hmac: string,
      school: string | null,
      notes: string | null,
    ) =>
      one(
        `INSERT INTO children (parent_id, name, gender, birth_date, id_number_hmac, id_number_masked, school, grade, health_notes)
         VALUES ($1, '王小明', 'male', '2018-09-01', $2, '310104********0030', $3, '二年级', $4) RETURNING id::text AS id`,
        [parent, hmac, school, notes],
      );
    ids.keep = await child(ids.mother!, 'same', null, '花生过敏');
    ids.dup = await child(ids.grandpa!, 'same', '田林第三小学', '哮喘，备有喷雾');
    ids.alone = await child(ids.other!, 'else', null, null);
    await db.query(
      `INSERT INTO child_guardians (child_id, name, relation, phone, phone_masked) VALUES
         ($1, '王建国', '祖父', '13812345678', '138****5678'), ($2, '王建国', '祖父', '13812345678', '138****5678'),
         ($2, '李芳', '外婆', '13900001111', '139****1111')`,
      [ids.keep, ids.dup],
    );
    const enroll = async (
      klassId: string,
      p: string,
      childId: string,
      parent: string,
      status: string,
      at: string,
      no: number | null,
    ) =>
      one(
        `INSERT INTO cc_enrollments (class_id, period_id, child_id, parent_id, group_key, group_size, status, waitlist_no, created_at)
         VALUES ($1, $2, $3, $4, gen_random_uuid()::text, 1, $5, $6, $7) RETURNING id::text AS id`,
        [klassId, p, childId, parent, status, no, at],
      );
    // period 1: the grandfather queued first, the mother got a seat later -> the seat is kept
    ids.e1wait = await enroll(
      ids.c1b,
      ids.p1,
      ids.dup,
      ids.grandpa!,
      'waitlisted',
      '2026-12-01T00:00:01Z',
      1,
    );
    ids.e1seat = await enroll(
      ids.c1a,
      ids.p1,
      ids.keep,
      ids.mother!,
      'enrolled',
      '2026-12-01T00:00:05Z',
      null,
    );
    // period 2: both hold seats -> the earlier (grandfather's) is kept, the mother's is cancelled
    ids.e2early = await enroll(
      ids.c2b,
      ids.p2,
      ids.dup,
      ids.grandpa!,
      'enrolled',
      '2026-12-01T00:00:02Z',
      null,
    );
    ids.e2late = await enroll(
      ids.c2a,
      ids.p2,
      ids.keep,
      ids.mother!,
      'enrolled',
      '2026-12-01T00:00:03Z',
      null,
    );
    ids.eOther = await enroll(
      ids.c1b,
      ids.p1,
      ids.alone,
      ids.other!,
      'enrolled',
      '2026-12-01T00:00:04Z',
      null,
    );
    expect(await migrate(db)).toContain('0009_child_identity.sql');
  });
  afterAll(async () => db.close());

  it('leaves one child, owned by the first parent, with the other parent linked as guardian', async () => {
    const kids = await db.query<{ id: string; parent_id: string }>(
      `SELECT id::text AS id, parent_id::text AS parent_id FROM children WHERE id_number_hmac = 'same'`,
    );
    expect(kids).toEqual([{ id: ids.keep, parent_id: ids.mother }]);
    const links = await db.query<{ user_id: string }>(
      `SELECT user_id::text AS user_id FROM child_accounts WHERE child_id = $1`,
      [ids.keep],
    );
    expect(links).toEqual([{ user_id: ids.grandpa }]);
  });

  it('fills the profile from both records and keeps every health note', async () => {
    const [c] = await db.query<{ school: string; health_notes: string }>(
      `SELECT school, health_notes FROM children WHERE id = $1`,
      [ids.keep],
    );
    expect(c).toEqual({ school: '田林第三小学', health_notes: '花生过敏；哮喘，备有喷雾' });
  });

  it('moves the pick-up guardians over, one entry per phone', async () => {
    const g = await db.query<{ name: string }>(
      `SELECT name FROM child_guardians WHERE child_id = $1 ORDER BY id`,
      [ids.keep],
    );
    expect(g.map((x) => x.name)).toEqual(['王建国', '李芳']);
  });

  it('keeps one live enrollment per period (a seat before a ticket, then the earliest) and gives the seat back', async () => {
    const rows = await db.query<{ id: string; status: string; child_id: string }>(
      `SELECT id::text AS id, status, child_id::text AS child_id FROM cc_enrollments ORDER BY id`,
    );
    const by = Object.fromEntries(rows.map((r) => [r.id, r]));
    expect(by[ids.e1seat!]).toMatchObject({ status: 'enrolled', child_id: ids.keep });
    expect(by[ids.e1wait!]).toMatchObject({ status: 'left', child_id: ids.keep });
    expect(by[ids.e2early!]).toMatchObject({ status: 'enrolled', child_id: ids.keep });
    expect(by[ids.e2late!]).toMatchObject({ status: 'cancelled', child_id: ids.keep });
    expect(by[ids.eOther!]).toMatchObject({ status: 'enrolled', child_id: ids.alone });
    const taken = await db.query<{ id: string; taken: number }>(
      `SELECT id::text AS id, taken FROM cc_classes ORDER BY id`,
    );
    // c1b keeps its 2 (a ticket held no seat); c2a gave its seat back
    expect(taken.map((c) => c.taken)).toEqual([1, 2, 0, 1]);
  });

  it('tells the account whose enrollment ended, and audits each ended enrollment', async () => {
    const msgs = await db.query<{ user_id: string; kind: string }>(
      `SELECT user_id::text AS user_id, kind FROM messages ORDER BY user_id`,
    );
    expect(msgs).toEqual(
      [
        { user_id: ids.mother, kind: 'child_guardian' },
        { user_id: ids.grandpa, kind: 'child_guardian' },
      ].sort((a, b) => Number(a.user_id) - Number(b.user_id)),
    );
    const audits = await db.query<{ entity_id: string }>(
      `SELECT entity_id FROM audit_log WHERE action = 'childcare.enrollment.merge_cancel' ORDER BY entity_id::bigint`,
    );
    expect(audits.map((a) => a.entity_id)).toEqual(
      [ids.e1wait, ids.e2late].sort((a, b) => Number(a) - Number(b)),
    );
  });

  it('from now on refuses a second record of the same ID number', async () => {
    await expect(
      db.query(
        `INSERT INTO children (parent_id, name, gender, birth_date, id_number_hmac, id_number_masked) VALUES ($1, '再加', 'male', '2018-09-01', 'same', 'x')`,
        [ids.other],
      ),
    ).rejects.toMatchObject({ code: '23505' });
  });
});
