// SQL for uploaded files. A row with deleted_at set is gone for everyone; the sweep removes it.
import type { Queryable } from '../../db/db';
import type { FilePurpose } from '@/contract/files';

export interface FileRow {
  id: string;
  owner_id: string;
  purpose: FilePurpose;
  storage_key: string;
  mime: string;
  bytes: number;
  created_at: Date | string;
}

const COLUMNS = `id::text AS id, owner_id::text AS owner_id, purpose, storage_key, mime, bytes, created_at`;

/** Locks the owner's row so that concurrent uploads count the owner's files one at a time. */
export async function countLiveFilesLocked(tx: Queryable, ownerId: string): Promise<number> {
  await tx.query(`SELECT 1 FROM users WHERE id = $1 FOR UPDATE`, [ownerId]);
  const [row] = await tx.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM files WHERE owner_id = $1 AND deleted_at IS NULL`,
    [ownerId],
  );
  return row.n;
}

export async function insertFile(
  tx: Queryable,
  f: {
    ownerId: string;
    purpose: FilePurpose;
    storageKey: string;
    mime: string;
    bytes: number;
    sha256: string;
    now: Date;
  },
): Promise<FileRow> {
  const [row] = await tx.query<FileRow>(
    `INSERT INTO files (owner_id, purpose, storage_key, mime, bytes, sha256, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${COLUMNS}`,
    [f.ownerId, f.purpose, f.storageKey, f.mime, f.bytes, f.sha256, f.now.toISOString()],
  );
  return row;
}

export async function findFile(db: Queryable, id: string): Promise<FileRow | null> {
  const rows = await db.query<FileRow>(
    `SELECT ${COLUMNS} FROM files WHERE id = $1 AND deleted_at IS NULL`,
    [id],
  );
  return rows[0] ?? null;
}

/** Marks for the sweep every live file of an owner (account deletion). */
export async function markOwnerFilesDeleted(
  tx: Queryable,
  ownerId: string,
  now: Date,
): Promise<number> {
  const rows = await tx.query(
    `UPDATE files SET deleted_at = $2 WHERE owner_id = $1 AND deleted_at IS NULL RETURNING 1 AS ok`,
    [ownerId, now.toISOString()],
  );
  return rows.length;
}

/** Files marked deleted, oldest first: what the sweep removes from disk next. */
export async function deletedFiles(
  db: Queryable,
  limit: number,
): Promise<{ id: string; storage_key: string }[]> {
  return db.query(
    `SELECT id::text AS id, storage_key FROM files WHERE deleted_at IS NOT NULL ORDER BY deleted_at, id LIMIT ${limit}`,
  );
}

export async function dropFileRows(db: Queryable, ids: string[]): Promise<void> {
  await db.query(`DELETE FROM files WHERE id = ANY($1::bigint[]) AND deleted_at IS NOT NULL`, [
    ids,
  ]);
}
