// The 小程序码 feature: its routes, and the job deleting scenes whose codes are long expired.
import type { FastifyPluginAsync } from 'fastify';
import wxacodeRoutes from './routes';
import * as repo from './repo';
import { SCENE_KEEP_MS } from './service';

export const WXACODE_PRUNE_JOB = 'wxacode-prune';

const wxacodePlugin: FastifyPluginAsync = async (app) => {
  await app.register(wxacodeRoutes);
  app.jobs.register({
    name: WXACODE_PRUNE_JOB,
    everyMs: 10 * 60_000,
    run: (tx, now) => repo.deleteExpired(tx, new Date(now.getTime() - SCENE_KEEP_MS)),
  });
};

export default wxacodePlugin;
