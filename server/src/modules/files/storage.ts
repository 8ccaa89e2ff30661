// The bytes of uploaded files, on disk under FILES_DIR: `<first two hex digits>/<32 hex digits>`,
// a random name (never the client's), written to a temporary name first and renamed, so a reader
// never sees half a file. Owner-only permissions: the API process is the only reader.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';

export const newStorageKey = () => randomBytes(16).toString('hex');

function pathOf(dir: string, key: string): string {
  // the key comes from our own database, but a path is built from it: refuse anything else
  if (!/^[0-9a-f]{32}$/.test(key)) throw new Error('bad storage key');
  return path.join(dir, key.slice(0, 2), key);
}

export async function writeStored(dir: string, key: string, data: Buffer): Promise<void> {
  const file = pathOf(dir, key);
  await fs.mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  const tmp = `${file}.tmp-${process.pid}`;
  await fs.writeFile(tmp, data, { mode: 0o600, flag: 'wx' });
  await fs.rename(tmp, file);
}

export async function readStored(dir: string, key: string): Promise<Buffer | null> {
  try {
    return await fs.readFile(pathOf(dir, key));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}

/** Removes the bytes; already gone counts as done (the sweep may run twice). */
export async function removeStored(dir: string, key: string): Promise<void> {
  try {
    await fs.unlink(pathOf(dir, key));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
}

export const storedExists = async (dir: string, key: string) =>
  fs.access(pathOf(dir, key)).then(
    () => true,
    () => false,
  );
