// The organizer's phone mints offline codes with a hand-written HMAC-SHA-256 (no WebCrypto in the
// weapp) and draws the QR as a PNG it encodes itself: both are held here to node's own answers.
import { createHmac, createHash } from 'node:crypto';
import { inflateSync } from 'node:zlib';
import { sha256, utf8 } from '@/contract/sha256';
import { fromBase64url, hmacSha256, toBase64url } from '@/lib/hmac-sha256';
import { mintOfflineCode } from '@/features/volunteer/offline/code';
import { qrPngDataUrl } from '@/features/volunteer/offline/qr-image';
import {
  offlineCodeLife,
  offlineCodeMessage,
  parseOfflineCode,
} from '@/contract/volunteer-offline-code';

const texts = [
  '',
  'a',
  'abc',
  '签到码',
  'x'.repeat(55),
  'y'.repeat(56),
  'z'.repeat(64),
  'w'.repeat(200),
];

describe('hmac-sha256 (the phone) against node:crypto (the server)', () => {
  it.each(texts)('sha256 of %j', (text) => {
    expect(Buffer.from(sha256(utf8(text))).toString('hex')).toBe(
      createHash('sha256').update(text).digest('hex'),
    );
  });

  it('HMAC with short, 64-byte and long keys', () => {
    for (const key of [Buffer.from('k'), Buffer.alloc(64, 7), Buffer.alloc(100, 9)]) {
      for (const text of texts) {
        expect(toBase64url(hmacSha256(new Uint8Array(key), utf8(text)))).toBe(
          createHmac('sha256', key).update(text).digest('base64url'),
        );
      }
    }
  });

  it('base64url both ways, every length mod 3', () => {
    for (let n = 0; n < 40; n++) {
      const bytes = Buffer.from(Array.from({ length: n }, (_, i) => (i * 37 + n) & 255));
      expect(toBase64url(new Uint8Array(bytes))).toBe(bytes.toString('base64url'));
      expect(Buffer.from(fromBase64url(bytes.toString('base64url')))).toEqual(bytes);
    }
  });
});

describe('mintOfflineCode', () => {
  const secret = Buffer.alloc(32, 3).toString('base64url');
  it('mints the step of the server time given, with the MAC the server computes, due at the window end', () => {
    const at = Date.parse('2026-12-05T01:00:10Z');
    const { token, refreshAt } = mintOfflineCode(secret, '31', at);
    const code = parseOfflineCode(token)!;
    expect(code.shiftId).toBe('31');
    expect(offlineCodeLife(code.step).from).toBe(Date.parse('2026-12-05T01:00:00Z'));
    expect(refreshAt).toBe('2026-12-05T01:00:30.000Z');
    const mac = createHmac('sha256', Buffer.from(secret, 'base64url'))
      .update(offlineCodeMessage('31', code.step))
      .digest('base64url')
      .slice(0, 22);
    expect(code.mac).toBe(mac);
    expect(mintOfflineCode(secret, '31', at + 30_000).token).not.toBe(token);
  });
});

describe('qrPngDataUrl', () => {
  it('is a PNG whose pixels decode to dark modules inside a white quiet zone', () => {
    const url = qrPngDataUrl('vo1.31.59000000.ABCDEFGHIJKLMNOPQRSTUV', 4);
    const png = Buffer.from(url.replace('data:image/png;base64,', ''), 'base64');
    expect(png.subarray(0, 8)).toEqual(Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]));
    const side = png.readUInt32BE(16);
    expect(png.readUInt32BE(20)).toBe(side);
    const idatLen = png.readUInt32BE(33);
    expect(png.toString('ascii', 37, 41)).toBe('IDAT');
    const raw = inflateSync(png.subarray(41, 41 + idatLen)); // zlib checks the Adler-32
    const rowBytes = Math.ceil(side / 8) + 1;
    expect(raw.length).toBe(rowBytes * side);
    const white = (x: number, y: number) => (raw[y * rowBytes + 1 + (x >> 3)] >> (7 - (x & 7))) & 1;
    expect(white(0, 0)).toBe(1); // quiet zone
    expect(white(4 * 4, 4 * 4)).toBe(0); // the top-left finder pattern's corner
  });
});
