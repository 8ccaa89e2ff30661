// The 青年夜校 first-come apply rush (RUSH_SCENARIO=night-school): in place of the childcare
// enroll, against the same bare reference as `hot` (one row of `seats`), with the same client, load
// and rounds. Per run: a fresh first-come term open since a minute ago with one course of `seats`
// seats, and fresh residents of age, made straight in SQL; each taps
// POST /api/v1/night-school/applications twice at once with one Idempotency-Key. Afterwards the
// database is checked against what the residents were told.
import { randomBytes } from 'node:crypto';
import { jwt } from '../rush-world.mjs';
import hot from './hot.mjs';

export default {
  name: 'night-school',
  /** How the product's rows are named in the output. */
  label: 'apply',
  describe: (w) =>
    `POST /api/v1/night-school/applications, one first-come course of ${w.seats} seats (free: a seat is confirmed at once), residents of age`,
  /** The product's one statement per batch (pg_stat_user_functions counts its calls). */
  statement: 'ns_apply_batch',
  bare: hot.bare,

  /** One run's world: the course and the residents, and how to tap and to check. */
  async product(w) {
    const { db, parents: n, seats } = w;
    const tag = randomBytes(3).toString('hex');
    const {
      rows: [{ id: courseId }],
    } = await db.query(
      `WITH o AS (SELECT id FROM organizations WHERE kind = 'committee' ORDER BY id LIMIT 1),
       t AS (INSERT INTO ns_terms (org_id, name, allocation, opens_at, closes_at, seed, seed_hash)
             SELECT o.id, '压测夜校' || $2, 'first_come', now() - interval '1 minute', now() + interval '1 day', 'seed', 'hash' FROM o
             RETURNING id)
       INSERT INTO ns_courses (term_id, title, category, teacher, venue_name, venue_address, district, lat, lng,
                               weekday, start_time, end_time, start_date, sessions, capacity)
       SELECT t.id, '压测课', '手工', '沈老师', '徐汇青年活动中心', '漕溪北路336号', '徐汇区', 31.19, 121.44,
              2, '19:00', '20:30', current_date + 30, 8, $1 FROM t
       RETURNING id::text AS id`,
      [seats, tag],
    );
    const { rows } = await db.query(
      `INSERT INTO users (openid, role, name, birth_date, gender)
       SELECT 'ns-rush-' || $2 || '-' || g, 'resident', '学员', '1998-05-01', 'female' FROM generate_series(1, $1::int) g
       RETURNING id::text AS id`,
      [n, tag],
    );
    const people = rows.map((r) => ({ id: r.id, token: jwt(r.id) }));
    const body = JSON.stringify({ courseId });
    return {
      path: '/api/v1/night-school/applications',
      request: (i) => ({
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${people[i].token}`,
          'idempotency-key': `ns-${tag}-${i}`,
          'x-forwarded-for': w.natAddress(i),
        },
        body,
      }),
      seated: (a) => a.status === 201 && JSON.parse(a.body).status === 'confirmed',
      check: (answers) => invariants(db, courseId, people, answers),
    };
  },
};

/** Sold = capacity = the counter, one application per resident, every 201 in the database as told,
 *  both taps of a resident one answer, the waitlist places told 1..N without gaps. */
async function invariants(db, courseId, people, answers) {
  const { rows } = await db.query(
    `SELECT id::text AS id, user_id::text AS user_id, status FROM ns_applications WHERE course_id = $1`,
    [courseId],
  );
  const {
    rows: [c],
  } = await db.query('SELECT capacity, taken FROM ns_courses WHERE id = $1', [courseId]);
  const byId = new Map(rows.map((r) => [r.id, r]));
  let lost = 0;
  let twoAnswers = 0;
  const places = [];
  people.forEach((_, i) => {
    const taps = [answers[2 * i], answers[2 * i + 1]].filter((a) => a && a.status === 201);
    if (taps.length === 2 && taps[0].body !== taps[1].body) twoAnswers++;
    taps.forEach((a, k) => {
      const body = JSON.parse(a.body);
      if (byId.get(body.id)?.status !== body.status) lost++;
      if (k === 0 && body.status === 'waitlisted') places.push(body.waitPosition);
    });
  });
  const sold = rows.filter((r) => r.status === 'confirmed').length;
  const gaps = places.sort((x, y) => x - y).filter((p, k) => p !== k + 1).length;
  const duplicates = rows.length - new Set(rows.map((r) => r.user_id)).size;
  const ok =
    sold === c.capacity &&
    c.taken === sold &&
    rows.length === people.length &&
    gaps + duplicates + lost + twoAnswers === 0;
  return { ok, sold, gaps, duplicates, lost, twoAnswers };
}
