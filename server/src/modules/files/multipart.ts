// A strict reader for the one multipart shape the app sends (Taro.uploadFile / wx.uploadFile: a
// file part named `file` plus a few short text fields), over a body already bounded in size.
// Anything else — several files, long fields, a broken boundary — is refused, not guessed at.
import type { IncomingMessage } from 'node:http';
import { AppError } from '../../errors';
import { FILE_ERRORS, type FileErrorCode } from '@/contract/files';

export const fileError = (code: FileErrorCode, status = 400) =>
  new AppError(code, FILE_ERRORS[code], status);

export interface MultipartForm {
  fields: Record<string, string>;
  file: Buffer | null;
}

const MAX_PARTS = 8;
const MAX_FIELD_BYTES = 200;

/** Reads the request body, refusing it (FILE_TOO_LARGE) as soon as it passes `limit` bytes. */
export async function readBounded(stream: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(stream.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) throw fileError('FILE_TOO_LARGE');
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of stream) {
    total += (chunk as Buffer).length;
    if (total > limit) {
      stream.destroy();
      throw fileError('FILE_TOO_LARGE');
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

export function boundaryOf(contentType: string | undefined): string | null {
  const m = /;\s*boundary=(?:"([^"]{1,70})"|([^;\s]{1,70}))/i.exec(contentType ?? '');
  return m ? (m[1] ?? m[2]) : null;
}

export function parseMultipart(body: Buffer, boundary: string): MultipartForm {
  const malformed = () => fileError('FILE_NOT_MULTIPART');
  const delimiter = Buffer.from(`--${boundary}`);
  const nextDelimiter = Buffer.from(`\r\n--${boundary}`);
  const form: MultipartForm = { fields: {}, file: null };
  let pos = body.indexOf(delimiter);
  if (pos < 0) throw malformed();
  for (let parts = 0; ; parts += 1) {
    pos += delimiter.length;
    if (body.subarray(pos, pos + 2).toString() === '--') return form;
    if (parts >= MAX_PARTS || body.subarray(pos, pos + 2).toString() !== '\r\n') throw malformed();
    const headerEnd = body.indexOf('\r\n\r\n', pos);
    if (headerEnd < 0) throw malformed();
    const headers = body.subarray(pos + 2, headerEnd).toString('utf8');
    const end = body.indexOf(nextDelimiter, headerEnd + 4);
    if (end < 0) throw malformed();
    const content = body.subarray(headerEnd + 4, end);
    const disposition = /^content-disposition:\s*form-data\s*;(.*)$/im.exec(headers)?.[1] ?? '';
    const name = /(?:^|;)\s*name="([^"]*)"/i.exec(disposition)?.[1];
    if (!name) throw malformed();
    // the client's file name is not kept anywhere: only the bytes matter
    const isFile = /(?:^|;)\s*filename="/i.test(disposition);
    if (isFile) {
      if (name !== 'file' || form.file) throw malformed();
      form.file = content;
    } else {
      if (content.length > MAX_FIELD_BYTES || name in form.fields) throw malformed();
      form.fields[name] = content.toString('utf8');
    }
    pos = end + 2;
  }
}
