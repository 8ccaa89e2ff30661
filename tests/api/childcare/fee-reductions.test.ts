// 费用减免: a family in hardship applies for a child (category, optional proof image); the
// committee approves a percentage off or refuses with a reason, audited and told to the family;
// nobody else sees the application or its proof.
import { bearer, login, makeApp, testClock, type TestApp } from '../helper';
import { uploadFile } from '../files/upload';
import { AFTER_OPEN, makeCatalogue, makeFamilies, type Catalogue, type Family } from './fixtures';

describe('费用减免 (childcare fee reductions)', () => {
  let t: TestApp;
  let cat: Catalogue;
  const clock = testClock(AFTER_OPEN);
  beforeAll(async () => {
    t = await makeApp({ now: clock.now });
    cat = await makeCatalogue(t);
  });
  afterAll(async () => t.close());

  const apply = (f: Family, body: object) =>
    t.app.inject({
      method: 'POST',
      url: '/api/v1/childcare/reductions',
      headers: bearer(f.token),
      payload: { programmeId: cat.programmeId, ...body },
    });
  const decide = (token: string, id: string, body: object) =>
    t.app.inject({
      method: 'POST',
      url: `/api/v1/childcare/reductions/${id}/decision`,
      headers: bearer(token),
      payload: body,
    });
  const proof = async (f: Family, purpose = 'reduction_proof') => {
    const res = await uploadFile(t.app, f.token, undefined, { purpose });
    expect(res.statusCode).toBe(201);
    return res.json().id as string;
  };

  it('a parent applies with a proof; the committee approves 50% off; the family is told and the decision audited', async () => {
    const [f] = await makeFamilies(t, 'rd-ok', 1);
    const fileId = await proof(f!);
    const res = await apply(f!, { childId: f!.childIds[0], category: 'dibao', fileId });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      childName: '孩子1',
      category: 'dibao',
      fileId,
      status: 'requested',
      percentOff: null,
      createdAt: AFTER_OPEN,
    });
    const id = res.json().id;

    // the committee sees it and its proof; another parent and site staff see neither
    const admin = cat.adminToken;
    const listed = await t.app.inject({
      url: `/api/v1/childcare/reductions?programmeId=${cat.programmeId}&status=requested`,
      headers: bearer(admin),
    });
    expect(listed.json().items.map((r: { id: string }) => r.id)).toContain(id);
    expect(
      (await t.app.inject({ url: `/api/v1/files/${fileId}`, headers: bearer(admin) })).statusCode,
    ).toBe(200);
    const [other] = await makeFamilies(t, 'rd-other', 1);
    const organizer = await login(t.app, 'rd-organizer', 'organizer');
    for (const token of [other!.token, organizer])
      expect(
        (await t.app.inject({ url: `/api/v1/files/${fileId}`, headers: bearer(token) })).statusCode,
      ).toBe(404);
    expect(
      (
        await t.app.inject({
          url: '/api/v1/childcare/reductions/mine',
          headers: bearer(other!.token),
        })
      ).json().items,
    ).toEqual([]);

    const approved = await decide(admin, id, { decision: 'approve', percentOff: 50 });
    expect(approved.statusCode).toBe(200);
    expect(approved.json()).toMatchObject({ status: 'approved', percentOff: 50 });
    // decided once: a second decision is refused
    expect((await decide(admin, id, { decision: 'approve', percentOff: 100 })).json().code).toBe(
      'REDUCTION_DECIDED',
    );
    const mine = await t.app.inject({
      url: '/api/v1/childcare/reductions/mine',
      headers: bearer(f!.token),
    });
    expect(mine.json().items).toEqual([
      expect.objectContaining({ id, status: 'approved', percentOff: 50 }),
    ]);
    const inbox = await t.app.inject({ url: '/api/v1/messages', headers: bearer(f!.token) });
    expect(inbox.json().items[0]).toMatchObject({
      kind: 'fee_reduction',
      title: '费用减免已通过',
      body: expect.stringContaining('减免50%'),
    });
    const [row] = await t.db.query<{ after: unknown }>(
      `SELECT after FROM audit_log WHERE action = 'childcare.reduction.decide' AND entity_id = $1`,
      [id],
    );
    expect(row!.after).toMatchObject({ status: 'approved', percentOff: 50 });
  });

  it('refusing needs a reason the family will read; after a refusal the family may apply again', async () => {
    const [f] = await makeFamilies(t, 'rd-refuse', 1);
    const id = (await apply(f!, { childId: f!.childIds[0], category: 'low_income' })).json().id;
    const noReason = await decide(cat.adminToken, id, { decision: 'refuse' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().code).toBe('REDUCTION_REASON_REQUIRED');
    const refused = await decide(cat.adminToken, id, {
      decision: 'refuse',
      note: '请补充低收入家庭认定证明',
    });
    expect(refused.json()).toMatchObject({
      status: 'refused',
      decisionNote: '请补充低收入家庭认定证明',
    });
    expect((await apply(f!, { childId: f!.childIds[0], category: 'low_income' })).statusCode).toBe(
      201,
    );
  });

  it('refuses what a family cannot claim: another child, a second live application, a proof not theirs or of another purpose, 其他 without a note', async () => {
    const [f, other] = await makeFamilies(t, 'rd-bad', 2);
    const cases: [object, number, string][] = [
      [{ childId: other!.childIds[0], category: 'dibao' }, 404, 'CC_CHILD_NOT_FOUND'],
      [{ childId: f!.childIds[0], category: 'other' }, 400, 'REDUCTION_NOTE_REQUIRED'],
      [
        { childId: f!.childIds[0], category: 'dibao', fileId: await proof(other!) },
        404,
        'FILE_NOT_FOUND',
      ],
      [
        { childId: f!.childIds[0], category: 'dibao', fileId: await proof(f!, 'station_proof') },
        404,
        'FILE_NOT_FOUND',
      ],
    ];
    for (const [body, status, code] of cases) {
      const res = await apply(f!, body);
      expect([res.statusCode, res.json().code]).toEqual([status, code]);
    }
    expect((await apply(f!, { childId: f!.childIds[0], category: 'dibao' })).statusCode).toBe(201);
    const again = await apply(f!, { childId: f!.childIds[0], category: 'tekun' });
    expect([again.statusCode, again.json().code]).toEqual([409, 'REDUCTION_EXISTS']);
  });

  it('a family withdraws a pending application; two simultaneous applications leave one', async () => {
    const [f] = await makeFamilies(t, 'rd-race', 1);
    const answers = await Promise.all(
      Array.from({ length: 6 }, () => apply(f!, { childId: f!.childIds[0], category: 'dibao' })),
    );
    expect(answers.map((a) => a.statusCode).sort()).toEqual([201, 409, 409, 409, 409, 409]);
    const id = answers.find((a) => a.statusCode === 201)!.json().id;
    const withdrawn = await t.app.inject({
      method: 'POST',
      url: `/api/v1/childcare/reductions/${id}/withdraw`,
      headers: bearer(f!.token),
    });
    expect(withdrawn.json().status).toBe('withdrawn');
    expect((await decide(cat.adminToken, id, { decision: 'approve' })).json().code).toBe(
      'REDUCTION_DECIDED',
    );
  });
});
