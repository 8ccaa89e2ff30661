// HTTP only. Under /api/v1/files. Uploads are multipart (what Taro.uploadFile sends on weapp and
// H5); the caller is authenticated and rate-limited before a byte of the body is read.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import multipart from '@fastify/multipart';
import type { onRequestAsyncHookHandler } from 'fastify';
import { Type } from '@sinclair/typebox';
import { ApiErrorSchema } from '@/contract/errors';
import { FileParamsSchema, FileSchema } from '@/contract/files';
import * as service from './service';
import { MULTIPART_OPTIONS, readUploadForm } from './upload-form';

const errors = (...codes: number[]) => Object.fromEntries(codes.map((c) => [c, ApiErrorSchema]));
const tags = ['files'];
const auth = [{ bearerAuth: [] }];

const filesRoutes: FastifyPluginAsyncTypebox = async (app) => {
  // only in this plugin's scope (fastify-plugin stops at the files routes' own context): every
  // other route still refuses multipart bodies with 415. The body is read in the handler, after
  // the onRequest hooks below.
  await app.register(multipart, MULTIPART_OPTIONS);

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
      const form = await readUploadForm(app, request);
      return reply.code(201).send(await service.upload(app, request.auth!, form));
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
