// Uploads as the app sends them (Taro.uploadFile: multipart with a `file` part and a `purpose`
// field), and the images the tests upload.
import type { FastifyInstance } from 'fastify';
import { bearer, type TestApp } from '../helper';

/** A real 1×1 PNG (68 bytes). */
export const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=',
  'base64',
);
/** The first bytes of a JPEG (SOI + APP0 JFIF), enough for the sniffing. */
export const JPEG = Buffer.concat([
  Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]),
  Buffer.from('JFIF\0'),
  Buffer.alloc(64, 1),
]);
/** RIFF <size> WEBP VP8 … */
export const WEBP = Buffer.concat([
  Buffer.from('RIFF'),
  Buffer.from([0x24, 0, 0, 0]),
  Buffer.from('WEBPVP8 '),
  Buffer.alloc(32, 2),
]);

const BOUNDARY = '----youthhubtestboundary7MA4YWxkTrZu0gW';

interface FilePart {
  data: Buffer;
  name?: string;
  filename?: string;
  contentType?: string;
}

export function multipart(
  fields: Record<string, string>,
  file?: FilePart | FilePart[],
): { payload: Buffer; headers: Record<string, string> } {
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields))
    parts.push(
      Buffer.from(
        `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
      ),
    );
  for (const f of file === undefined ? [] : [file].flat())
    parts.push(
      Buffer.from(
        `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${f.name ?? 'file'}"; filename="${f.filename ?? 'photo.png'}"\r\n` +
          `Content-Type: ${f.contentType ?? 'image/png'}\r\n\r\n`,
      ),
      f.data,
      Buffer.from('\r\n'),
    );
  parts.push(Buffer.from(`--${BOUNDARY}--\r\n`));
  return {
    payload: Buffer.concat(parts),
    headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` },
  };
}

export function uploadFile(
  app: FastifyInstance,
  token: string | null,
  data: Buffer = PNG,
  opts: { purpose?: string; filename?: string; contentType?: string } = {},
) {
  const body = multipart(
    { purpose: opts.purpose ?? 'station_proof' },
    { data, filename: opts.filename, contentType: opts.contentType },
  );
  return app.inject({
    method: 'POST',
    url: '/api/v1/files',
    headers: { ...body.headers, ...(token ? bearer(token) : {}) },
    payload: body.payload,
  });
}

/** Uploads an image and registers it as a station proof of this kind: the proof's answer. */
export async function uploadProof(t: TestApp, token: string, kind: string, data: Buffer = PNG) {
  const file = await uploadFile(t.app, token, data);
  if (file.statusCode !== 201) throw new Error(`upload: ${file.statusCode} ${file.body}`);
  return t.app.inject({
    method: 'POST',
    url: '/api/v1/stations/proofs',
    headers: bearer(token),
    payload: { kind, fileId: file.json().id },
  });
}
