import type { Queryable } from '../../db/db';
import type { AuditQuery } from '@/contract/admin';
import type { Role } from '@/contract/account';

export interface AdminUserRow {
  id: string;
  name: string | null;
  phone_masked: string | null;
  role: Role;
  org_ids: string[];
}

const USER_COLUMNS = `u.id::text AS id, u.name, u.phone_masked, u.role,
  COALESCE((SELECT array_agg(m.org_id::text ORDER BY m.org_id) FROM org_members m WHERE m.user_id = u.id), '{}'::text[]) AS org_ids`;

/** By name (contains) or the last four digits of the phone, which the masked form keeps. */
export async function searchUsers(db: Queryable, q: string): Promise<AdminUserRow[]> {
  return db.query<AdminUserRow>(
    `SELECT ${USER_COLUMNS} FROM users u
     WHERE u.name LIKE '%' || $1 || '%' OR ($1 ~ '^[0-9]{4}$' AND u.phone_masked LIKE '%' || $1)
     ORDER BY u.id LIMIT 20`,
    [q],
  );
}

export async function findUser(db: Queryable, id: string): Promise<AdminUserRow | null> {
  const rows = await db.query<AdminUserRow>(`SELECT ${USER_COLUMNS} FROM users u WHERE u.id = $1`, [
    id,
  ]);
  return rows[0] ?? null;
}

export async function findUserByOpenid(
  db: Queryable,
  openid: string,
): Promise<AdminUserRow | null> {
  const rows = await db.query<AdminUserRow>(
    `SELECT ${USER_COLUMNS} FROM users u WHERE u.openid = $1`,
    [openid],
  );
  return rows[0] ?? null;
}

export async function setRole(db: Queryable, id: string, role: Role): Promise<void> {
  await db.query('UPDATE users SET role = $2, updated_at = now() WHERE id = $1', [id, role]);
}

export async function countAdmins(db: Queryable): Promise<number> {
  const [row] = await db.query<{ n: number }>(
    "SELECT count(*)::int AS n FROM users WHERE role = 'admin'",
  );
  return row.n;
}

export async function findOrg(db: Queryable, id: string) {
  const rows = await db.query<{
    id: string;
    kind: 'committee' | 'station' | 'site' | 'team';
    name: string;
  }>('SELECT id::text AS id, kind, name FROM organizations WHERE id = $1', [id]);
  return rows[0] ?? null;
}

export async function listMembers(db: Queryable, orgId: string) {
  return db.query<{
    user_id: string;
    name: string | null;
    phone_masked: string | null;
    role: 'staff' | 'manager';
  }>(
    `SELECT m.user_id::text AS user_id, u.name, u.phone_masked, m.role
     FROM org_members m JOIN users u ON u.id = m.user_id WHERE m.org_id = $1 ORDER BY m.created_at, m.user_id`,
    [orgId],
  );
}

/** Adds or re-roles a member; returns the previous member role (null when new). */
export async function upsertMember(
  db: Queryable,
  orgId: string,
  userId: string,
  role: string,
): Promise<string | null> {
  const before = await db.query<{ role: string }>(
    'SELECT role FROM org_members WHERE org_id = $1 AND user_id = $2 FOR UPDATE',
    [orgId, userId],
  );
  await db.query(
    `INSERT INTO org_members (org_id, user_id, role) VALUES ($1, $2, $3)
     ON CONFLICT (user_id, org_id) DO UPDATE SET role = EXCLUDED.role`,
    [orgId, userId, role],
  );
  return before[0]?.role ?? null;
}

export async function deleteMember(
  db: Queryable,
  orgId: string,
  userId: string,
): Promise<string | null> {
  const rows = await db.query<{ role: string }>(
    'DELETE FROM org_members WHERE org_id = $1 AND user_id = $2 RETURNING role',
    [orgId, userId],
  );
  return rows[0]?.role ?? null;
}

export interface AuditRow {
  id: string;
  at: Date | string;
  actor_id: string | null;
  actor_name: string | null;
  actor_role: string;
  action: string;
  entity: string;
  entity_id: string | null;
  org_id: string | null;
  before: unknown;
  after: unknown;
}

export async function listAudit(db: Queryable, q: AuditQuery, limit: number): Promise<AuditRow[]> {
  return db.query<AuditRow>(
    `SELECT a.id::text AS id, a.at, a.actor_id::text AS actor_id, u.name AS actor_name, a.actor_role, a.action,
            a.entity, a.entity_id, a.org_id::text AS org_id, a.before, a.after
     FROM audit_log a LEFT JOIN users u ON u.id = a.actor_id
     WHERE ($1::bigint IS NULL OR a.actor_id = $1::bigint)
       AND ($2::text IS NULL OR a.entity = $2)
       AND ($3::text IS NULL OR a.action = $3)
       AND ($4::bigint IS NULL OR a.org_id = $4::bigint)
       AND ($5::timestamptz IS NULL OR a.at >= $5)
       AND ($6::timestamptz IS NULL OR a.at < $6)
       AND ($7::bigint IS NULL OR a.id < $7::bigint)
     ORDER BY a.id DESC LIMIT $8`,
    [
      q.actorId ?? null,
      q.entity ?? null,
      q.action ?? null,
      q.orgId ?? null,
      q.from ?? null,
      q.to ?? null,
      q.before ?? null,
      limit,
    ],
  );
}
