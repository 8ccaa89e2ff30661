// Limits on the rush endpoints (enroll, book, apply, sign up) and on the abuse-prone ones (profile
// edits, WeChat login, proof uploads), per user and per IP, shared by
// every API process through Redis: the rush limits in one script call per tap (rush-counter.ts),
// the others through @fastify/rate-limit's Redis store. Without REDIS_URL — the
// embedded default — or while Redis is unreachable, each process counts on its own (LocalStore):
// the limit then holds per process, and nothing else breaks. A refusal is a 429 in our error
// shape with Retry-After, which the client turns into a countdown.
import fp from 'fastify-plugin';
import rateLimit from '@fastify/rate-limit';
import Redis from 'ioredis';
import type { FastifyReply, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import type { Config } from '../config';
import { AppError } from '../errors';
import { rushCounter } from './rush-counter';

// The store classes ship inside @fastify/rate-limit without types of their own.
interface Store {
  incr(
    key: string,
    cb: (err: Error | null, res?: { current: number; ttl: number }) => void,
    timeWindow: number,
    max: number,
  ): void;
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
    this.shared.incr(
      key,
      (err, res) => {
        if (!err) return cb(null, res);
        this.onFallback(err);
        this.local.incr(key, cb, timeWindow, max);
      },
      timeWindow,
      max,
    );
  }

  child(routeOptions: unknown): Store {
    return new FallbackStore(
      this.redis,
      this.shared.child(routeOptions),
      this.local.child(routeOptions),
      this.onFallback,
    );
  }
}

/** Requests per window, per IP and per user, for one kind of endpoint. */
export interface AbuseLimit {
  windowMs: number;
  perUser: number;
  perIp: number;
}

/**
 * Endpoints that cost us or leak something on every call, not rush endpoints: their limits are
 * low per person and still generous per IP, since thousands of residents share carrier NAT
 * addresses.
 */
export const ABUSE_LIMITS = {
  /** PUT /me: a real profile changes a few times; more is probing which ID numbers are bound. */
  profile: { windowMs: 10 * 60_000, perUser: 10, perIp: 300 },
  /** POST /auth/wechat: each call is a WeChat code2session round trip; per user = per openid. */
  login: { windowMs: 60_000, perUser: 10, perIp: 300 },
  /** POST /stations/proofs: each call attaches an uploaded image to a new proof record. */
  proof: { windowMs: 10 * 60_000, perUser: 10, perIp: 300 },
  /** POST /files: each call writes an image of up to 5 MB to disk. */
  upload: { windowMs: 10 * 60_000, perUser: 10, perIp: 300 },
  /**
   * POST /night-school/checkins/pin: each call is a guess at a 6-digit code. 10 tries in 10
   * minutes is plenty for typos; a guesser gets at most ~150 tries over a 2.5-hour window, about
   * 3 in 10,000 to hit one of the two codes accepted at a time.
   */
  checkinPin: { windowMs: 10 * 60_000, perUser: 10, perIp: 300 },
} satisfies Record<string, AbuseLimit>;

export type AbuseKind = keyof typeof ABUSE_LIMITS;
export type AbuseLimits = Record<AbuseKind, AbuseLimit>;

export interface AbuseGuard {
  /** preHandlers after app.authenticate: per IP, then per signed-in user. */
  preHandlers: preHandlerAsyncHookHandler[];
  /** Per IP alone, for a route without a signed-in user yet (login). */
  perIp: preHandlerAsyncHookHandler;
  /** Per user, for a user known only inside the handler (login: the openid WeChat returns). */
  perUser: (request: FastifyRequest, reply: FastifyReply, userKey: string) => Promise<void>;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** preHandlers for a rush endpoint, after app.authenticate (or authenticateToken): per IP, then per user. */
    rushLimit: preHandlerAsyncHookHandler[];
    /** Limits for the abuse-prone endpoints, by kind (ABUSE_LIMITS). */
    abuseLimit: Record<AbuseKind, AbuseGuard>;
    /** 'redis' when limits are shared by all processes, 'local' when each process counts alone. */
    rateLimitMode: () => 'redis' | 'local';
  }
}

