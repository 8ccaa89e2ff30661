// 兄弟姐妹一起报名: siblings in different grade bands, one class each, saved in the pre-fill days
// and enrolled with one tap — all-or-none or each on its own — in one statement.
import { bearer, makeApp, testClock, type TestApp } from '../helper';
import {
  AFTER_OPEN,
  BEFORE_OPEN,
  enrollReq,
  makeCatalogue,
  makeClass,
  makeFamilies,
  type Catalogue,
  type Family,
} from './fixtures';

describe('兄弟姐妹一起报名 (the basket)', () => {
  let t: TestApp;
  let cat: Catalogue;
  const clock = testClock(AFTER_OPEN);
  beforeAll(async () => {
    t = await makeApp({ now: clock.now });
    cat = await makeCatalogue(t);
  });
  afterAll(async () => t.close());
  afterEach(() => clock.set(AFTER_OPEN));

  const save = (f: Family, body: unknown, programmeId = cat.programmeId) =>
    t.app.inject({
      method: 'PUT',
      url: `/api/v1/childcare/programmes/${programmeId}/basket`,
      headers: bearer(f.token),
      payload: body as object,
    });
  const tap = (f: Family, key?: string, programmeId = cat.programmeId) =>
    t.app.inject({
      method: 'POST',
      url: '/api/v1/childcare/enrollments/basket',
      headers: { ...bearer(f.token), ...(key ? { 'idempotency-key': key } : {}) },
      payload: { programmeId },
    });
  const classRow = async (id: string) =>
    (
      await t.db.query<{ taken: number; waitlist_seq: number }>(
        'SELECT taken, waitlist_seq FROM cc_classes WHERE id = $1',
        [id],
      )
    )[0]!;
  /** A family with an older child (grade 5) and a younger one (grade 2). */
  async function twoBands(prefix: string, count = 1): Promise<Family[]> {
    const families = await makeFamilies(t, prefix, count, 2);
    await t.db.query(`UPDATE children SET grade = '五年级' WHERE id = ANY($1::bigint[])`, [
      families.map((f) => f.childIds[1]),
    ]);
    return families;
  }
  const bands = async (capYoung: number, capOld: number) => ({
    young: await makeClass(t, cat, { capacity: capYoung, gradeMin: 1, gradeMax: 3 }),
    old: await makeClass(t, cat, { capacity: capOld, gradeMin: 4, gradeMax: 6 }),
  });

  it('saves one class per child in the pre-fill days, reads it back, replaces and clears it', async () => {
    clock.set(BEFORE_OPEN);
    const { young, old } = await bands(5, 5);
    const [f] = await twoBands('bk-save');
    const body = {
      mode: 'all',
      items: [
        { classId: young, childIds: [f!.childIds[0]] },
        { classId: old, childIds: [f!.childIds[1]] },
      ],
    };
    const saved = await save(f!, body);
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toEqual({ ...body, updatedAt: BEFORE_OPEN });
    const read = await t.app.inject({
      url: `/api/v1/childcare/programmes/${cat.programmeId}/basket`,
      headers: bearer(f!.token),
    });
    expect(read.json().basket).toMatchObject(body);
    expect((await save(f!, { ...body, mode: 'each' })).json().mode).toBe('each');
    const del = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/childcare/programmes/${cat.programmeId}/basket`,
      headers: bearer(f!.token),
    });
    expect(del.statusCode).toBe(204);
    const again = await t.app.inject({
      url: `/api/v1/childcare/programmes/${cat.programmeId}/basket`,
      headers: bearer(f!.token),
    });
    expect(again.json()).toEqual({ basket: null });
    // the tap with nothing saved
    expect((await tap(f!)).json().code).toBe('CC_BASKET_EMPTY');
  });

  it('refuses at saving what can be known early: another family’s child, a foreign class, a child twice, a grade outside the band', async () => {
    const { young, old } = await bands(5, 5);
    const [f, other] = await twoBands('bk-refuse', 2);
    const otherCat = await makeCatalogue(t);
    const foreign = await makeClass(t, otherCat, { capacity: 5 });
    const cases: [unknown, number, string][] = [
      [
        { mode: 'all', items: [{ classId: young, childIds: [other!.childIds[0]] }] },
        404,
        'CC_CHILD_NOT_FOUND',
      ],
      [
        { mode: 'all', items: [{ classId: foreign, childIds: [f!.childIds[0]] }] },
        404,
        'CC_CLASS_NOT_FOUND',
      ],
      [
        {
          mode: 'each',
          items: [
            { classId: young, childIds: [f!.childIds[0]] },
            { classId: old, childIds: [f!.childIds[0]] },
          ],
        },
        400,
        'CC_BASKET_INVALID',
      ],
      [
        { mode: 'all', items: [{ classId: young, childIds: [f!.childIds[1]] }] },
        422,
        'CC_GRADE_OUT_OF_RANGE',
      ],
      [{ mode: 'both', items: [{ classId: young, childIds: [f!.childIds[0]] }] }, 400, ''],
    ];
    for (const [body, status, code] of cases) {
      const res = await save(f!, body);
      expect([res.statusCode, code ? res.json().code : '']).toEqual([status, code]);
    }
    expect((await save(f!, cases[3]![0])).json().message).toBe(
      '孩子2的年级不在' +
        (
          await t.db.query<{ name: string }>('SELECT name FROM cc_classes WHERE id = $1', [young])
        )[0]!.name +
        '的招收范围内（1–3年级）',
    );
  });

  it('each on its own: the older child is seated, the younger waitlisted, in one tap', async () => {
    const { young, old } = await bands(1, 5);
    const [first] = await makeFamilies(t, 'bk-first', 1);
    await enrollReq(t, first!.token, young, first!.childIds); // the young class is now full
    const [f] = await twoBands('bk-each');
    await save(f!, {
      mode: 'each',
      items: [
        { classId: young, childIds: [f!.childIds[0]] },
        { classId: old, childIds: [f!.childIds[1]] },
      ],
    });
    const res = await tap(f!);
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body.mode).toBe('each');
    expect(body.message).toBe('1 个班报名成功，其余请查看结果');
    const byClass = Object.fromEntries(body.items.map((i: { classId: string }) => [i.classId, i]));
    expect(byClass[old]).toMatchObject({ status: 'enrolled', childIds: [f!.childIds[1]] });
    expect(byClass[young]).toMatchObject({
      status: 'waitlisted',
      position: 1,
      message: '已满，您在候补第 1 位',
    });
  });

  it('each on its own: a refused class rolls back only its own rows', async () => {
    const { young, old } = await bands(5, 5);
    const other = await makeClass(t, cat, { capacity: 5, gradeMin: 1, gradeMax: 3 });
    const [f] = await twoBands('bk-iso');
    // the younger child already holds a class this period, so its class is refused
    expect((await enrollReq(t, f!.token, other, [f!.childIds[0]])).statusCode).toBe(201);
    await save(f!, {
      mode: 'each',
      items: [
        { classId: young, childIds: [f!.childIds[0]] },
        { classId: old, childIds: [f!.childIds[1]] },
      ],
    });
    const body = (await tap(f!)).json();
    const byClass = Object.fromEntries(body.items.map((i: { classId: string }) => [i.classId, i]));
    expect(byClass[young]).toMatchObject({
      status: 'refused',
      code: 'CC_PERIOD_TAKEN',
      message: '孩子在这一期已报名其他班级（每期限报一个班）',
      enrollmentIds: [],
    });
    expect(byClass[old].status).toBe('enrolled');
    expect(await classRow(young)).toEqual({ taken: 0, waitlist_seq: 0 });
    expect((await classRow(old)).taken).toBe(1);
  });

  it('all or none: a full class refuses the whole basket; no seat, ticket or key is left behind', async () => {
    const { young, old } = await bands(1, 5);
    const [first] = await makeFamilies(t, 'bk-full', 1);
    await enrollReq(t, first!.token, young, first!.childIds);
    const [f] = await twoBands('bk-all');
    await save(f!, {
      mode: 'all',
      items: [
        { classId: old, childIds: [f!.childIds[1]] },
        { classId: young, childIds: [f!.childIds[0]] },
      ],
    });
    const res = await tap(f!, 'basket-all-key-1');
    expect(res.statusCode).toBe(409);
    const youngName = (
      await t.db.query<{ name: string }>('SELECT name FROM cc_classes WHERE id = $1', [young])
    )[0]!.name;
    expect(res.json()).toMatchObject({
      code: 'CC_BASKET_NOT_ALL',
      message: `${youngName}已满，孩子们未能一起报上，本次均未报名`,
    });
    expect(await classRow(old)).toEqual({ taken: 0, waitlist_seq: 0 });
    expect(await classRow(young)).toEqual({ taken: 1, waitlist_seq: 0 });
    const keys = await t.db.query('SELECT 1 FROM idempotency_keys WHERE key = $1', [
      'basket-all-key-1',
    ]);
    expect(keys).toHaveLength(0);
  });

  it('the window refuses the whole tap, and a retried tap replays its answer without a second seat', async () => {
    const { young, old } = await bands(5, 5);
    const [f] = await twoBands('bk-replay');
    await save(f!, {
      mode: 'all',
      items: [
        { classId: young, childIds: [f!.childIds[0]] },
        { classId: old, childIds: [f!.childIds[1]] },
      ],
    });
    clock.set(BEFORE_OPEN);
    expect((await tap(f!, 'basket-replay-1')).json().code).toBe('CC_NOT_OPEN');
    clock.set(AFTER_OPEN);
    const first = await tap(f!, 'basket-replay-1');
    expect(first.statusCode).toBe(201);
    expect(first.json().message).toBe('全部报名成功');
    const again = await tap(f!, 'basket-replay-1');
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json()).toEqual(first.json());
    expect((await classRow(young)).taken).toBe(1);
    expect((await classRow(old)).taken).toBe(1);
  });

  it('many families at once, all-or-none, double taps: no class oversold, no family half-seated', async () => {
    const { young, old } = await bands(12, 8);
    const families = await twoBands('bk-rush', 20);
    for (const f of families)
      await save(f, {
        mode: 'all',
        items: [
          { classId: young, childIds: [f.childIds[0]] },
          { classId: old, childIds: [f.childIds[1]] },
        ],
      });
    const answers = await Promise.all(
      families.flatMap((f, i) => [tap(f, `bk-rush-${i}`), tap(f, `bk-rush-${i}`)]),
    );
    expect(new Set(answers.map((a) => a.statusCode))).toEqual(new Set([201, 409]));
    // the old class's 8 seats go to 8 families, each with its younger child seated too
    const seated = await t.db.query<{ parent_id: string; n: number }>(
      `SELECT parent_id::text AS parent_id, count(*)::int AS n FROM cc_enrollments
        WHERE class_id = ANY($1::bigint[]) AND status = 'enrolled' GROUP BY parent_id`,
      [[young, old]],
    );
    expect(seated).toHaveLength(8);
    expect(seated.every((s) => s.n === 2)).toBe(true);
    expect(await classRow(old)).toEqual({ taken: 8, waitlist_seq: 0 });
    expect(await classRow(young)).toEqual({ taken: 8, waitlist_seq: 0 });
  });
});
