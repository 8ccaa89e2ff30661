// Staff check a guest in on the first night between 14:00 and 22:00 (Shanghai). At 22:00 the
// window has closed: the scan is refused with 409 CHECKIN_WINDOW_CLOSED and the booking stays
// approved (the no-show job takes it from there).
import { DB_KIND, makeApp, testClock, type TestApp } from '../helper';
import { book, get, post, resident, roomTypeId, stationIds, staffOf } from './station-helper';

describe(`station check-in closes at 22:00 (${DB_KIND})`, () => {
  const clock = testClock('2026-07-30T10:00:00+08:00');
  let t: TestApp;
  let station: string;
  let twin: string;
  let staff: string;
  beforeAll(async () => {
    t = await makeApp({ now: clock.now });
    await t.app.jobs.runJob('station-inventory');
    station = (await stationIds(t)).a;
    twin = await roomTypeId(t, station, 'twin');
    staff = await staffOf(t, 'window-staff', station);
  });
  afterAll(async () => t.close());

  async function approvedGuestCode(openid: string): Promise<{ code: string; bookingId: string }> {
    clock.set('2026-07-30T10:00:00+08:00');
    const guest = await resident(t, openid);
    const bookingId = (
      await book(t, guest, station, { roomTypeId: twin, checkIn: '2026-07-30', nights: 2 })
    ).json().id;
    expect((await post(t, staff, `/bookings/${bookingId}/approve`)).statusCode).toBe(200);
    return { code: (await get(t, guest, '/me')).json().code, bookingId };
  }

  it('checks a guest in at 21:59', async () => {
    const { code, bookingId } = await approvedGuestCode('window-1');
    clock.set('2026-07-30T21:59:00+08:00');
    expect((await post(t, staff, '/scan/check-in', { code })).json()).toMatchObject({
      id: bookingId,
      status: 'checked_in',
    });
  });

  it('refuses a scan at 22:00 with 409 CHECKIN_WINDOW_CLOSED, and the booking stays approved', async () => {
    const { code, bookingId } = await approvedGuestCode('window-2');
    clock.set('2026-07-30T22:00:00+08:00');
    const res = await post(t, staff, '/scan/check-in', { code });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({
      code: 'CHECKIN_WINDOW_CLOSED',
      message: '只能在入住当天（2026-07-30）14:00–22:00办理入住',
    });
    const [row] = await t.db.query<{ status: string }>(
      'SELECT status FROM station_bookings WHERE id = $1',
      [bookingId],
    );
    expect(row!.status).toBe('approved');
  });
});