export default fp<{
  redisUrl: Config['redisUrl'];
  keyPrefix: Config['redisKeyPrefix'];
  limits: Config['rushLimits'];
  abuseLimits: AbuseLimits;
}>(
  async (app, { redisUrl, keyPrefix, limits, abuseLimits }) => {
    let redis: Redis | null = null;
    let warned = false;
    const warnOnce = (err: Error) => {
      if (warned) return;
      warned = true;
      app.log.warn(
        { err: err.message },
        'Redis 不可用，限流改为按进程计数 / Redis unavailable: rate limits now per process',
      );
    };

    if (redisUrl) {
      // Never queue commands while Redis is away: a rush request must not wait for Redis.
      // Auto-pipelining: the scripts of the taps that arrive while one write to Redis is in flight
      // leave together in the next one, each still run alone and in order by Redis; one write and
      // one wake-up of Redis per burst instead of per tap, which profiled as the largest single
      // cost of a waitlisted tap in Node.
      redis = new Redis(redisUrl, {
        enableAutoPipelining: true,
        enableOfflineQueue: false,
        maxRetriesPerRequest: 0,
        connectTimeout: 1000,
        retryStrategy: (n) => Math.min(n * 500, 5000),
      });
      redis.on('error', warnOnce);
      redis.on('ready', () => {
        if (warned)
          app.log.info('Redis 已恢复，限流重新跨进程共享 / Redis back: rate limits shared again');
        warned = false;
      });
      const shared = new RedisStore(false, false, redis, keyPrefix);
      const local = new LocalStore(false, false, 5000);
      const store = new FallbackStore(redis, shared, local, warnOnce);
      // the plugin instantiates `store` with `new`; a constructor returning our instance hands it over
      await app.register(rateLimit, {
        global: false,
        store: function Store() {
          return store;
        } as never,
      });
      app.addHook('onClose', async () => {
        redis?.disconnect();
      });
    } else {
      await app.register(rateLimit, { global: false });
    }

    // createRateLimit, not rateLimit: the plugin's ready-made handlers let only the first limiter
    // on a request run, and a rush endpoint needs both (per IP, then per user).
    type Check = ReturnType<typeof app.createRateLimit>;
    const enforce = async (check: Check, request: FastifyRequest, reply: FastifyReply) => {
      const result = await check(request);
      if (!result.isAllowed && result.isExceeded) {
        reply.header('retry-after', String(result.ttlInSeconds));
        throw tooMany(result.ttl);
      }
    };

    const countRush = rushCounter(redis, keyPrefix, limits, warnOnce);
    const rushLimit: preHandlerAsyncHookHandler = async (request, reply) => {
      const ttl = await countRush(
        request.ip,
        request.auth?.id ?? request.tokenUser?.id ?? request.ip,
      );
      if (ttl) {
        reply.header('retry-after', String(Math.ceil(ttl / 1000)));
        throw tooMany(ttl);
      }
    };
    app.decorate('rushLimit', [rushLimit]);

    // Each kind counts under its own key prefix, apart from the rush counters and from each other.
    const userKeys = new WeakMap<FastifyRequest, string>();
    const guard = (kind: AbuseKind): AbuseGuard => {
      const { windowMs, perIp, perUser } = abuseLimits[kind];
      const byIp = app.createRateLimit({
        max: perIp,
        timeWindow: windowMs,
        keyGenerator: (req: FastifyRequest) => `${kind}:ip:${req.ip}`,
      });
      const byUser = app.createRateLimit({
        max: perUser,
        timeWindow: windowMs,
        keyGenerator: (req: FastifyRequest) =>
          `${kind}:user:${userKeys.get(req) ?? req.auth?.id ?? req.ip}`,
      });
      const ipHandler: preHandlerAsyncHookHandler = async (request, reply) =>
        enforce(byIp, request, reply);
      const userHandler: preHandlerAsyncHookHandler = async (request, reply) =>
        enforce(byUser, request, reply);
      return {
        preHandlers: [ipHandler, userHandler],
        perIp: ipHandler,
        perUser: async (request, reply, userKey) => {
          userKeys.set(request, userKey);
          await enforce(byUser, request, reply);
        },
      };
    };
    app.decorate('abuseLimit', {
      profile: guard('profile'),
      login: guard('login'),
      proof: guard('proof'),
      upload: guard('upload'),
      checkinPin: guard('checkinPin'),
    });
    app.decorate('rateLimitMode', () => (redis && redis.status === 'ready' ? 'redis' : 'local'));
  },
  { name: 'rate-limit', dependencies: ['errors'] },
);

export function tooMany(ttlMs: number): AppError {
  const seconds = Math.max(1, Math.ceil(ttlMs / 1000));
  return new AppError('RATE_LIMITED', `操作太频繁，请 ${seconds} 秒后再试`, 429);
}
