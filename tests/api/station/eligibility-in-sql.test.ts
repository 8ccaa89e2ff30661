// The booking rush judges who may stay inside the database (st_book, migration 0047), so the rule
// of checkAge() and checkEligibility() (src/contract/station-rules.ts, which the mini-program and
// the other routes keep using) is written a second time in SQL: st_age_problem and
// st_eligibility_problem. This holds the two equal, case for case — birthdays on the first night
// and the day after, the age range's ends, no profile, no status, graduation dates on and just
// outside the window's ends (months clamped at a month's end) — on PGlite and PostgreSQL.
import {
  addMonths,
  checkAge,
  checkEligibility,
  type DeclaredStatus,
} from '@/contract/station-rules';
import { addDays } from '@/contract/beijing-time';
import { DB_KIND, makeApp, type TestApp } from '../helper';

const RULES = [
  { minAge: 18, maxAge: 35, graduatingWithinMonths: 12, graduatedWithinMonths: 24 },
  { minAge: 20, maxAge: 30, graduatingWithinMonths: 0, graduatedWithinMonths: 6 },
];
const ONS = ['2026-08-31', '2026-03-31', '2028-02-29', '2026-12-31'];
const BIRTHS = [null, '2008-08-31', '2008-09-01', '1991-08-31', '1990-08-31', '2000-02-29'];
const STATUSES: Array<DeclaredStatus | null> = [
  null,
  'job_seeking',
  'newly_employed',
  'graduating',
];

/** Graduation dates around the window's ends for `on` under each rule, and none. */
function graduations(on: string): Array<string | null> {
  const ends = RULES.flatMap((r) => [
    addMonths(on, r.graduatingWithinMonths),
    addMonths(on, -r.graduatedWithinMonths),
  ]);
  return [null, on, ...ends.flatMap((d) => [d, addDays(d, 1), addDays(d, -1)])];
}

describe(`who may stay, in SQL, is checkAge()/checkEligibility() (${DB_KIND})`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await makeApp();
  });
  afterAll(async () => t.close());

  const cases = RULES.flatMap((s) =>
    ONS.flatMap((on) =>
      BIRTHS.flatMap((birth) =>
        STATUSES.flatMap((status) =>
          (status === 'graduating' ? graduations(on) : [null]).map((g) => ({
            s,
            on,
            birth,
            status,
            g,
          })),
        ),
      ),
    ),
  );

  it(`st_eligibility_problem and st_age_problem give the refusal code of the TypeScript rule in ${cases.length} cases`, async () => {
    const rows = await t.db.query<{ booking: string | null; hold: string | null }>(
      `SELECT st_eligibility_problem((c->>'birth')::date, c->>'status', (c->>'g')::date, (c->>'on')::date,
                (c->'s'->>'minAge')::int, (c->'s'->>'maxAge')::int,
                (c->'s'->>'graduatingWithinMonths')::int, (c->'s'->>'graduatedWithinMonths')::int) AS booking,
              st_age_problem((c->>'birth')::date, (c->>'on')::date, (c->'s'->>'minAge')::int,
                (c->'s'->>'maxAge')::int) AS hold
         FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS x(c, ord) ORDER BY ord`,
      [JSON.stringify(cases)],
    );
    const code = (v: ReturnType<typeof checkAge>) => (v.ok ? null : v.code);
    expect(rows).toEqual(
      cases.map((c) => ({
        booking: code(
          checkEligibility(
            { birthDate: c.birth, declaredStatus: c.status, graduationDate: c.g, on: c.on },
            c.s,
          ),
        ),
        hold: code(checkAge(c.birth, c.on, c.s)),
      })),
    );
    // the cases reach every answer
    expect(new Set(rows.map((r) => r.booking))).toEqual(
      new Set([null, 'PROFILE_INCOMPLETE', 'NOT_ELIGIBLE']),
    );
  });
});
