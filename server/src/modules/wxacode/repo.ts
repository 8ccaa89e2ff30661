import type { Queryable } from '../../db/db';
import type { WxacodeTarget } from '@/contract/wxacode';

export interface SceneRow {
  scene: string;
  target: WxacodeTarget;
  code: string;
  expires_at: Date | string;
}

/** Keeps `code` under `scene`; the same code twice (two screens, one window) is one row. */
export async function saveScene(
  db: Queryable,
  row: { scene: string; target: WxacodeTarget; code: string; now: Date; expiresAt: Date },
): Promise<void> {
  await db.query(
    `INSERT INTO wxacode_scenes (scene, target, code, created_at, expires_at)
     VALUES ($1, $2, $3, $4, $5) ON CONFLICT (scene) DO NOTHING`,
    [row.scene, row.target, row.code, row.now, row.expiresAt],
  );
}

export async function findScene(db: Queryable, scene: string): Promise<SceneRow | null> {
  const [row] = await db.query<SceneRow>(
    'SELECT scene, target, code, expires_at FROM wxacode_scenes WHERE scene = $1',
    [scene],
  );
  return row ?? null;
}

export async function findImage(
  db: Queryable,
  scene: string,
): Promise<{ image: Uint8Array; image_type: string } | null> {
  const [row] = await db.query<{ image: Uint8Array | null; image_type: string | null }>(
    'SELECT image, image_type FROM wxacode_scenes WHERE scene = $1',
    [scene],
  );
  return row?.image && row.image_type ? { image: row.image, image_type: row.image_type } : null;
}

export async function saveImage(
  db: Queryable,
  scene: string,
  image: Buffer,
  type: string,
): Promise<void> {
  await db.query(
    'UPDATE wxacode_scenes SET image = $2, image_type = $3 WHERE scene = $1 AND image IS NULL',
    [scene, image, type],
  );
}

/** Deletes scenes whose code expired before `before`; returns how many. */
export async function deleteExpired(db: Queryable, before: Date): Promise<number> {
  const rows = await db.query('DELETE FROM wxacode_scenes WHERE expires_at < $1 RETURNING scene', [
    before,
  ]);
  return rows.length;
}
