// OpenAPI generated from the same TypeBox schemas the routes validate with. JSON at /docs/json.
// `docs: false` (production unless DOCS=1) serves nothing: the full route map helps attackers more
// than it helps anyone running the service.
import fp from 'fastify-plugin';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';

export default fp<{ docs: boolean }>(
  async (app, { docs }) => {
    if (!docs) return;
    await app.register(swagger, {
      openapi: {
        openapi: '3.0.3',
        info: {
          title: '青年汇 youth-hub API',
          version: '0.1.0',
          description: '团区委青年服务小程序后端',
        },
        components: {
          securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
        },
      },
    });
    await app.register(swaggerUi, { routePrefix: '/docs' });
  },
  { name: 'openapi' },
);
