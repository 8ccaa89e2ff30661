// The 爱心暑托班 enroll rush on `classes` classes of one period, the seats split evenly between
// them, each parent tapping for one class (one class: every parent on it; more: each parent's class
// at random, the reference's parent on the same class as the product's). What a scenario gives
// bench/rush: the world of one product run and one reference run, the request of each tap, what
// counts as a seat sold, and the check of the database afterwards.
import { randomBytes } from 'node:crypto';
import { makeParents, openClasses } from '../rush-world.mjs';

/** `name` and `classes`: the seats of the run (world.seats) split over that many classes. */
export function childcareEnroll({ name, classes }) {
  const capacityOf = (seats) => Math.max(1, Math.round(seats / classes));
  return {
    name,
    describe: (w) =>
      classes === 1
        ? `one class of ${w.seats} seats`
        : `${classes} classes of ${capacityOf(w.seats)} seats (one period), each parent on one of them at random`,
    /** The product's statement, counted in pg_stat_user_functions: one call = one round trip. */
    statement: 'cc_enroll_batch',

    async product(w) {
      const capacity = capacityOf(w.seats);
      const classIds = await openClasses(w.product.base, w.url, classes, capacity);
      const parents = await makeParents(w.url, w.parents, classes === 1 ? classIds[0] : classIds);
      const keys = parents.map((_, i) => `rush-${i}-${randomBytes(4).toString('hex')}`);
      return {
        path: '/api/v1/childcare/enrollments',
        request: (i) => ({
          headers: {
            'content-type': 'application/json',
            authorization: `Bearer ${parents[i].token}`,
            'x-forwarded-for': w.natAddress(i),
            'idempotency-key': keys[i],
          },
          body: parents[i].body,
        }),
        seated: (a) => a.status === 201 && JSON.parse(a.body).status === 'enrolled',
        check: (answers) => enrollInvariants(w.db, classIds, parents, answers),
      };
    },

    async bare(w) {
      const capacity = capacityOf(w.seats);
      const { rows } = await w.db.query(
        'INSERT INTO bench_bare_classes (capacity) SELECT $1 FROM generate_series(1, $2) RETURNING id::text AS id',
        [capacity, classes],
      );
      const ids = rows.map((r) => r.id);
      // each parent on a class at random, as the product's parents
      const pick = Array.from(
        { length: w.parents },
        () => ids[Math.floor(Math.random() * classes)],
      );
      return {
        path: '/seat',
        request: (i) => ({
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ classId: pick[i], parentId: i + 1 }),
        }),
        seated: (a) => a.status === 201,
        check: async () => {
          const { rows: cs } = await w.db.query(
            `SELECT c.id::text AS id, c.capacity, c.taken,
                    (SELECT count(*)::int FROM bench_bare_seats s WHERE s.class_id = c.id) AS n
               FROM bench_bare_classes c WHERE c.id = ANY ($1::bigint[])`,
            [ids],
          );
          const asked = countBy(pick);
          const ok = cs.every(
            (c) => c.taken === c.n && c.n === Math.min(c.capacity, asked.get(c.id) ?? 0),
          );
          return { ok, sold: cs.reduce((s, c) => s + c.n, 0) };
        },
      };
    },
  };
}

function countBy(xs) {
  const m = new Map();
  for (const x of xs) m.set(x, (m.get(x) ?? 0) + 1);
  return m;
}

/**
 * What the database holds after a product run, against what the parents were told: per class,
 * sold = min(capacity, parents who asked) and the counter agrees, waitlist 1..N without gaps; no
 * child twice, every 201's rows with the status told, both taps of a parent answered alike.
 */
async function enrollInvariants(db, classIds, parents, answers) {
  const { rows } = await db.query(
    `SELECT id::text AS id, class_id::text AS class_id, child_id::text AS child_id, status, waitlist_no
       FROM cc_enrollments WHERE class_id = ANY ($1::bigint[])`,
    [classIds],
  );
  const { rows: classes } = await db.query(
    'SELECT id::text AS id, capacity, taken FROM cc_classes WHERE id = ANY ($1::bigint[])',
    [classIds],
  );
  const byId = new Map(rows.map((r) => [r.id, r]));
  let lost = 0;
  let twoAnswers = 0;
  parents.forEach((_, i) => {
    const taps = [answers[2 * i], answers[2 * i + 1]].filter((a) => a && a.status === 201);
    if (taps.length === 2 && taps[0].body !== taps[1].body) twoAnswers++;
    for (const a of taps) {
      const body = JSON.parse(a.body);
      for (const id of body.enrollmentIds) if (byId.get(id)?.status !== body.status) lost++;
    }
  });
  const asked = countBy(parents.map((p) => String(p.classId)));
  let gaps = 0;
  let miscounted = 0;
  for (const c of classes) {
    const mine = rows.filter((r) => r.class_id === c.id);
    const sold = mine.filter((r) => r.status === 'enrolled').length;
    if (sold !== Math.min(c.capacity, asked.get(c.id) ?? 0) || c.taken !== sold) miscounted++;
    const numbers = mine
      .filter((r) => r.status === 'waitlisted')
      .map((r) => r.waitlist_no)
      .sort((x, y) => x - y);
    gaps += numbers.filter((n, k) => n !== k + 1).length;
  }
  const sold = rows.filter((r) => r.status === 'enrolled').length;
  const duplicates = rows.length - new Set(rows.map((r) => r.child_id)).size;
  const ok =
    rows.length === parents.length && miscounted + gaps + duplicates + lost + twoAnswers === 0;
  return { ok, sold, miscounted, gaps, duplicates, lost, twoAnswers };
}
