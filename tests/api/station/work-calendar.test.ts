// The review deadline counts working days: Monday to Friday, less the public holidays and plus the
// 调休 make-up workdays the committee lists (PUT/DELETE /stations/calendar-days/:day). The dates
// below are test data, not an official notice.
import { bearer, login, makeApp, testClock, DB_KIND, type TestApp } from '../helper';
import { book, get, resident, roomTypeId, stationIds } from './station-helper';

describe(`station working-day calendar (${DB_KIND})`, () => {
  // Monday 2027-09-27
  const clock = testClock('2027-09-27T10:00:00+08:00');
  let t: TestApp;
  let ids: { a: string; b: string };
  let twinA: string;
  let admin: string;
  beforeAll(async () => {
    t = await makeApp({ now: clock.now });
    await t.app.jobs.runJob('station-inventory');
    ids = await stationIds(t);
    twinA = await roomTypeId(t, ids.a, 'twin');
    admin = await login(t.app, 'calendar-admin', 'admin');
  });
  afterAll(async () => t.close());

  const put = (who: string, day: string, payload: Record<string, unknown>) =>
    t.app.inject({
      method: 'PUT',
      url: `/api/v1/stations/calendar-days/${day}`,
      headers: bearer(who),
      payload,
    });
  const overdue = async () => {
    const res = await get(t, admin, '/overdue-reviews');
    expect(res.statusCode).toBe(200);
    return (res.json() as { items: { id: string; dueDay: string }[] }).items;
  };

  it('validates the day and its kind, in words', async () => {
    const bad = [
      ['2027-02-30', { kind: 'holiday' }, '不存在'],
      ['2027-10-2', { kind: 'holiday' }, ''],
      ['2027-10-01', { kind: 'weekend' }, ''],
      // Saturday: already off
      ['2027-10-02', { kind: 'holiday' }, '周一至周五'],
      // Friday: already worked
      ['2027-10-08', { kind: 'workday' }, '周六或周日'],
      ['2027-10-01', { kind: 'holiday', note: '国'.repeat(21) }, ''],
    ] as const;
    for (const [day, body, words] of bad) {
      const res = await put(admin, day, body);
      expect(res.statusCode).toBe(400);
      expect(res.json().code).toBe('VALIDATION_FAILED');
      expect(res.json().message).toContain(words);
    }
    expect((await get(t, admin, '/calendar-days')).json()).toEqual({ items: [] });
  });

  it('lists, changes and removes a day; the review deadline follows', async () => {
    // a holiday week Friday 10-01 to Thursday 10-07, and Saturday 10-09 worked in exchange
    for (const day of ['2027-10-01', '2027-10-04', '2027-10-05', '2027-10-06', '2027-10-07']) {
      const res = await put(admin, day, { kind: 'holiday', note: '国庆节' });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ day, kind: 'holiday', note: '国庆节' });
    }
    expect((await put(admin, '2027-10-09', { kind: 'workday', note: ' 调休 ' })).json()).toEqual({
      day: '2027-10-09',
      kind: 'workday',
      note: '调休',
    });
    // another year is not in this year's list
    expect((await put(admin, '2028-01-03', { kind: 'holiday' })).statusCode).toBe(200);
    const list = (await get(t, admin, '/calendar-days?year=2027')).json();
    expect(list.items.map((d: { day: string }) => d.day)).toEqual([
      '2027-10-01',
      '2027-10-04',
      '2027-10-05',
      '2027-10-06',
      '2027-10-07',
      '2027-10-09',
    ]);
    expect((await get(t, admin, '/calendar-days')).json().items).toHaveLength(7);

    // submitted Thursday 09-30: 3 working days are Friday 10-08, Saturday 10-09 (调休) and
    // Monday 10-11, where Monday to Friday alone would have said Tuesday 10-05
    clock.set('2027-09-30T10:00:00+08:00');
    const waiting = (
      await book(t, await resident(t, 'calendar-guest'), ids.a, {
        roomTypeId: twinA,
        checkIn: '2027-10-20',
        nights: 1,
      })
    ).json();
    expect(waiting.status).toBe('requested');
    clock.set('2027-10-06T09:00:00+08:00'); // in the holiday: not overdue
    expect(await overdue()).toEqual([]);
    clock.set('2027-10-11T23:00:00+08:00'); // the last day
    expect(await overdue()).toEqual([]);
    clock.set('2027-10-12T00:01:00+08:00');
    expect(await overdue()).toMatchObject([{ id: waiting.id, dueDay: '2027-10-11' }]);

    // without the 调休 Saturday the deadline moves to Tuesday 10-12
    const del = await t.app.inject({
      method: 'DELETE',
      url: '/api/v1/stations/calendar-days/2027-10-09',
      headers: bearer(admin),
    });
    expect(del.statusCode).toBe(204);
    expect(await overdue()).toEqual([]);
    // a holiday changed to nothing and back: PUT on a listed day replaces it
    expect((await put(admin, '2027-10-12', { kind: 'holiday', note: '补假' })).statusCode).toBe(
      200,
    );
    expect(
      (await put(admin, '2027-10-12', { kind: 'holiday', note: '另一个说法' })).json().note,
    ).toBe('另一个说法');
    clock.set('2027-10-13T00:01:00+08:00'); // 10-12 is off now: due Wednesday 10-13
    expect(await overdue()).toEqual([]);
    clock.set('2027-10-14T00:01:00+08:00');
    expect(await overdue()).toMatchObject([{ id: waiting.id, dueDay: '2027-10-13' }]);

    // deleting an unlisted day is a no-op
    const again = await t.app.inject({
      method: 'DELETE',
      url: '/api/v1/stations/calendar-days/2027-10-09',
      headers: bearer(admin),
    });
    expect(again.statusCode).toBe(204);
  });

  it('records every change in the audit log', async () => {
    const rows = await t.app.db.query<{ action: string; entity_id: string }>(
      `SELECT action, entity_id FROM audit_log WHERE entity = 'work_calendar_days' ORDER BY id`,
    );
    expect(rows.filter((r) => r.action === 'station.calendar.put')).toHaveLength(9);
    expect(rows.filter((r) => r.action === 'station.calendar.delete')).toEqual([
      { action: 'station.calendar.delete', entity_id: '2027-10-09' },
    ]);
  });

  it('is the committee’s: station staff and residents are refused', async () => {
    const guest = await resident(t, 'calendar-nosy');
    expect((await get(t, guest, '/calendar-days')).statusCode).toBe(403);
    expect((await put(guest, '2027-10-13', { kind: 'holiday' })).statusCode).toBe(403);
  });
});
