// Adding a child or a pick-up guardian is limited per IP and per user. Each add by ID number asks
// "is this child known?", so a script must not be able to ask thousands of times; an hour's quota
// is far more than a family needs. Same pattern as the rush limits (plugins/rate-limit.ts): the
// app's @fastify/rate-limit store (shared through Redis when configured), per IP then per user,
// refused with a 429 in our error shape and Retry-After. Called inside the idempotent work, so a
// network retry replaying a stored answer is not counted again.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../errors';

export const ADD_LIMITS = { windowMs: 60 * 60_000, perUser: 10, perIp: 100 };
/** Pick-up guardians are phone numbers on one's own child (no question about others): room for 4 children × 6. */
export const GUARDIAN_ADD_LIMITS = { windowMs: 60 * 60_000, perUser: 30, perIp: 100 };

/** A check (after app.authenticate) counting adds of one kind, e.g. 'child-add'; throws 429 past the limit. */
export function addLimit(app: FastifyInstance, kind: string, limits = ADD_LIMITS) {
  const timeWindow = limits.windowMs;
  const limiters = [
    app.createRateLimit({
      max: limits.perIp,
      timeWindow,
      keyGenerator: (req: FastifyRequest) => `${kind}:ip:${req.ip}`,
    }),
    app.createRateLimit({
      max: limits.perUser,
      timeWindow,
      keyGenerator: (req: FastifyRequest) => `${kind}:user:${req.auth?.id ?? req.ip}`,
    }),
  ];
  return async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    for (const check of limiters) {
      const result = await check(request);
      if (!result.isAllowed && result.isExceeded) {
        reply.header('retry-after', String(result.ttlInSeconds));
        const minutes = Math.max(1, Math.ceil(result.ttl / 60_000));
        throw new AppError('RATE_LIMITED', `添加次数太多，请 ${minutes} 分钟后再试`, 429);
      }
    }
  };
}
