// 隐私与数据: a resident downloads everything kept about them (their children included, other
// people's personal data never), and deletes their account in one transaction: every seat goes
// to the next person waiting, as on a cancellation; personal data goes; audit entries stay.
import { bearer, DB_KIND, IDS, login, makeApp, testClock, type TestApp } from '../helper';
import { apply, createCourse, createTerm, organizer } from '../night-school/fixture';
import { enrollReq, makeCatalogue, makeClass, makeFamilies } from '../childcare/fixtures';
import { createShift, createTask, signUp, teamOrganizer } from '../volunteer/fixtures';
import { book, roomTypeId, stationIds } from '../station/station-helper';

const API = '/api/v1';

describe(`export and account deletion (${DB_KIND})`, () => {
  // after childcare registration opens (2026-12-01 08:00 Shanghai)
  const clock = testClock('2026-12-01T02:00:00.000Z');
  let t: TestApp;
  beforeAll(async () => {
    t = await makeApp({ now: clock.now });
    await t.app.jobs.runJob('station-inventory');
  });
  afterAll(async () => t.close());

  const call = (
    method: 'GET' | 'DELETE' | 'PUT' | 'POST',
    url: string,
    token: string | null,
    payload?: object,
  ) =>
    t.app.inject({
      method,
      url: `${API}${url}`,
      headers: token ? bearer(token) : {},
      ...(payload ? { payload } : {}),
    });
  const userId = async (openid: string) =>
    (
      await t.db.query<{ id: string }>(`SELECT id::text AS id FROM users WHERE openid = $1`, [
        `dev:${openid}`,
      ])
    )[0]?.id;

  /** A resident with a real-name profile (ID number bound), a child with a guardian, and one seat in every service, each with someone waiting behind it. */
  async function residentWithSeats(openid: string, idNumber: string, childIdNumber: string) {
    const token = await login(t.app, openid);
    expect(
      (await call('PUT', '/me', token, { name: '林晓', phone: '13912345678', idNumber }))
        .statusCode,
    ).toBe(200);
    // eligible everywhere (the station takes 18–35)
    await t.db.query(`UPDATE users SET birth_date = '2000-05-01' WHERE openid = $1`, [
      `dev:${openid}`,
    ]);
    const child = await call('POST', '/me/children', token, {
      name: '林小雨',
      idNumber: childIdNumber,
      school: '田林第三小学',
      grade: '二年级',
    });
    expect(child.statusCode).toBe(201);
    const childId = child.json().id;
    expect(
      (
        await call('POST', `/childcare/children/${childId}/guardians`, token, {
          name: '王秀英',
          relation: '外婆',
          phone: '13700001111',
        })
      ).statusCode,
    ).toBe(201);

    // night school, first come, one seat; someone waits behind
    const staff = await organizer(t, `${openid}-ns-staff`);
    const term = await createTerm(
      t,
      staff,
      {
        allocation: 'first_come',
        opensAt: '2026-12-01T01:00:00.000Z',
        closesAt: '2026-12-10T14:00:00.000Z',
      },
      `${openid}冬季夜校`,
    );
    const course = await createCourse(t, staff, term.id, { capacity: 1, startDate: '2027-01-05' });
    expect((await apply(t, token, course.id)).json().status).toBe('confirmed');
    const nsWaiter = await login(t.app, `${openid}-ns-waiter`);
    await t.db.query(
      `UPDATE users SET birth_date = '1999-01-01', name = '排队者' WHERE openid = $1`,
      [`dev:${openid}-ns-waiter`],
    );
    expect((await apply(t, nsWaiter, course.id)).json().status).toBe('waitlisted');

    // childcare, one seat; another family waits
    const cat = await makeCatalogue(t);
    const classId = await makeClass(t, cat, { capacity: 1 });
    expect((await enrollReq(t, token, classId, [childId])).json()).toMatchObject({
      status: 'enrolled',
    });
    const [family] = await makeFamilies(t, `${openid}-fam`, 1);
    await enrollReq(t, family.token, classId, family.childIds);

    // station: a requested stay of 2 nights
    const ids = await stationIds(t);
    const twin = await roomTypeId(t, ids.a, 'twin');
    const stay = await book(t, token, ids.a, {
      roomTypeId: twin,
      checkIn: '2026-12-05',
      nights: 2,
    });
    expect(stay.json().status).toBe('requested');

    // volunteer: the one place of a shift
    const lead = await teamOrganizer(t, `${openid}-lead`);
    const task = await createTask(t, lead.token, lead.teamId);
    const shift = await createShift(t, lead.token, task.id, {
      startsAt: '2026-12-20T01:00:00Z',
      endsAt: '2026-12-20T03:00:00Z',
      needed: 1,
    });
    expect((await signUp(t, token, shift.id)).statusCode).toBe(201);
    return {
      token,
      childId,
      courseId: course.id,
      nsWaiter,
      classId,
      family,
      twin,
      bookingId: stay.json().id,
      shiftId: shift.id,
    };
  }

  it("exports the resident and their child, and no one else's personal data", async () => {
    const s = await residentWithSeats('exp-owner', IDS.adultMale, IDS.childFemale);
    const res = await call('GET', '/me/data-export', s.token);
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    const data = res.json();
    expect(data.account).toMatchObject({
      name: '林晓',
      phoneMasked: '139****5678',
      idNumberMasked: expect.stringContaining('*'),
    });
    expect(data.children).toEqual([
      expect.objectContaining({
        id: s.childId,
        name: '林小雨',
        school: '田林第三小学',
        guardians: [{ relation: '外婆', phoneMasked: '137****1111' }],
      }),
    ]);
    expect(data.nightSchoolApplications).toEqual([
      expect.objectContaining({ status: 'confirmed' }),
    ]);
    expect(data.childcareEnrollments).toEqual([
      expect.objectContaining({ childId: s.childId, status: 'enrolled' }),
    ]);
    expect(data.stationBookings).toEqual([
      expect.objectContaining({ id: s.bookingId, status: 'requested' }),
    ]);
    expect(data.volunteerSignups).toEqual([expect.objectContaining({ status: 'active' })]);
    // never the full phone or ID number, nor anybody else: the guardian's name, the waiting
    // applicant, the other family's child
    const text = res.body;
    for (const secret of [
      '13912345678',
      IDS.adultMale,
      IDS.childFemale,
      '王秀英',
      '13700001111',
      '排队者',
      '孩子1',
    ])
      expect(text).not.toContain(secret);

    expect((await call('GET', '/me/data-export', null)).statusCode).toBe(401);
  });

  it('deletes the account in one go: seats to the waiting, personal data gone, audit kept, sign-in closed', async () => {
    const s = await residentWithSeats('del-owner', IDS.adultMale2, IDS.childMale);
    const id = (await userId('del-owner'))!;
    // an audit entry of the resident's
    await t.db.query(
      `INSERT INTO audit_log (actor_id, actor_role, action, entity, entity_id, at) VALUES ($1::bigint, 'resident', 'test.mark', 'user', $1::text, now())`,
      [id],
    );
    const auditBefore = await t.db.query(
      `SELECT id, actor_id::text AS actor_id, action FROM audit_log WHERE actor_id = $1 ORDER BY id`,
      [id],
    );
    const nightsTaken = async () =>
      (
        await t.db.query<{ n: number }>(
          `SELECT sum(taken)::int AS n FROM station_nights WHERE room_type_id = $1 AND night IN ('2026-12-05', '2026-12-06')`,
          [s.twin],
        )
      )[0].n;
    const takenBefore = await nightsTaken();

    const unconfirmed = await call('DELETE', '/me', s.token, {});
    expect([unconfirmed.statusCode, unconfirmed.json().code]).toEqual([400, 'VALIDATION_FAILED']);

    const res = await call('DELETE', '/me', s.token, { confirm: '注销账号' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      deleted: true,
      released: { nightSchool: 1, station: 1, childcare: 1, volunteer: 1 },
    });

    // seats went to whoever waited, as on a cancellation
    const nsWaiter = await call('GET', '/night-school/me', s.nsWaiter);
    expect(JSON.stringify(nsWaiter.json())).toContain('"status":"offered"');
    const family = await t.db.query<{ status: string }>(
      `SELECT status FROM cc_enrollments WHERE parent_id = $1`,
      [s.family.userId],
    );
    expect(family.map((r) => r.status)).toEqual(['offered']);
    expect(await nightsTaken()).toBe(takenBefore - 2);
    const [shift] = await t.db.query<{ filled: number }>(
      `SELECT filled FROM volunteer_shifts WHERE id = $1`,
      [s.shiftId],
    );
    expect(shift.filled).toBe(0);
    const [booking] = await t.db.query<{ status: string }>(
      `SELECT status FROM station_bookings WHERE id = $1`,
      [s.bookingId],
    );
    expect(booking.status).toBe('cancelled');

    // personal data gone; the row stays for the append-only records that point at it
    const [row] = await t.db.query(
      `SELECT openid, name, phone, phone_masked, id_number_hmac, id_number_masked, birth_date, deleted_at FROM users WHERE id = $1`,
      [id],
    );
    expect(row).toMatchObject({
      openid: `deleted:${id}`,
      name: null,
      phone: null,
      phone_masked: null,
      id_number_hmac: null,
      id_number_masked: null,
      birth_date: null,
    });
    expect(row.deleted_at).not.toBeNull();
    expect(await t.db.query(`SELECT 1 FROM children WHERE parent_id = $1`, [id])).toEqual([]);
    expect(
      await t.db.query(`SELECT 1 FROM child_guardians WHERE child_id = $1`, [s.childId]),
    ).toEqual([]);
    expect(await t.db.query(`SELECT 1 FROM messages WHERE user_id = $1`, [id])).toEqual([]);
    // audit entries kept, untouched, plus one for the deletion itself
    const auditAfter = await t.db.query(
      `SELECT id, actor_id::text AS actor_id, action FROM audit_log WHERE actor_id = $1 ORDER BY id`,
      [id],
    );
    expect(auditAfter.slice(0, auditBefore.length)).toEqual(auditBefore);
    expect(auditAfter.map((a) => a.action)).toContain('account.delete');

    // the old token is dead; the same WeChat account starts afresh; the ID number binds again
    expect((await call('GET', '/me', s.token)).statusCode).toBe(401);
    const again = await login(t.app, 'del-owner');
    expect(await userId('del-owner')).not.toBe(id);
    expect(
      (await call('PUT', '/me', again, { name: '林晓', idNumber: IDS.adultMale2 })).statusCode,
    ).toBe(200);
  });

  it('is one transaction: a failure at the last step leaves every seat and every record as it was', async () => {
    const s = await residentWithSeats('del-atomic', IDS.adultFemaleX, IDS.childGirl2015);
    const id = (await userId('del-atomic'))!;
    // make the final scrub of the users row fail, after every seat was released
    await t.db.exec(`
      CREATE FUNCTION test_refuse_scrub() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.deleted_at IS NOT NULL AND OLD.openid = 'dev:del-atomic' THEN RAISE EXCEPTION 'refused for the test'; END IF; RETURN NEW; END; $$;
      CREATE TRIGGER test_refuse_scrub BEFORE UPDATE ON users FOR EACH ROW EXECUTE FUNCTION test_refuse_scrub();`);
    try {
      expect((await call('DELETE', '/me', s.token, { confirm: '注销账号' })).statusCode).toBe(500);
    } finally {
      await t.db.exec(
        `DROP TRIGGER test_refuse_scrub ON users; DROP FUNCTION test_refuse_scrub();`,
      );
    }
    const [a] = await t.db.query<{ status: string }>(
      `SELECT status FROM ns_applications WHERE user_id = $1`,
      [id],
    );
    expect(a.status).toBe('confirmed');
    const [b] = await t.db.query<{ status: string }>(
      `SELECT status FROM station_bookings WHERE id = $1`,
      [s.bookingId],
    );
    expect(b.status).toBe('requested');
    expect((await t.db.query(`SELECT 1 FROM children WHERE parent_id = $1`, [id])).length).toBe(1);
    expect((await call('GET', '/me', s.token)).statusCode).toBe(200);
  });

  it('refuses while the resident is checked in at a station, and for staff accounts', async () => {
    const token = await login(t.app, 'del-staying');
    const id = (await userId('del-staying'))!;
    await t.db.query(
      `UPDATE users SET name = '住客', birth_date = '2000-05-01', gender = 'male' WHERE id = $1`,
      [id],
    );
    const ids = await stationIds(t);
    const stay = await book(t, token, ids.a, {
      roomTypeId: await roomTypeId(t, ids.a, 'twin'),
      checkIn: '2026-12-03',
      nights: 1,
    });
    await t.db.query(`UPDATE station_bookings SET status = 'checked_in' WHERE id = $1`, [
      stay.json().id,
    ]);
    const res = await call('DELETE', '/me', token, { confirm: '注销账号' });
    expect([res.statusCode, res.json().code]).toEqual([409, 'ACCOUNT_STAY_IN_PROGRESS']);
    expect(res.json().message).toMatch(/退房/);

    const staff = await login(t.app, 'del-staff', 'organizer');
    const refused = await call('DELETE', '/me', staff, { confirm: '注销账号' });
    expect([refused.statusCode, refused.json().code]).toEqual([403, 'ACCOUNT_STAFF_ROLE']);
  });
});
