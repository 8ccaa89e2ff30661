// Uploads, reads and the deletion of files. The bytes go to disk before the row is written, and a
// refused row removes them again; deletion goes the other way (row marked, then bytes, then row).
import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import {
  FILE_PURPOSES,
  MAX_LIVE_FILES_PER_USER,
  UNCLAIMED_FILE_HOURS,
  type FilePurpose,
  type StoredFile,
} from '@/contract/files';
import type { Queryable } from '../../db/db';
import type { AuthUser } from '../../plugins/auth';
import { fileError } from './errors';
import { PURPOSES } from './purposes';
import * as repo from './repo';
import { sniffImage } from './sniff';
import type { UploadForm } from './upload-form';
import { newStorageKey, readStored, removeStored, writeStored } from './storage';

const toFile = (r: repo.FileRow): StoredFile => ({
  id: r.id,
  purpose: r.purpose,
  mime: r.mime as StoredFile['mime'],
  bytes: r.bytes,
  createdAt: new Date(r.created_at).toISOString(),
});

export async function upload(
  app: FastifyInstance,
  auth: AuthUser,
  form: UploadForm,
): Promise<StoredFile> {
  const purpose = form.fields.purpose as FilePurpose;
  if (!FILE_PURPOSES.includes(purpose)) throw fileError('FILE_PURPOSE_INVALID');
  if (!form.file || form.file.length === 0) throw fileError('FILE_MISSING');
  // no size check here: @fastify/multipart stops the file at MAX_FILE_BYTES (upload-form.ts)
  const mime = sniffImage(form.file);
  if (!mime) throw fileError('FILE_TYPE_INVALID');
  const key = newStorageKey();
  await writeStored(app.config.filesDir, key, form.file);
  try {
    return await app.db.transaction(async (tx) => {
      if ((await repo.countLiveFilesLocked(tx, auth.id)) >= MAX_LIVE_FILES_PER_USER)
        throw fileError('FILE_QUOTA_EXCEEDED', 409);
      return toFile(
        await repo.insertFile(tx, {
          ownerId: auth.id,
          purpose,
          storageKey: key,
          mime,
          bytes: form.file!.length,
          sha256: createHash('sha256').update(form.file!).digest('hex'),
          now: app.now(),
        }),
      );
    });
  } catch (err) {
    await removeStored(app.config.filesDir, key);
    throw err;
  }
}

/** A live file the caller may read: the owner, or whom its purpose lets in; 404 for anyone else. */
export async function readable(
  app: FastifyInstance,
  auth: AuthUser,
  fileId: string,
): Promise<{ row: repo.FileRow; data: Buffer }> {
  const row = await repo.findFile(app.db, fileId);
  if (
    !row ||
    (row.owner_id !== auth.id && !(await PURPOSES[row.purpose].mayRead(app.db, auth, fileId)))
  )
    throw fileError('FILE_NOT_FOUND', 404);
  const data = await readStored(app.config.filesDir, row.storage_key);
  if (!data) throw fileError('FILE_NOT_FOUND', 404);
  return { row, data };
}

/** The caller's own live file of a purpose, for a record that is about to claim it. */
export async function ownFile(
  db: Queryable,
  auth: AuthUser,
  fileId: string,
  purpose: FilePurpose,
): Promise<repo.FileRow> {
  const row = await repo.findFile(db, fileId);
  if (!row || row.owner_id !== auth.id || row.purpose !== purpose)
    throw fileError('FILE_NOT_FOUND', 404);
  return row;
}

/** The bytes of a file already authorized by its record (a booking's proof for its staff). */
export async function bytesOf(app: FastifyInstance, fileId: string) {
  const row = await repo.findFile(app.db, fileId);
  const data = row ? await readStored(app.config.filesDir, row.storage_key) : null;
  return row && data ? { mime: row.mime, data } : null;
}

/** Files no record claimed within UNCLAIMED_FILE_HOURS of their upload are marked for the sweep. */
export async function markUnclaimed(tx: Queryable, now: Date): Promise<number> {
  let n = 0;
  const before = new Date(now.getTime() - UNCLAIMED_FILE_HOURS * 3600_000).toISOString();
  for (const purpose of FILE_PURPOSES) {
    const rows = await tx.query(
      `UPDATE files f SET deleted_at = $3
       WHERE f.purpose = $1 AND f.deleted_at IS NULL AND f.created_at <= $2
         AND NOT ${PURPOSES[purpose].claimedSql}
       RETURNING 1 AS ok`,
      [purpose, before, now.toISOString()],
    );
    n += rows.length;
  }
  return n;
}

const SWEEP_BATCH = 500;

/**
 * Removes from disk the files marked deleted, then their rows. Safe to run twice or on two
 * processes at once: a file already gone counts as removed.
 */
export async function sweepDeleted(
  app: Pick<FastifyInstance, 'db' | 'config'>,
  db: Queryable = app.db,
) {
  const rows = await repo.deletedFiles(db, SWEEP_BATCH);
  return {
    handled: rows.length,
    afterCommit: async () => {
      for (const r of rows) await removeStored(app.config.filesDir, r.storage_key);
      if (rows.length > 0)
        await repo.dropFileRows(
          app.db,
          rows.map((r) => r.id),
        );
    },
  };
}
