/**
 * Saves a file the H5 build made in memory (an export) as any site's download does. The
 * mini-program has no such download: its callers tell the user where to go instead.
 */
export function saveBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.click();
  URL.revokeObjectURL(url);
}
