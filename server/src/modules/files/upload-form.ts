// The one multipart shape the app sends (Taro.uploadFile / wx.uploadFile: a file part named
// `file` plus a `purpose` field), read with @fastify/multipart under tight limits. Anything else —
// several files, long or extra fields, a broken body — is refused, not guessed at.
import type { FastifyMultipartOptions } from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { MAX_FILE_BYTES } from '@/contract/files';
import { AppError } from '../../errors';
import { fileError } from './errors';

export interface UploadForm {
  fields: Record<string, string>;
  file: Buffer | null;
}

/** Registered in the files routes' scope only: every other route still refuses multipart (415). */
export const MULTIPART_OPTIONS: FastifyMultipartOptions = {
  limits: {
    fileSize: MAX_FILE_BYTES,
    files: 1,
    fields: 2,
    fieldNameSize: 32,
    fieldSize: 64,
    parts: 3,
    headerPairs: 8,
  },
};

/** The file plus the multipart framing and the purpose field. */
const MAX_BODY_BYTES = MAX_FILE_BYTES + 16 * 1024;

export async function readUploadForm(
  app: FastifyInstance,
  request: FastifyRequest,
): Promise<UploadForm> {
  // a JSON body shaped like the form must not pass for an upload
  if (!request.isMultipart()) throw fileError('FILE_NOT_MULTIPART', 415);
  // an honest client that says it sends more is answered before a byte is read
  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared) && declared > MAX_BODY_BYTES) throw fileError('FILE_TOO_LARGE');
  const form: UploadForm = { fields: {}, file: null };
  try {
    for await (const part of request.parts()) {
      if (part.type === 'file') {
        // the client's file name and type are not kept anywhere: only the bytes matter
        if (part.fieldname !== 'file') throw fileError('FILE_NOT_MULTIPART');
        form.file = await part.toBuffer();
      } else {
        const { fieldname, value } = part;
        if (part.valueTruncated || part.fieldnameTruncated || typeof value !== 'string')
          throw fileError('FILE_NOT_MULTIPART');
        if (Object.hasOwn(form.fields, fieldname)) throw fileError('FILE_NOT_MULTIPART');
        form.fields[fieldname] = value;
      }
    }
  } catch (err) {
    if (err instanceof AppError) throw err;
    if (err instanceof app.multipartErrors.RequestFileTooLargeError)
      throw fileError('FILE_TOO_LARGE');
    // the other limits (a second file, extra fields or parts), a field named like a prototype
    // property, a broken boundary or a body cut short: not the form the app sends
    request.log.info({ err }, 'multipart refused');
    throw fileError('FILE_NOT_MULTIPART');
  }
  return form;
}
