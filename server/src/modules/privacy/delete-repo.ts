// What account deletion removes or scrubs. The users row stays, emptied: audit entries, night-school
// attendance, the hours ledger and the childcare door log point at it and are append-only, so the
// person behind them becomes a number nobody can tie back to them.
import type { Queryable } from '../../db/db';
import { markOwnerFilesDeleted } from '../files/repo';

export async function lockUser(tx: Queryable, userId: string): Promise<{ role: string } | null> {
  const [row] = await tx.query<{ role: string }>(
    `SELECT role FROM users WHERE id = $1 AND deleted_at IS NULL FOR UPDATE`,
    [userId],
  );
  return row ?? null;
}

export async function hasStayInProgress(tx: Queryable, userId: string): Promise<boolean> {
  const rows = await tx.query(
    `SELECT 1 FROM station_bookings WHERE user_id = $1 AND status = 'checked_in'`,
    [userId],
  );
  return rows.length > 0;
}

/** Deletes and scrubs everything personal; run after every seat has been released. */
export async function scrubAccount(tx: Queryable, userId: string, now: Date): Promise<void> {
  const statements = [
    // children go with their guardians and (already released) enrollments, by cascade
    `DELETE FROM children WHERE parent_id = $1`,
    `DELETE FROM station_proofs WHERE user_id = $1`,
    `DELETE FROM station_allowances WHERE user_id = $1`,
    `DELETE FROM messages WHERE user_id = $1`,
    `DELETE FROM subscribe_grants WHERE user_id = $1`,
    `DELETE FROM idempotency_keys WHERE user_id = $1`,
    `DELETE FROM org_members WHERE user_id = $1`,
    `DELETE FROM volunteer_profiles WHERE user_id = $1`,
    // free text the person typed, on rows that stay for the services' records
    `UPDATE station_bookings SET proof_note = NULL WHERE user_id = $1`,
    `UPDATE ns_appeals SET reason = '（账号已注销）' WHERE user_id = $1`,
    `UPDATE volunteer_requests SET details = '', place = '（账号已注销）', contact_name = '（账号已注销）',
       contact_phone = '', contact_masked = '', rating_comment = NULL WHERE resident_id = $1`,
    `UPDATE volunteer_certificates SET name_masked = '（账号已注销）' WHERE user_id = $1`,
  ];
  for (const sql of statements) await tx.query(sql, [userId]);
  // uploaded images: marked here, removed from disk by the files sweep once this commits
  await markOwnerFilesDeleted(tx, userId, now);
  // A fresh WeChat login then makes a new, empty account; the ID number may bind again.
  await tx.query(
    `UPDATE users SET openid = 'deleted:' || id::text, role = 'resident', name = NULL, phone = NULL, phone_masked = NULL,
       id_number_hmac = NULL, id_number_masked = NULL, birth_date = NULL, gender = NULL, deleted_at = $2, updated_at = $2
     WHERE id = $1`,
    [userId, now.toISOString()],
  );
}
