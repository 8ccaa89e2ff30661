// 人工核验 requests: a resident's own ID number refused because another account holds it. The
// resident hears only the generic refusal (no oracle); admins see these rows to follow up.
import type { Queryable } from '../../db/db';

export interface IdVerificationRow {
  id: string;
  created_at: Date | string;
  id_number_masked: string;
  user_id: string;
  user_name: string | null;
  user_phone_masked: string | null;
  bound_user_id: string | null;
  bound_name: string | null;
  bound_phone_masked: string | null;
}

/** One request per resident and number: retrying the same number does not add rows. */
export async function recordIdVerificationRequest(
  db: Queryable,
  r: { userId: string; idNumberHmac: string; idNumberMasked: string; now: Date },
): Promise<void> {
  await db.query(
    `INSERT INTO id_verification_requests (user_id, id_number_hmac, id_number_masked, bound_user_id, created_at)
     VALUES ($1, $2, $3, (SELECT id FROM users WHERE id_number_hmac = $2), $4)
     ON CONFLICT (user_id, id_number_hmac) DO NOTHING`,
    [r.userId, r.idNumberHmac, r.idNumberMasked, r.now],
  );
}

export async function listIdVerificationRequests(
  db: Queryable,
  limit = 200,
): Promise<IdVerificationRow[]> {
  return db.query<IdVerificationRow>(
    `SELECT r.id::text AS id, r.created_at, r.id_number_masked,
            u.id::text AS user_id, u.name AS user_name, u.phone_masked AS user_phone_masked,
            b.id::text AS bound_user_id, b.name AS bound_name, b.phone_masked AS bound_phone_masked
     FROM id_verification_requests r
     JOIN users u ON u.id = r.user_id
     LEFT JOIN users b ON b.id = r.bound_user_id
     ORDER BY r.created_at DESC, r.id DESC LIMIT $1`,
    [limit],
  );
}
