// The files feature: upload and read routes, the purge of unclaimed files and the sweep that
// removes deleted files from disk.
import type { FastifyPluginAsync } from 'fastify';
import filesRoutes from './routes';
import { markUnclaimed, sweepDeleted } from './service';

export const FILE_JOBS = {
  unclaimed: 'purge-unclaimed-files',
  sweep: 'sweep-deleted-files',
} as const;

const filesPlugin: FastifyPluginAsync = async (app) => {
  await app.register(filesRoutes, { prefix: '/files' });
  app.jobs.register({ name: FILE_JOBS.unclaimed, everyMs: 3600_000, run: markUnclaimed });
  app.jobs.register({
    name: FILE_JOBS.sweep,
    everyMs: 10 * 60_000,
    run: (tx) => sweepDeleted(app, tx),
  });
};

export default filesPlugin;
