// The apply rush checks the age inside the database (ns_check_may_apply, migration 0045), so
// ageOn() of src/contract/id-number.ts is written a second time in SQL (yh_age_on). This holds the
// two equal, date for date — birthdays on the day, the day before, 29 February in leap and other
// years — on PGlite and PostgreSQL.
import { ageOn } from '@/contract/id-number';
import { DB_KIND, makeApp, type TestApp } from '../helper';

const BIRTHS = ['1998-05-01', '2000-02-29', '2004-02-28', '2004-03-01', '1986-12-31', '2008-01-01'];
const TODAYS = [
  '2026-05-01',
  '2026-04-30',
  '2026-02-28',
  '2026-03-01',
  '2028-02-28',
  '2028-02-29',
  '2026-12-31',
  '2026-12-30',
  '2026-01-01',
  '2025-12-31',
];

describe(`the age in SQL is ageOn() (${DB_KIND})`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await makeApp();
  });
  afterAll(async () => t.close());

  it('yh_age_on gives the same whole years as ageOn for every birth date and day', async () => {
    const pairs = BIRTHS.flatMap((b) => TODAYS.map((d) => [b, d] as const));
    const rows = await t.db.query<{ age: number }>(
      `SELECT yh_age_on(b::date, d::date) AS age
         FROM unnest($1::text[], $2::text[]) WITH ORDINALITY AS x(b, d, ord) ORDER BY ord`,
      [pairs.map((p) => p[0]), pairs.map((p) => p[1])],
    );
    expect(rows.map((r) => r.age)).toEqual(pairs.map(([b, d]) => ageOn(b, d)));
  });
});
