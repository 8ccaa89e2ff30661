// Story helpers for the talent-station API tests: residents with a real-name profile, staff of
// one station, and the invariant checks read straight from the database.
import { bearer, login, loginStaff, type TestApp } from '../helper';

export const STATION_A = '青年人才驿站·漕河泾合作酒店';
export const STATION_B = '青年人才驿站·半马苏河合作公寓';

export async function stationIds(t: TestApp): Promise<{ a: string; b: string }> {
  const rows = await t.db.query<{ id: string; name: string }>(
    `SELECT id::text AS id, name FROM organizations WHERE kind = 'station'`,
  );
  return {
    a: rows.find((r) => r.name === STATION_A)!.id,
    b: rows.find((r) => r.name === STATION_B)!.id,
  };
}

export async function roomTypeId(t: TestApp, stationId: string, code: string): Promise<string> {
  const [row] = await t.db.query<{ id: string }>(
    `SELECT id::text AS id FROM station_room_types WHERE station_id = $1 AND code = $2`,
    [stationId, code],
  );
  return row.id;
}

/**
 * A resident with a real-name profile. The profile's birth date and gender come from the ID
 * number in the product (PUT /me); here they are written directly so hundreds of racers are cheap.
 */
export async function resident(
  t: TestApp,
  openid: string,
  birthDate = '2000-05-01',
  gender: 'male' | 'female' = 'male',
): Promise<string> {
  const token = await login(t.app, openid);
  await t.db.query(
    `UPDATE users SET name = $2, birth_date = $3::date, gender = $4, phone = '13800138000', phone_masked = '138****8000' WHERE openid = 'dev:' || $1`,
    [openid, `青年${openid.slice(-4)}`, birthDate, gender],
  );
  return token;
}

export async function residents(
  t: TestApp,
  prefix: string,
  n: number,
  gender: 'male' | 'female' = 'male',
): Promise<string[]> {
  const tokens: string[] = [];
  for (let i = 0; i < n; i++) tokens.push(await login(t.app, `${prefix}-${i}`));
  await t.db.query(
    `UPDATE users SET name = '青年' || right(openid, 4), birth_date = '2000-05-01', gender = $2 WHERE openid LIKE 'dev:' || $1`,
    [`${prefix}-%`, gender],
  );
  return tokens;
}

export const staffOf = (t: TestApp, openid: string, stationId: string) =>
  loginStaff(t, openid, [stationId]);

export function book(
  t: TestApp,
  token: string,
  stationId: string,
  body: Record<string, unknown>,
  headers: Record<string, string> = {},
) {
  return t.app.inject({
    method: 'POST',
    url: `/api/v1/stations/${stationId}/bookings`,
    headers: { ...bearer(token), ...headers },
    payload: { declaredStatus: 'job_seeking', noLocalHome: true, ...body },
  });
}

export const post = (t: TestApp, token: string, url: string, payload?: object) =>
  t.app.inject({
    method: 'POST',
    url: `/api/v1/stations${url}`,
    headers: bearer(token),
    ...(payload ? { payload } : {}),
  });

export const get = (t: TestApp, token: string | null, url: string) =>
  t.app.inject({
    method: 'GET',
    url: `/api/v1/stations${url}`,
    headers: token ? bearer(token) : {},
  });

/**
 * The invariants, from the database: no night over its beds, every night's `taken` equals the
 * holds on it, every allowance equals the nights its person holds in stays starting in its window
 * (a stay is charged to the window its first night falls in), so does its count of stays, and no
 * two active stays of one person share a night.
 */
export async function invariantViolations(t: TestApp): Promise<unknown[]> {
  const oversold = await t.db.query(`SELECT * FROM station_nights WHERE taken > beds OR taken < 0`);
  const drift = await t.db.query(
    `SELECT n.room_type_id, n.night, n.taken, count(bn.booking_id)::int AS held
     FROM station_nights n LEFT JOIN station_booking_nights bn ON bn.room_type_id = n.room_type_id AND bn.night = n.night
     GROUP BY n.room_type_id, n.night, n.taken HAVING n.taken <> count(bn.booking_id)`,
  );
  // The nights charged in the current window: a window starts at the check-in that opened it, but a
  // booking charged after a cancellation emptied the counter may check in before that day; stays
  // from a window that ended (12 months earlier) are not counted.
  const allowance = await t.db.query(
    `SELECT a.user_id, a.nights_used, (SELECT count(*)::int FROM station_booking_nights bn JOIN station_bookings b ON b.id = bn.booking_id
                                       WHERE b.user_id = a.user_id AND b.check_in > a.window_start - interval '12 months') AS held
     FROM station_allowances a
     WHERE a.nights_used <> (SELECT count(*) FROM station_booking_nights bn JOIN station_bookings b ON b.id = bn.booking_id
                             WHERE b.user_id = a.user_id AND b.check_in > a.window_start - interval '12 months')`,
  );
  // and as many stays as hold nights in that window
  const stays = await t.db.query(
    `SELECT a.user_id, a.stays_used FROM station_allowances a
     WHERE a.stays_used <> (SELECT count(*) FROM station_bookings b
                            WHERE b.user_id = a.user_id AND b.check_in > a.window_start - interval '12 months'
                              AND EXISTS (SELECT 1 FROM station_booking_nights bn WHERE bn.booking_id = b.id))`,
  );
  // two active stays of one person sharing a night
  const overlaps = await t.db.query(
    `SELECT x.user_id, x.id AS one, y.id AS other FROM station_bookings x JOIN station_bookings y
       ON y.user_id = x.user_id AND y.id > x.id AND y.check_in < x.check_out AND y.check_out > x.check_in
     WHERE x.status IN ('held', 'requested', 'approved', 'checked_in') AND y.status IN ('held', 'requested', 'approved', 'checked_in')`,
  );
  return [...oversold, ...drift, ...allowance, ...stays, ...overlaps];
}
