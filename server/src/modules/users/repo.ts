// SQL for users and their organization memberships (shared by auth and profile).
import type { Queryable } from '../../db/db';
import type { Role } from '@/contract/account';

export interface UserRow {
  id: string;
  openid: string;
  role: Role;
  name: string | null;
  phone_masked: string | null;
  id_number_masked: string | null;
  birth_date: string | null;
  gender: 'male' | 'female' | null;
  has_phone: boolean;
  /** The phone came from WeChat's 手机号快速验证, not typed by hand. */
  phone_verified: boolean;
  has_id_number: boolean;
  org_ids: string[];
  /** Bumped to revoke every token signed before (logout, role or membership change). */
  token_version: number;
}

// ids leave the database as text: the API carries them as strings.
const SELECT_USER = `
  SELECT u.id::text AS id, u.openid, u.role, u.name, u.phone_masked, u.id_number_masked,
         u.birth_date, u.gender, u.token_version,
         u.phone IS NOT NULL AS has_phone, u.phone_verified_at IS NOT NULL AS phone_verified,
         u.id_number_hmac IS NOT NULL AS has_id_number,
         COALESCE((SELECT array_agg(m.org_id::text ORDER BY m.org_id) FROM org_members m WHERE m.user_id = u.id),
                  '{}'::text[]) AS org_ids
  FROM users u`;

export async function findUserById(db: Queryable, id: string): Promise<UserRow | null> {
  // A deleted account is gone for sign-in: its old tokens answer 401.
  const rows = await db.query<UserRow>(`${SELECT_USER} WHERE u.id = $1 AND u.deleted_at IS NULL`, [
    id,
  ]);
  return rows[0] ?? null;
}

/** Creates the user on first login, returns it either way. Safe under concurrent first logins. */
export async function upsertUserByOpenid(
  db: Queryable,
  openid: string,
  role: Role = 'resident',
): Promise<string> {
  const rows = await db.query<{ id: string }>(
    `INSERT INTO users (openid, role) VALUES ($1, $2)
     ON CONFLICT (openid) DO UPDATE SET openid = EXCLUDED.openid
     RETURNING id::text AS id`,
    [openid, role],
  );
  return rows[0].id;
}

export async function setUserRole(db: Queryable, id: string, role: Role): Promise<void> {
  await db.query('UPDATE users SET role = $2, updated_at = now() WHERE id = $1 AND role <> $2', [
    id,
    role,
  ]);
}

/** Revokes every token issued so far: call inside the transaction that changes what a token may do. */
export async function revokeSessions(db: Queryable, id: string): Promise<void> {
  await db.query('UPDATE users SET token_version = token_version + 1 WHERE id = $1', [id]);
}

export async function findCommitteeId(db: Queryable, name: string): Promise<string | null> {
  const rows = await db.query<{ id: string }>(
    `SELECT id::text AS id FROM organizations WHERE kind = 'committee' AND name = $1`,
    [name],
  );
  return rows[0]?.id ?? null;
}

export async function ensureCommittee(
  db: Queryable,
  name: string,
  district: string,
): Promise<string> {
  await db.query(
    `INSERT INTO organizations (kind, name, district) VALUES ('committee', $1, $2) ON CONFLICT (kind, name) DO NOTHING`,
    [name, district],
  );
  return (await findCommitteeId(db, name))!;
}

export async function findOrgIdsByKind(db: Queryable, kind: string): Promise<string[]> {
  const rows = await db.query<{ id: string }>(
    'SELECT id::text AS id FROM organizations WHERE kind = $1 ORDER BY id',
    [kind],
  );
  return rows.map((r) => r.id);
}

export async function addOrgMember(db: Queryable, userId: string, orgId: string): Promise<void> {
  await db.query(
    `INSERT INTO org_members (user_id, org_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`,
    [userId, orgId],
  );
}

export interface ProfilePatch {
  name?: string;
  phone?: string;
  phoneMasked?: string;
  /** Set with a new phone: when WeChat verified it, or null for a number typed by hand. */
  phoneVerifiedAt?: Date | null;
  idNumberHmac?: string;
  idNumberMasked?: string;
  birthDate?: string;
  gender?: 'male' | 'female';
}

export async function updateProfile(db: Queryable, id: string, p: ProfilePatch): Promise<void> {
  await db.query(
    `UPDATE users SET
       name = COALESCE($2, name),
       phone = COALESCE($3, phone),
       phone_masked = COALESCE($4, phone_masked),
       id_number_hmac = COALESCE($5, id_number_hmac),
       id_number_masked = COALESCE($6, id_number_masked),
       birth_date = COALESCE($7::date, birth_date),
       gender = COALESCE($8, gender),
       phone_verified_at = CASE WHEN $9::boolean THEN $10::timestamptz ELSE phone_verified_at END,
       updated_at = now()
     WHERE id = $1`,
    [
      id,
      p.name ?? null,
      p.phone ?? null,
      p.phoneMasked ?? null,
      p.idNumberHmac ?? null,
      p.idNumberMasked ?? null,
      p.birthDate ?? null,
      p.gender ?? null,
      p.phoneVerifiedAt !== undefined,
      p.phoneVerifiedAt?.toISOString() ?? null,
    ],
  );
}
