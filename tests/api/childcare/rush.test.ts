// The registration rush: thousands of parents press 报名 in the same second. The database keeps
// the invariants; these stories prove them on PGlite and (DATABASE_URL) on PostgreSQL.
import { DB_KIND, makeApp, testClock, type TestApp } from '../helper';
import {
  AFTER_OPEN,
  enrollReq,
  makeCatalogue,
  makeClass,
  makeFamilies,
  type Catalogue,
} from './fixtures';

jest.setTimeout(240_000);

describe(`POST /api/v1/childcare/enrollments under a rush (${DB_KIND})`, () => {
  let t: TestApp;
  let cat: Catalogue;
  const clock = testClock(AFTER_OPEN);
  beforeAll(async () => {
    t = await makeApp({ now: clock.now });
    cat = await makeCatalogue(t);
  });
  afterAll(async () => t.close());

  it('when 2,000 parents (with double taps and retries) rush a class of 35: exactly 35 enrolled, no duplicates, waitlist 1..N gap-free, no 5xx', async () => {
    const classId = await makeClass(t, cat, { capacity: 35 });
    const families = await makeFamilies(t, 'rush', 2000);

    // Every parent taps once; every 5th taps twice (same key); every 7th's app retries after a
    // "timeout" with the same key, while the first is still in flight.
    const sends: { family: number; key: string }[] = [];
    families.forEach((_, i) => {
      const key = `rush-key-${i}-aaaaaaaa`;
      sends.push({ family: i, key });
      if (i % 5 === 0) sends.push({ family: i, key });
      if (i % 7 === 0) sends.push({ family: i, key });
    });
    // Shuffle deterministically so duplicates are not adjacent.
    for (let i = sends.length - 1; i > 0; i--) {
      const j = (i * 7919) % (i + 1);
      [sends[i], sends[j]] = [sends[j]!, sends[i]!];
    }

    const answers = await Promise.all(
      sends.map(async (s) => {
        const f = families[s.family]!;
        const res = await enrollReq(t, f.token, classId, f.childIds, s.key);
        return { family: s.family, status: res.statusCode, body: res.json() };
      }),
    );

    // Every request answered, none with a 5xx, all 201 (a duplicate replays the first answer).
    expect(answers.filter((a) => a.status >= 500)).toEqual([]);
    expect(new Set(answers.map((a) => a.status))).toEqual(new Set([201]));

    // One answer per family: duplicates replayed it exactly.
    const byFamily = new Map<number, string>();
    for (const a of answers) {
      const s = JSON.stringify(a.body);
      if (byFamily.has(a.family)) expect(s).toBe(byFamily.get(a.family));
      else byFamily.set(a.family, s);
    }
    const firsts = [...byFamily.values()].map((s) => JSON.parse(s));
    const enrolled = firsts.filter((b) => b.status === 'enrolled');
    const waitlisted = firsts.filter((b) => b.status === 'waitlisted');
    expect(enrolled).toHaveLength(35);
    expect(waitlisted).toHaveLength(2000 - 35);
    // Honest positions: 1..N, unique, gap-free, with the message naming them.
    const positions = waitlisted.map((b) => b.position).sort((a, b) => a - b);
    expect(positions).toEqual(Array.from({ length: 1965 }, (_, i) => i + 1));
    for (const b of waitlisted) expect(b.message).toBe(`已满，您在候补第 ${b.position} 位`);

    // The database agrees.
    const [cls] = await t.db.query<{ taken: number; capacity: number; waitlist_seq: number }>(
      'SELECT taken, capacity, waitlist_seq FROM cc_classes WHERE id = $1',
      [classId],
    );
    expect(cls).toEqual({ taken: 35, capacity: 35, waitlist_seq: 1965 });
    const rows = await t.db.query<{ child_id: string; status: string; waitlist_no: number | null }>(
      'SELECT child_id::text AS child_id, status, waitlist_no FROM cc_enrollments WHERE class_id = $1',
      [classId],
    );
    expect(rows).toHaveLength(2000);
    expect(new Set(rows.map((r) => r.child_id)).size).toBe(2000);
    expect(rows.filter((r) => r.status === 'enrolled')).toHaveLength(35);
    const nos = rows
      .filter((r) => r.status === 'waitlisted')
      .map((r) => r.waitlist_no!)
      .sort((a, b) => a - b);
    expect(nos).toEqual(Array.from({ length: 1965 }, (_, i) => i + 1));

    // A retry with a NEW key (the app lost its key) cannot enroll the child a second time.
    const again = await enrollReq(
      t,
      families[0]!.token,
      classId,
      families[0]!.childIds,
      'rush-new-key-0000',
    );
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('CC_PERIOD_TAKEN');
  });

  it('when sibling pairs and single children rush a class of 5: never one sibling seated without the other', async () => {
    const classId = await makeClass(t, cat, { capacity: 5 });
    const pairs = await makeFamilies(t, 'pair', 60, 2);
    const singles = await makeFamilies(t, 'single', 40, 1);
    const all = [...pairs, ...singles];
    const answers = await Promise.all(
      all.map((f, i) => enrollReq(t, f.token, classId, f.childIds, `sib-key-${i}-aaaaaaaa`)),
    );
    expect(answers.map((a) => a.statusCode).filter((s) => s !== 201)).toEqual([]);

    const rows = await t.db.query<{ parent_id: string; status: string; group_key: string }>(
      'SELECT parent_id::text AS parent_id, status, group_key FROM cc_enrollments WHERE class_id = $1',
      [classId],
    );
    expect(rows).toHaveLength(160);
    for (const f of pairs) {
      const mine = rows.filter((r) => r.parent_id === f.userId);
      expect(mine).toHaveLength(2);
      expect(mine[0]!.status).toBe(mine[1]!.status);
      expect(mine[0]!.group_key).toBe(mine[1]!.group_key);
    }
    const seated = rows.filter((r) => r.status === 'enrolled').length;
    const [cls] = await t.db.query<{ taken: number }>(
      'SELECT taken FROM cc_classes WHERE id = $1',
      [classId],
    );
    expect(cls!.taken).toBe(seated);
    expect(seated).toBeLessThanOrEqual(5);
    // The class fills: a single always fits the last odd seat.
    expect(seated).toBe(5);
    // A pair's waitlist places are consecutive.
    const waiting = await t.db.query<{ group_key: string; nos: number[] }>(
      `SELECT group_key, array_agg(waitlist_no ORDER BY waitlist_no) AS nos FROM cc_enrollments
       WHERE class_id = $1 AND status = 'waitlisted' GROUP BY group_key HAVING count(*) = 2`,
      [classId],
    );
    for (const w of waiting) expect(w.nos[1]! - w.nos[0]!).toBe(1);
  });
});
