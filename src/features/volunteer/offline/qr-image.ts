// A QR code as a PNG data URL, made on the phone: the organizer's offline code screen has no
// server to draw it. The PNG is 1-bit greyscale with stored (uncompressed) deflate blocks, which
// every image decoder reads, so no zlib and no canvas are needed (neither exists in every weapp
// base library); a 45-module code at 8 px is ~17 KB.
import { create } from 'qrcode/lib/core/qrcode';
import { utf8 } from '@/contract/sha256';
import { toBase64url } from '@/lib/hmac-sha256';

const MARGIN = 4; // modules of quiet zone, as the QR standard asks

let crcTable: Uint32Array | null = null;
function crc32(bytes: Uint8Array): number {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let c = 0xffffffff;
  for (const b of bytes) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function adler32(bytes: Uint8Array): number {
  let a = 1;
  let b = 0;
  for (const x of bytes) {
    a = (a + x) % 65521;
    b = (b + a) % 65521;
  }
  return ((b << 16) | a) >>> 0;
}

const u32 = (n: number) => [(n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255];

function chunk(type: string, data: Uint8Array): number[] {
  const typed = new Uint8Array(4 + data.length);
  for (let i = 0; i < 4; i++) typed[i] = type.charCodeAt(i);
  typed.set(data, 4);
  return [...u32(data.length), ...typed, ...u32(crc32(typed))];
}

/** zlib stream of stored blocks (each at most 65535 bytes). */
function zlibStored(raw: Uint8Array): Uint8Array {
  const out: number[] = [0x78, 0x01];
  for (let off = 0; off < raw.length || off === 0; off += 65535) {
    const len = Math.min(65535, raw.length - off);
    const last = off + len >= raw.length ? 1 : 0;
    out.push(last, len & 255, len >>> 8, ~len & 255, (~len >>> 8) & 255);
    for (let i = 0; i < len; i++) out.push(raw[off + i]);
    if (last) break;
  }
  out.push(...u32(adler32(raw)));
  return new Uint8Array(out);
}

export function qrPngDataUrl(text: string, scale = 8): string {
  // one byte segment from our own UTF-8 bytes: the library's string path needs TextEncoder, which
  // not every weapp base library has
  const { modules } = create([{ data: utf8(text), mode: 'byte' }], { errorCorrectionLevel: 'M' });
  const side = (modules.size + 2 * MARGIN) * scale;
  const rowBytes = Math.ceil(side / 8);
  const raw = new Uint8Array((rowBytes + 1) * side); // a filter byte (0) before each row
  for (let y = 0; y < side; y++) {
    for (let x = 0; x < side; x++) {
      const r = Math.floor(y / scale) - MARGIN;
      const c = Math.floor(x / scale) - MARGIN;
      const dark = r >= 0 && c >= 0 && r < modules.size && c < modules.size && modules.get(r, c);
      // greyscale 1 bit: 1 is white
      if (!dark) raw[y * (rowBytes + 1) + 1 + (x >> 3)] |= 0x80 >> (x & 7);
    }
  }
  const header = new Uint8Array([...u32(side), ...u32(side), 1, 0, 0, 0, 0]);
  const png = new Uint8Array([
    0x89,
    0x50,
    0x4e,
    0x47,
    0x0d,
    0x0a,
    0x1a,
    0x0a,
    ...chunk('IHDR', header),
    ...chunk('IDAT', zlibStored(raw)),
    ...chunk('IEND', new Uint8Array(0)),
  ]);
  // data URLs take standard base64, padded
  const b64 = toBase64url(png).replace(/-/g, '+').replace(/_/g, '/');
  return `data:image/png;base64,${b64}${'='.repeat((4 - (b64.length % 4)) % 4)}`;
}
