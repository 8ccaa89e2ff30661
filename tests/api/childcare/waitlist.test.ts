// The waitlist story: full → honest position → someone cancels → 24 h offer → accept; an expired
// or declined family is never queued again; capacity can be raised (never below the seats held).
import { bearer, makeApp, testClock, type TestApp } from '../helper';
import {
  AFTER_OPEN,
  enrollReq,
  makeCatalogue,
  makeClass,
  makeFamilies,
  type Catalogue,
  type Family,
} from './fixtures';

const HOUR = 3600_000;

describe('the childcare waitlist', () => {
  let t: TestApp;
  let cat: Catalogue;
  const clock = testClock(AFTER_OPEN);
  beforeAll(async () => {
    t = await makeApp({ now: clock.now });
    cat = await makeCatalogue(t);
  });
  afterAll(async () => t.close());

  const post = (f: Family, url: string) =>
    t.app.inject({ method: 'POST', url: `/api/v1/childcare${url}`, headers: bearer(f.token) });
  const mine = async (f: Family) =>
    (
      await t.app.inject({
        method: 'GET',
        url: '/api/v1/childcare/enrollments/mine',
        headers: bearer(f.token),
      })
    ).json().items;
  const taken = async (classId: string) =>
    (
      await t.db.query<{ taken: number }>('SELECT taken FROM cc_classes WHERE id = $1', [classId])
    )[0]!.taken;

  it('when a seat is returned, offers it to the next family for 24 h; expiry moves on; nobody is re-queued', async () => {
    const classId = await makeClass(t, cat, { capacity: 2 });
    const [a, b, c, d, e] = await makeFamilies(t, 'wl', 5);
    const ids: Record<string, string> = {};
    for (const [name, f] of Object.entries({ a, b, c, d, e })) {
      const res = await enrollReq(t, f!.token, classId, f!.childIds);
      expect(res.statusCode).toBe(201);
      ids[name] = res.json().enrollmentIds[0];
      if (name === 'c')
        expect(res.json()).toMatchObject({
          status: 'waitlisted',
          position: 1,
          message: '已满，您在候补第 1 位',
        });
      if (name === 'e')
        expect(res.json()).toMatchObject({
          status: 'waitlisted',
          position: 3,
          message: '已满，您在候补第 3 位',
        });
    }

    // A cancels: C gets an offer at once, holding the seat for 24 h.
    expect((await post(a!, `/enrollments/${ids.a}/cancel`)).json()).toEqual({
      id: ids.a,
      status: 'cancelled',
    });
    const cView = (await mine(c!))[0];
    expect(cView.status).toBe('offered');
    expect(Date.parse(cView.offerExpiresAt) - clock.now().getTime()).toBe(24 * HOUR);
    expect(await taken(classId)).toBe(2);
    // ...and C is told so in 消息, with the deadline and a link to 我的托班
    const inbox = (
      await t.app.inject({ method: 'GET', url: '/api/v1/messages', headers: bearer(c!.token) })
    ).json();
    expect(inbox.items).toEqual([
      expect.objectContaining({
        kind: 'offer',
        title: '托班候补有名额了',
        link: '/features/childcare/pages/mine/index',
        read: false,
      }),
    ]);
    expect(inbox.items[0].body).toMatch(/请在 \d+月\d+日 \d{2}:\d{2} 前确认/);
    expect(
      (
        await t.app.inject({ method: 'GET', url: '/api/v1/messages', headers: bearer(d!.token) })
      ).json().items,
    ).toEqual([]);
    // D moved up honestly: now first in line.
    expect((await mine(d!))[0].position).toBe(1);

    expect((await post(c!, `/enrollments/${ids.c}/accept`)).json()).toEqual({
      id: ids.c,
      status: 'enrolled',
    });

    // B cancels: D is offered, lets it lapse; the job expires it and offers E.
    await post(b!, `/enrollments/${ids.b}/cancel`);
    expect((await mine(d!))[0].status).toBe('offered');
    const titles = async (f: Family) =>
      (await t.app.inject({ method: 'GET', url: '/api/v1/messages', headers: bearer(f.token) }))
        .json()
        .items.map((m: { title: string }) => m.title);
    // 6 hours before the deadline D is reminded, once
    clock.advance(17 * HOUR);
    expect(await t.app.jobs.runJob('childcare-offer-reminders')).toBe(0);
    clock.advance(2 * HOUR);
    expect(await t.app.jobs.runJob('childcare-offer-reminders')).toBe(1);
    expect(await t.app.jobs.runJob('childcare-offer-reminders')).toBe(0);
    expect(await titles(d!)).toEqual(['托班补位名额即将过期', '托班候补有名额了']);
    clock.advance(6 * HOUR);
    expect(await t.app.jobs.runJob('childcare-offers')).toBeGreaterThanOrEqual(2);
    expect((await mine(d!))[0].status).toBe('expired');
    expect((await titles(d!))[0]).toBe('托班补位名额已过期');
    expect((await mine(e!))[0].status).toBe('offered');
    const late = await post(d!, `/enrollments/${ids.d}/accept`);
    expect(late.statusCode).toBe(409);
    expect(late.json().code).toBe('CC_OFFER_EXPIRED');

    // E declines: the seat is free again, and neither D nor E is put back in line.
    expect((await post(e!, `/enrollments/${ids.e}/decline`)).json().status).toBe('declined');
    expect(await taken(classId)).toBe(1);
    await t.app.jobs.runJob('childcare-offers');
    expect((await mine(d!))[0].status).toBe('expired');
    expect((await mine(e!))[0].status).toBe('declined');
  });

  it('when a sibling pair waits, the pair is offered two seats together', async () => {
    const classId = await makeClass(t, cat, { capacity: 2 });
    const [x, y] = await makeFamilies(t, 'wl-one', 2);
    const [twins] = await makeFamilies(t, 'wl-twins', 1, 2);
    const xr = await enrollReq(t, x!.token, classId, x!.childIds);
    await enrollReq(t, y!.token, classId, y!.childIds);
    const tw = await enrollReq(t, twins!.token, classId, twins!.childIds);
    expect(tw.json()).toMatchObject({ status: 'waitlisted', position: 1 });
    await post(x!, `/enrollments/${xr.json().enrollmentIds[0]}/cancel`);
    expect((await mine(twins!)).map((m: { status: string }) => m.status)).toEqual([
      'waitlisted',
      'waitlisted',
    ]);
    // Raising capacity frees a second seat: the pair is offered both.
    const res = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/childcare/classes/${classId}`,
      headers: bearer(cat.adminToken),
      payload: { capacity: 3 },
    });
    expect(res.statusCode).toBe(200);
    expect((await mine(twins!)).map((m: { status: string }) => m.status)).toEqual([
      'offered',
      'offered',
    ]);
    // one message for the family, not one per twin
    const inbox = (
      await t.app.inject({ method: 'GET', url: '/api/v1/messages', headers: bearer(twins!.token) })
    ).json();
    expect(inbox.items.filter((m: { kind: string }) => m.kind === 'offer')).toHaveLength(1);
    // the capacity change is in the audit trail, with before and after
    const [entry] = await t.db.query<{
      action: string;
      before: { capacity: number };
      after: { capacity: number };
    }>(
      "SELECT action, before, after FROM audit_log WHERE entity = 'cc_class' AND entity_id = $1 ORDER BY id DESC LIMIT 1",
      [classId],
    );
    expect(entry).toMatchObject({
      action: 'childcare.class.update',
      before: { capacity: 2 },
      after: { capacity: 3 },
    });
    await post(twins!, `/enrollments/${tw.json().enrollmentIds[0]}/accept`);
    expect((await mine(twins!)).map((m: { status: string }) => m.status)).toEqual([
      'enrolled',
      'enrolled',
    ]);
    expect(await taken(classId)).toBe(3);
  });

  it('a pair first and a single second in line: one freed seat goes to the single, the next two to the pair', async () => {
    const classId = await makeClass(t, cat, { capacity: 3 });
    const held = await makeFamilies(t, 'wl-fit-held', 3);
    const seatIds: string[] = [];
    for (const f of held)
      seatIds.push((await enrollReq(t, f.token, classId, f.childIds)).json().enrollmentIds[0]);
    const [pair] = await makeFamilies(t, 'wl-fit-pair', 1, 2);
    const [single] = await makeFamilies(t, 'wl-fit-single', 1);
    expect((await enrollReq(t, pair!.token, classId, pair!.childIds)).json()).toMatchObject({
      status: 'waitlisted',
      position: 1,
    });
    // the position counts children: two are ahead of the single
    expect((await enrollReq(t, single!.token, classId, single!.childIds)).json()).toMatchObject({
      status: 'waitlisted',
      position: 3,
    });
    const statuses = async (f: Family) => (await mine(f)).map((m: { status: string }) => m.status);

    // one seat: the pair does not fit and keeps its place; the single behind it gets the seat
    await post(held[0]!, `/enrollments/${seatIds[0]}/cancel`);
    expect(await statuses(single!)).toEqual(['offered']);
    expect(
      (await mine(pair!)).map((m: { status: string; position: number }) => [m.status, m.position]),
    ).toEqual([
      ['waitlisted', 1],
      ['waitlisted', 2],
    ]);
    // a second seat alone is still not two: nobody is offered, the seat waits
    await post(held[1]!, `/enrollments/${seatIds[1]}/cancel`);
    expect(await statuses(pair!)).toEqual(['waitlisted', 'waitlisted']);
    expect(await taken(classId)).toBe(2);
    // the next seat makes two: both go to the pair, together
    await post(held[2]!, `/enrollments/${seatIds[2]}/cancel`);
    expect(await statuses(pair!)).toEqual(['offered', 'offered']);
    expect(await taken(classId)).toBe(3);
  });

  it('refuses a capacity below the seats held with 409 CC_CAPACITY_BELOW_ENROLLED', async () => {
    const classId = await makeClass(t, cat, { capacity: 3 });
    for (const f of await makeFamilies(t, 'cap', 3))
      await enrollReq(t, f.token, classId, f.childIds);
    const res = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/childcare/classes/${classId}`,
      headers: bearer(cat.adminToken),
      payload: { capacity: 2 },
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('CC_CAPACITY_BELOW_ENROLLED');
    expect(await taken(classId)).toBe(3);
  });

  it("answers 404 for another family's enrollment, and 409 for cancelling twice", async () => {
    const classId = await makeClass(t, cat, { capacity: 3 });
    const [p, q] = await makeFamilies(t, 'own', 2);
    const r = await enrollReq(t, p!.token, classId, p!.childIds);
    const id = r.json().enrollmentIds[0];
    expect((await post(q!, `/enrollments/${id}/cancel`)).statusCode).toBe(404);
    expect((await post(p!, `/enrollments/${id}/cancel`)).statusCode).toBe(200);
    const again = await post(p!, `/enrollments/${id}/cancel`);
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('CC_NOT_CANCELLABLE');
  });
});
