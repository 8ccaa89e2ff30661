// Limits on the rush endpoints (enroll, book, apply, sign up), per user and per IP, shared by
// every API process through Redis (@fastify/rate-limit's Redis store). Without REDIS_URL — the
// embedded default — or while Redis is unreachable, each process counts on its own (LocalStore):
// the limit then holds per process, and nothing else breaks. A refusal is a 429 in our error
// shape with Retry-After, which the client turns into a countdown.
import fp from 'fastify-plugin';
import rateLimit from '@fastify/rate-limit';
import Redis from 'ioredis';
import type { FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import type { Config } from '../config';
import { AppError } from '../errors';

// The store classes ship inside @fastify/rate-limit without types of their own.
interface Store {
  incr(key: string, cb: (err: Error | null, res?: { current: number; ttl: number }) => void, timeWindow: number, max: number): void;
  child(routeOptions: unknown): Store;
}
type StoreCtor = new (...args: unknown[]) => Store;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const LocalStore: StoreCtor = require('@fastify/rate-limit/store/LocalStore');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const RedisStore: StoreCtor = require('@fastify/rate-limit/store/RedisStore');

/** Redis while it answers; this process's own counters while it does not. */
class FallbackStore implements Store {
  constructor(
    private readonly redis: Redis,
    private readonly shared: Store,
    private readonly local: Store,
    private readonly onFallback: (err: Error) => void,
  ) {}

  incr(key: string, cb: Parameters<Store['incr']>[1], timeWindow: number, max: number): void {
    if (this.redis.status !== 'ready') return this.local.incr(key, cb, timeWindow, max);
    this.shared.incr(key, (err, res) => {
      if (!err) return cb(null, res);
      this.onFallback(err);
      this.local.incr(key, cb, timeWindow, max);
    }, timeWindow, max);
  }

  child(routeOptions: unknown): Store {
    return new FallbackStore(this.redis, this.shared.child(routeOptions), this.local.child(routeOptions), this.onFallback);
  }
}

declare module 'fastify' {
  interface FastifyInstance {
    /** preHandlers for a rush endpoint, after app.authenticate: per IP, then per user. */
    rushLimit: preHandlerAsyncHookHandler[];
    /** 'redis' when limits are shared by all processes, 'local' when each process counts alone. */
    rateLimitMode: () => 'redis' | 'local';
  }
}

export default fp<{ redisUrl: Config['redisUrl']; limits: Config['rushLimits'] }>(
  async (app, { redisUrl, limits }) => {
    let redis: Redis | null = null;
    let warned = false;
    const warnOnce = (err: Error) => {
      if (warned) return;
      warned = true;
      app.log.warn({ err: err.message }, 'Redis 不可用，限流改为按进程计数 / Redis unavailable: rate limits now per process');
    };

    if (redisUrl) {
      // Never queue commands while Redis is away: a rush request must not wait for Redis.
      redis = new Redis(redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 0, connectTimeout: 1000, retryStrategy: (n) => Math.min(n * 500, 5000) });
      redis.on('error', warnOnce);
      redis.on('ready', () => {
        if (warned) app.log.info('Redis 已恢复，限流重新跨进程共享 / Redis back: rate limits shared again');
        warned = false;
      });
      const shared = new RedisStore(false, false, redis, 'youth-hub-rl:');
      const local = new LocalStore(false, false, 5000);
      const store = new FallbackStore(redis, shared, local, warnOnce);
      // the plugin instantiates `store` with `new`; a constructor returning our instance hands it over
      await app.register(rateLimit, { global: false, store: function Store() { return store; } as never });
      app.addHook('onClose', async () => {
        redis?.disconnect();
      });
    } else {
      await app.register(rateLimit, { global: false });
    }

    // createRateLimit, not rateLimit: the plugin's ready-made handlers let only the first limiter
    // on a request run, and a rush endpoint needs both (per IP, then per user).
    const timeWindow = limits.windowMs;
    const limiters = [
      app.createRateLimit({ max: limits.perIp, timeWindow, keyGenerator: (req: FastifyRequest) => `ip:${req.ip}` }),
      app.createRateLimit({ max: limits.perUser, timeWindow, keyGenerator: (req: FastifyRequest) => `user:${req.auth?.id ?? req.ip}` }),
    ];
    const rushLimit: preHandlerAsyncHookHandler = async (request, reply) => {
      for (const check of limiters) {
        const result = await check(request);
        if (!result.isAllowed && result.isExceeded) {
          reply.header('retry-after', String(result.ttlInSeconds));
          throw tooMany(result.ttl);
        }
      }
    };
    app.decorate('rushLimit', [rushLimit]);
    app.decorate('rateLimitMode', () => (redis && redis.status === 'ready' ? 'redis' : 'local'));
  },
  { name: 'rate-limit', dependencies: ['errors'] },
);

export function tooMany(ttlMs: number): AppError {
  const seconds = Math.max(1, Math.ceil(ttlMs / 1000));
  return new AppError('RATE_LIMITED', `操作太频繁，请 ${seconds} 秒后再试`, 429);
}

