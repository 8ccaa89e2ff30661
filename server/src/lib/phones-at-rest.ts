// The pass that keeps every stored phone encrypted under the current key. SQL migrations cannot
// do it (they never see PHONE_KEYS), so every API process runs it at start, after the migrations:
// it encrypts plaintext left by older versions and re-encrypts values under a retired key. Each
// row is rewritten only if it still holds the value read, so processes starting together do not
// double-encrypt; a value under a key PHONE_KEYS no longer holds stops the start (fail closed:
// it could never be read again).
import type { PhoneKey } from '../config';
import type { Queryable } from '../db/db';
import { decryptPhone, encryptPhone, phoneKeyId } from './phone-crypto';

/** Every column that holds a phone number. */
export const PHONE_COLUMNS = [
  { table: 'users', column: 'phone' },
  { table: 'child_guardians', column: 'phone' },
  { table: 'volunteer_requests', column: 'contact_phone' },
] as const;

const BATCH = 500;

export async function encryptStoredPhones(db: Queryable, keys: PhoneKey[]): Promise<number> {
  const current = `enc1:${keys[0].id}:%`;
  let total = 0;
  for (const { table, column } of PHONE_COLUMNS) {
    let skip: string[] = [];
    for (;;) {
      const rows = await db.query<{ id: string; value: string }>(
        `SELECT id::text AS id, ${column} AS value FROM ${table}
         WHERE ${column} IS NOT NULL AND ${column} <> '' AND ${column} NOT LIKE $1
           AND NOT (id::text = ANY($2::text[]))
         ORDER BY id LIMIT ${BATCH}`,
        [current, skip],
      );
      if (rows.length === 0) break;
      for (const r of rows) {
        const keyId = phoneKeyId(r.value);
        if (keyId !== null && !keys.some((k) => k.id === keyId))
          throw new Error(
            `${table}.${column} 中有用密钥 "${keyId}" 加密的手机号，但 PHONE_KEYS 中没有该密钥 / ` +
              `a phone in ${table}.${column} is encrypted under key "${keyId}", which PHONE_KEYS does not hold`,
          );
        const updated = await db.query(
          `UPDATE ${table} SET ${column} = $2 WHERE id = $1 AND ${column} = $3 RETURNING 1 AS ok`,
          [
            r.id,
            encryptPhone(keys, keyId === null ? r.value : decryptPhone(keys, r.value)),
            r.value,
          ],
        );
        // another process got there first: leave the row, it is encrypted now
        if (updated.length === 0) skip = [...skip, r.id];
        total += updated.length;
      }
    }
  }
  return total;
}
