// The 青年驿站 last beds (RUSH_SCENARIO=station): in place of the childcare enroll, against the
// same bare reference as `hot` (one row of `seats`), with the same client, load and rounds. Per
// run: a fresh station with one room type of `seats` beds on one night three days ahead, and fresh
// residents of age, made straight in SQL; each taps POST /api/v1/stations/:id/bookings for that
// one night twice at once with one Idempotency-Key. Afterwards the database is checked against
// what the residents were told.
import { randomBytes } from 'node:crypto';
import { jwt } from '../rush-world.mjs';
import hot from './hot.mjs';

export default {
  name: 'station',
  /** How the product's rows are named in the output. */
  label: 'book',
  describe: (w) =>
    `POST /api/v1/stations/:id/bookings, one room type of ${w.seats} beds, one night (a bed is a 待审核 request at once), residents of age`,
  /** The product's one statement per batch (pg_stat_user_functions counts its calls). */
  statement: 'st_book_batch',
  bare: hot.bare,

  /** One run's world: the station, its beds and the residents, and how to tap and to check. */
  async product(w) {
    const { db, parents: n, seats } = w;
    const tag = randomBytes(3).toString('hex');
    const {
      rows: [room],
    } = await db.query(
      `WITH s AS (INSERT INTO organizations (kind, name, district, address)
                  VALUES ('station', '压测驿站' || $2, '徐汇区', '宜山路889号') RETURNING id),
       r AS (INSERT INTO station_room_types (station_id, code, name, beds)
             SELECT s.id, 'rush', '四人间', $1 FROM s RETURNING id, station_id),
       n AS (INSERT INTO station_nights (room_type_id, station_id, night, beds)
             SELECT r.id, r.station_id, (now() AT TIME ZONE 'Asia/Shanghai')::date + 3, $1 FROM r
             RETURNING room_type_id, station_id, night)
       SELECT room_type_id::text AS room, station_id::text AS station, night::text AS night FROM n`,
      [seats, tag],
    );
    const { rows } = await db.query(
      `INSERT INTO users (openid, role, name, birth_date, gender)
       SELECT 'st-rush-' || $2 || '-' || g, 'resident', '住客', '1998-05-01', 'male' FROM generate_series(1, $1::int) g
       RETURNING id::text AS id`,
      [n, tag],
    );
    const people = rows.map((r) => ({ id: r.id, token: jwt(r.id) }));
    const body = JSON.stringify({
      roomTypeId: room.room,
      checkIn: room.night,
      nights: 1,
      declaredStatus: 'job_seeking',
      noLocalHome: true,
    });
    return {
      path: `/api/v1/stations/${room.station}/bookings`,
      request: (i) => ({
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${people[i].token}`,
          'idempotency-key': `st-${tag}-${i}`,
          'x-forwarded-for': w.natAddress(i),
        },
        body,
      }),
      seated: (a) => a.status === 201,
      check: (answers) => invariants(db, room, people, answers),
    };
  },
};

/** Sold = beds = the night's counter, one booking per resident at most, every 201 in the database
 *  as told, both taps of a resident one answer (the refused both refused NIGHT_FULL). */
async function invariants(db, room, people, answers) {
  const { rows } = await db.query(
    `SELECT id::text AS id, user_id::text AS user_id, status FROM station_bookings WHERE room_type_id = $1`,
    [room.room],
  );
  const {
    rows: [night],
  } = await db.query('SELECT beds, taken FROM station_nights WHERE room_type_id = $1', [room.room]);
  const byId = new Map(rows.map((r) => [r.id, r]));
  let lost = 0;
  let twoAnswers = 0;
  let refusedOtherwise = 0;
  people.forEach((_, i) => {
    const taps = [answers[2 * i], answers[2 * i + 1]].filter(Boolean);
    if (
      taps.length === 2 &&
      (taps[0].status !== taps[1].status ||
        (taps[0].status === 201 && taps[0].body !== taps[1].body))
    )
      twoAnswers++;
    for (const a of taps) {
      if (a.status === 201) {
        const body = JSON.parse(a.body);
        if (byId.get(body.id)?.status !== body.status) lost++;
      } else if (a.status === 409 && JSON.parse(a.body).code !== 'NIGHT_FULL') refusedOtherwise++;
    }
  });
  const sold = rows.length;
  const duplicates = rows.length - new Set(rows.map((r) => r.user_id)).size;
  const ok =
    sold === night.beds &&
    night.taken === sold &&
    duplicates + lost + twoAnswers + refusedOtherwise === 0;
  return { ok, sold, refusedOtherwise, duplicates, lost, twoAnswers };
}
