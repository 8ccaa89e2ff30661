// The enroll rush checks a child's profile inside the database (cc_enroll, migration 0025), so
// parseGrade() and the school check of src/contract/childcare-rules.ts are written a second time in
// SQL. This holds the two equal on what parents type, input for input, on PGlite and PostgreSQL.
import { eligibilityProblems, parseGrade } from '@/contract/childcare-rules';
import { DB_KIND, makeApp, type TestApp } from '../helper';

const GRADES = [
  '二年级',
  '小学三年级',
  '初中一年级',
  '3',
  '3年级',
  '三',
  ' 五年级 ',
  '\u3000四年级\u3000',
  '\t6\n',
  '\u00a0七\ufeff',
  '小学 二年级',
  '小学二 年级',
  '二 年级',
  '小学小学二年级',
  '二年级年级',
  '初中',
  '年级',
  '小学',
  '0',
  '10',
  '0年级',
  '十',
  '十年级',
  '九年级',
  '一二',
  '２', // full-width digit: not a grade in either
  '3.',
  '33',
  '',
  '   ',
  'grade 3',
  '二年級',
  '五六年级',
  '𠀀',
  '三\n年级',
];
const SCHOOLS = ['田林第三小学', '', ' ', '\u3000', '\t\n', '\u200b', ' 学校 ', '\ufeff'];

describe(`the enroll profile check in SQL matches the app's rules (${DB_KIND})`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await makeApp();
  });
  afterAll(async () => t.close());

  it('cc_grade_number() reads every typed grade as parseGrade() does', async () => {
    const rows = await t.db.query<{ raw: string | null; g: number | null }>(
      'SELECT raw, cc_grade_number(raw) AS g FROM unnest($1::text[]) WITH ORDINALITY AS s(raw, i) ORDER BY i',
      [[...GRADES, null]],
    );
    expect(rows.map((r) => [r.raw, r.g])).toEqual(
      [...GRADES, null].map((raw) => [raw, parseGrade(raw)]),
    );
  });

  it('a school the app calls missing is missing in SQL too', async () => {
    // (the booleans only: a driver may drop a leading BOM from a returned string)
    const rows = await t.db.query<{ missing: boolean }>(
      `SELECT coalesce(js_trim(raw), '') = '' AS missing FROM unnest($1::text[]) WITH ORDINALITY AS s(raw, i) ORDER BY i`,
      [[...SCHOOLS, null]],
    );
    expect(rows.map((r) => r.missing)).toEqual(
      [...SCHOOLS, null].map((raw) =>
        eligibilityProblems({ school: raw, grade: '二年级' }, 1, 9).includes('SCHOOL_MISSING'),
      ),
    );
  });
});
