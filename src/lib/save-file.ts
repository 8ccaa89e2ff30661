/**
 * Saves a file the H5 build made in memory (an export) as any site's download does. The
 * mini-program has no such download: its callers tell the user where to go instead, or open the
 * document in WeChat's viewer.
 */
export function saveBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  saveUrl(url, filename);
  URL.revokeObjectURL(url);
}

/** Saves what a local (blob) URL holds under the given name. */
export function saveUrl(url: string, filename: string): void {
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.click();
}
