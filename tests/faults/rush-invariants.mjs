// What must hold in the database after a rush, whatever failed during it: the capacity sold and no
// more, the seat counter equal to the rows, one enrollment per parent and no child twice, every 201
// a parent saw stored with the status they were told, and a waitlist 1..N without gaps.
import assert from 'node:assert/strict';
import pg from 'pg';

/** `answers`: the 201 bodies the parents were shown, one per parent. */
export async function assertRushInvariants(dbUrl, classId, { capacity, answers }) {
  const db = new pg.Client({ connectionString: dbUrl });
  await db.connect();
  try {
    const { rows } = await db.query(
      'SELECT id::text AS id, parent_id::text AS parent_id, child_id::text AS child_id, status, waitlist_no FROM cc_enrollments WHERE class_id = $1',
      [classId],
    );
    const byId = new Map(rows.map((r) => [r.id, r]));
    const enrolled = rows.filter((r) => r.status === 'enrolled');
    assert.equal(
      enrolled.length,
      Math.min(capacity, answers.length),
      'sold exactly the capacity, never more',
    );
    const [{ taken }] = (await db.query('SELECT taken FROM cc_classes WHERE id = $1', [classId]))
      .rows;
    assert.equal(Number(taken), enrolled.length, 'the seat counter agrees with the rows');
    assert.equal(new Set(rows.map((r) => r.child_id)).size, rows.length, 'no child twice');
    assert.equal(
      rows.length,
      answers.length,
      'one enrollment per parent, nothing lost, nothing doubled',
    );
    assert.equal(
      new Set(rows.map((r) => r.parent_id)).size,
      answers.length,
      'every parent has exactly one',
    );
    for (const body of answers) {
      for (const id of body.enrollmentIds)
        assert.equal(byId.get(id)?.status, body.status, `enrollment ${id} as the parent was told`);
    }
    const numbers = rows
      .filter((r) => r.status === 'waitlisted')
      .map((r) => Number(r.waitlist_no))
      .sort((x, y) => x - y);
    assert.deepEqual(
      numbers,
      numbers.map((_, i) => i + 1),
      'waitlist 1..N without gaps',
    );
  } finally {
    await db.end();
  }
}
