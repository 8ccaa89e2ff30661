// The volunteer shift sign-up rush (RUSH_SCENARIO=volunteer): in place of the childcare enroll,
// against the same bare reference as `hot` (one row of `seats`), with the same client, load and
// rounds. Per run: a fresh volunteer task with one shift tomorrow of `seats` places, and fresh
// volunteers made straight in SQL; each taps POST /api/v1/volunteer/shifts/:id/signups twice at
// once with one Idempotency-Key. A shift has no waitlist: after it fills every tap is refused
// SHIFT_FULL. Afterwards the database is checked against what the volunteers were told.
import { randomBytes } from 'node:crypto';
import { jwt } from '../rush-world.mjs';
import hot from './hot.mjs';

export default {
  name: 'volunteer',
  /** How the product's rows are named in the output. */
  label: 'signup',
  describe: (w) =>
    `POST /api/v1/volunteer/shifts/:id/signups, one shift of ${w.seats} places (refused SHIFT_FULL once full)`,
  /** The product's one statement per batch (pg_stat_user_functions counts its calls). */
  statement: 'vol_sign_up_batch',
  bare: hot.bare,

  /** One run's world: the shift and the volunteers, and how to tap and to check. */
  async product(w) {
    const { db, parents: n, seats } = w;
    const tag = randomBytes(3).toString('hex');
    const {
      rows: [{ id: shiftId }],
    } = await db.query(
      `WITH o AS (SELECT id FROM organizations WHERE kind = 'team' ORDER BY id LIMIT 1),
       p AS (INSERT INTO volunteer_projects (org_id, title) SELECT o.id, '压测巡河' || $2 FROM o RETURNING id)
       INSERT INTO volunteer_shifts (project_id, starts_at, ends_at, place, lat, lng, needed)
       SELECT p.id, now() + interval '1 day', now() + interval '1 day 2 hours', '长风公园4号门', 31.2236, 121.3935, $1 FROM p
       RETURNING id::text AS id`,
      [seats, tag],
    );
    const { rows } = await db.query(
      `INSERT INTO users (openid, role, name)
       SELECT 'vol-rush-' || $2 || '-' || g, 'resident', '志愿者' FROM generate_series(1, $1::int) g
       RETURNING id::text AS id`,
      [n, tag],
    );
    const people = rows.map((r) => ({ id: r.id, token: jwt(r.id) }));
    return {
      path: `/api/v1/volunteer/shifts/${shiftId}/signups`,
      request: (i) => ({
        headers: {
          authorization: `Bearer ${people[i].token}`,
          'idempotency-key': `vol-${tag}-${i}`,
          'x-forwarded-for': w.natAddress(i),
        },
      }),
      seated: (a) => a.status === 201,
      check: (answers) => invariants(db, shiftId, people, answers),
    };
  },
};

/** Signed up = places = the counter, one sign-up per volunteer, every 201 in the database, both
 *  taps of a volunteer one answer, every refusal SHIFT_FULL. */
async function invariants(db, shiftId, people, answers) {
  const { rows } = await db.query(
    `SELECT id::text AS id, user_id::text AS user_id FROM volunteer_signups WHERE shift_id = $1 AND status = 'active'`,
    [shiftId],
  );
  const {
    rows: [s],
  } = await db.query('SELECT needed, filled FROM volunteer_shifts WHERE id = $1', [shiftId]);
  const ids = new Set(rows.map((r) => r.id));
  let lost = 0;
  let twoAnswers = 0;
  let otherRefusals = 0;
  people.forEach((_, i) => {
    const taps = [answers[2 * i], answers[2 * i + 1]].filter(Boolean);
    if (taps.length === 2 && (taps[0].status !== taps[1].status || taps[0].body !== taps[1].body))
      twoAnswers++;
    for (const a of taps) {
      if (a.status === 201 && !ids.has(JSON.parse(a.body).id)) lost++;
      if (a.status === 409 && JSON.parse(a.body).code !== 'SHIFT_FULL') otherRefusals++;
    }
  });
  const sold = rows.length;
  const duplicates = rows.length - new Set(rows.map((r) => r.user_id)).size;
  const ok =
    sold === s.needed && s.filled === sold && duplicates + lost + twoAnswers + otherRefusals === 0;
  return { ok, sold, duplicates, lost, twoAnswers, otherRefusals };
}
