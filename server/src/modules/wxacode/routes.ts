import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { ApiErrorSchema } from '@/contract/errors';
import { SceneParamsSchema, SceneSchema } from '@/contract/wxacode';
import * as wxacode from './service';

const errors = { 400: ApiErrorSchema, 404: ApiErrorSchema, 410: ApiErrorSchema };

/**
 * Both routes are open to anyone holding the scene: the scene is the capability (as the code it
 * stands for is), and <Image src> in the mini-program cannot send a login token.
 */
const wxacodeRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/wxacode/:scene',
    {
      schema: {
        tags: ['wxacode'],
        summary: '小程序码图片（image/png 或 image/jpeg）',
        params: SceneParamsSchema,
        response: {
          200: Type.Unsafe<Buffer>({ type: 'string', format: 'binary' }),
          ...errors,
          503: ApiErrorSchema,
        },
      },
    },
    async (request, reply) => {
      const { image, type } = await wxacode.sceneImage(app, request.params.scene);
      // the image never changes for its scene; it is worth only as long as the code behind it
      return reply.header('cache-control', 'private, max-age=60').type(type).send(image);
    },
  );

  app.get(
    '/wxacode/:scene/target',
    {
      schema: {
        tags: ['wxacode'],
        summary: '小程序码落地页：scene 对应的签到码与去向',
        params: SceneParamsSchema,
        response: { 200: SceneSchema, ...errors },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return wxacode.resolveScene(app, request.params.scene);
    },
  );
};

export default wxacodeRoutes;
