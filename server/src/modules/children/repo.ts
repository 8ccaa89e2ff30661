import type { Queryable } from '../../db/db';

export interface ChildRow {
  id: string;
  name: string;
  gender: 'male' | 'female';
  birth_date: string;
  id_number_masked: string;
  school: string | null;
  grade: string | null;
  created_at: Date | string;
}

const COLUMNS = `c.id::text AS id, c.name, c.gender, c.birth_date, c.id_number_masked, c.school, c.grade, c.created_at`;

/**
 * SQL condition "account $n may act for child c": its first parent, or an account the first parent
 * approved as a guardian. Every query that reads or changes a child goes through it.
 */
export const linkedTo = (param: string, child = 'c') =>
  `(${child}.parent_id = ${param} OR EXISTS (SELECT 1 FROM child_accounts ca WHERE ca.child_id = ${child}.id AND ca.user_id = ${param}))`;

export async function listChildren(db: Queryable, userId: string): Promise<ChildRow[]> {
  return db.query<ChildRow>(
    `SELECT ${COLUMNS} FROM children c WHERE ${linkedTo('$1')} ORDER BY c.id`,
    [userId],
  );
}

export interface NewChild {
  parentId: string;
  name: string;
  gender: 'male' | 'female';
  birthDate: string;
  idNumberHmac: string;
  idNumberMasked: string;
  school: string | null;
  grade: string | null;
}

/** Returns null when a child with that ID number already exists (in any family). */
export async function insertChild(db: Queryable, c: NewChild): Promise<ChildRow | null> {
  const rows = await db.query<ChildRow>(
    `INSERT INTO children AS c (parent_id, name, gender, birth_date, id_number_hmac, id_number_masked, school, grade)
     VALUES ($1, $2, $3, $4::date, $5, $6, $7, $8)
     ON CONFLICT (id_number_hmac) DO NOTHING
     RETURNING ${COLUMNS}`,
    [
      c.parentId,
      c.name,
      c.gender,
      c.birthDate,
      c.idNumberHmac,
      c.idNumberMasked,
      c.school,
      c.grade,
    ],
  );
  return rows[0] ?? null;
}

/** The child holding an ID number, and whether `userId` is already linked to it. */
export async function findByHmac(db: Queryable, hmac: string, userId: string) {
  const [row] = await db.query<{ id: string; linked: boolean }>(
    `SELECT c.id::text AS id, ${linkedTo('$2')} AS linked FROM children c WHERE c.id_number_hmac = $1`,
    [hmac, userId],
  );
  return row ?? null;
}

/** The first parent deletes the child (and every link to it); a guardian account only unlinks itself. */
export async function removeChildFor(db: Queryable, userId: string, id: string): Promise<boolean> {
  const owned = await db.query(
    `DELETE FROM children WHERE id = $1 AND parent_id = $2 RETURNING id`,
    [id, userId],
  );
  if (owned.length > 0) return true;
  const linked = await db.query(
    `DELETE FROM child_accounts WHERE child_id = $1 AND user_id = $2 RETURNING 1`,
    [id, userId],
  );
  return linked.length > 0;
}

// ---- guardian requests

/**
 * Files a request unless one from this account is already waiting or was refused (the first parent
 * has answered; asking again would only pester them). Returns the owner to notify, or null.
 */
export async function fileRequest(
  db: Queryable,
  childId: string,
  requesterId: string,
  statedName: string,
  at: Date,
) {
  const [row] = await db.query<{ owner_id: string; child_name: string }>(
    `INSERT INTO child_guardian_requests (child_id, requester_id, stated_name, created_at)
     SELECT $1, $2, $3, $4 WHERE NOT EXISTS (
       SELECT 1 FROM child_guardian_requests r WHERE r.child_id = $1 AND r.requester_id = $2 AND r.status IN ('pending', 'refused'))
     ON CONFLICT (child_id, requester_id) WHERE status = 'pending' DO NOTHING
     RETURNING (SELECT parent_id::text FROM children WHERE id = $1) AS owner_id, (SELECT name FROM children WHERE id = $1) AS child_name`,
    [childId, requesterId, statedName, at.toISOString()],
  );
  return row ?? null;
}

export interface RequestRow {
  id: string;
  child_id: string;
  child_name: string;
  stated_name: string;
  requester_id: string;
  requester_name: string | null;
  requester_phone_masked: string | null;
  status: 'pending' | 'approved' | 'refused';
  created_at: Date | string;
}
const REQUEST_SELECT = `SELECT r.id::text AS id, r.child_id::text AS child_id, c.name AS child_name, r.stated_name,
    r.requester_id::text AS requester_id, u.name AS requester_name, u.phone_masked AS requester_phone_masked, r.status, r.created_at
  FROM child_guardian_requests r JOIN children c ON c.id = r.child_id JOIN users u ON u.id = r.requester_id`;

/** Requests waiting for this account, as the first parent of the child. */
export const pendingRequestsFor = (db: Queryable, ownerId: string) =>
  db.query<RequestRow>(
    `${REQUEST_SELECT} WHERE c.parent_id = $1 AND r.status = 'pending' ORDER BY r.id`,
    [ownerId],
  );

/** One request to the child's first parent, locked for the decision; null for anyone else. */
export async function requestForOwner(
  db: Queryable,
  ownerId: string,
  id: string,
): Promise<RequestRow | null> {
  const [row] = await db.query<RequestRow>(
    `${REQUEST_SELECT} WHERE r.id = $1 AND c.parent_id = $2 FOR UPDATE OF r`,
    [id, ownerId],
  );
  return row ?? null;
}

export async function decideRequest(
  db: Queryable,
  id: string,
  status: 'approved' | 'refused',
  at: Date,
): Promise<void> {
  await db.query(`UPDATE child_guardian_requests SET status = $2, decided_at = $3 WHERE id = $1`, [
    id,
    status,
    at.toISOString(),
  ]);
}

export async function linkAccount(db: Queryable, childId: string, userId: string): Promise<void> {
  await db.query(
    `INSERT INTO child_accounts (child_id, user_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`,
    [childId, userId],
  );
}
