// HTTP only. Under /api/v1/files. Uploads are multipart (what Taro.uploadFile sends on weapp and
// H5); the caller is authenticated and rate-limited before a byte of the body is read.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { IncomingMessage } from 'node:http';
import type { FastifyRequest, onRequestAsyncHookHandler } from 'fastify';
import { Type } from '@sinclair/typebox';
import { ApiErrorSchema } from '@/contract/errors';
import { FileParamsSchema, FileSchema, MAX_FILE_BYTES } from '@/contract/files';
import {
  boundaryOf,
  fileError,
  parseMultipart,
  readBounded,
  type MultipartForm,
} from './multipart';
import * as service from './service';

const errors = (...codes: number[]) => Object.fromEntries(codes.map((c) => [c, ApiErrorSchema]));
const tags = ['files'];
const auth = [{ bearerAuth: [] }];
/** The file plus the multipart framing and the purpose field. */
const MAX_BODY_BYTES = MAX_FILE_BYTES + 16 * 1024;

const filesRoutes: FastifyPluginAsyncTypebox = async (app) => {
  // only in this plugin's scope: every other route still refuses multipart bodies with 415
  app.addContentTypeParser(
    'multipart/form-data',
    async (request: FastifyRequest, payload: IncomingMessage) => {
      const boundary = boundaryOf(request.headers['content-type']);
      if (!boundary) throw fileError('FILE_NOT_MULTIPART');
      return parseMultipart(await readBounded(payload, MAX_BODY_BYTES), boundary);
    },
  );

  app.post(
    '/',
    {
      // before the body is read, so an anonymous or over-limit caller costs no 5 MB read
      onRequest: [
        app.authenticate,
        ...app.abuseLimit.upload.preHandlers,
      ] as onRequestAsyncHookHandler[],
      schema: {
        tags,
        summary: '上传图片（multipart：purpose 与 file；JPG/PNG/WebP，5MB以内）',
        security: auth,
        consumes: ['multipart/form-data'],
        response: { 201: FileSchema, ...errors(400, 401, 409, 415, 429) },
      },
    },
    async (request, reply) => {
      // only our multipart parser's output: a JSON body shaped like it must not pass for an upload
      if (!/^multipart\/form-data\s*;/i.test(request.headers['content-type'] ?? ''))
        throw fileError('FILE_NOT_MULTIPART', 415);
      const body = request.body as MultipartForm;
      return reply.code(201).send(await service.upload(app, request.auth!, body));
    },
  );

  app.get(
    '/:fileId',
    {
      preHandler: app.authenticate,
      schema: {
        tags,
        summary: '读取图片（上传者本人，或该用途允许的工作人员）',
        security: auth,
        params: FileParamsSchema,
        response: { 200: Type.Unknown({ description: '图片内容' }), ...errors(401, 404) },
      },
    },
    async (request, reply) => {
      const { row, data } = await service.readable(app, request.auth!, request.params.fileId);
      return (
        reply
          .type(row.mime)
          // personal papers: never in a shared cache, never run as anything but the image it is
          .header('cache-control', 'private, no-store')
          .header('x-content-type-options', 'nosniff')
          .header('content-security-policy', "default-src 'none'")
          .send(data)
      );
    },
  );
};

export default filesRoutes;
