// The rush limits (per IP, then per user) counted in ONE Redis round trip: one Lua script
// increments both counters, so a tap costs one EVALSHA instead of one call per limit (ioredis
// sends EVALSHA and falls back to EVAL once when Redis has not cached the script yet, e.g. after
// a Redis restart). The rules are those of the two separate limiters it replaces: the IP is
// counted first, and a tap refused for its IP is not counted against its user; a counter's window
// starts at its first tap (fixed window, not extended by further taps).
import type Redis from 'ioredis';

// The store that @fastify/rate-limit ships for one process, without types of its own.
interface LocalCounter {
  incr(
    key: string,
    cb: (err: Error | null, res?: { current: number; ttl: number }) => void,
    timeWindow: number,
    max: number,
  ): void;
}
type LocalCounterCtor = new (...args: unknown[]) => LocalCounter;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const LocalStore: LocalCounterCtor = require('@fastify/rate-limit/store/LocalStore');

const SCRIPT = `
local function count(key, window)
  local n = redis.call('INCR', key)
  if n == 1 then redis.call('PEXPIRE', key, window) end
  return n
end
local window = tonumber(ARGV[1])
if count(KEYS[1], window) > tonumber(ARGV[2]) then return math.max(redis.call('PTTL', KEYS[1]), 1) end
if count(KEYS[2], window) > tonumber(ARGV[3]) then return math.max(redis.call('PTTL', KEYS[2]), 1) end
return 0
`;

type RushCountCommand = (
  ipKey: string,
  userKey: string,
  windowMs: number,
  perIp: number,
  perUser: number,
) => Promise<number>;

export interface RushLimits {
  windowMs: number;
  perUser: number;
  perIp: number;
}

/** Counts one tap; resolves to 0 when allowed, else to the ms until the exceeded window ends. */
export type RushCounter = (ip: string, user: string) => Promise<number>;

/**
 * Redis while it answers (one script call per tap), this process's own counters while it does
 * not or when there is no Redis at all.
 */
export function rushCounter(
  redis: Redis | null,
  keyPrefix: string,
  limits: RushLimits,
  onFallback: (err: Error) => void,
): RushCounter {
  const local = new LocalStore(false, false, 5000);
  const countLocally = (key: string, max: number) =>
    new Promise<number>((resolve, reject) =>
      local.incr(
        key,
        (err, res) => (err ? reject(err) : resolve(res!.current > max ? res!.ttl : 0)),
        limits.windowMs,
        max,
      ),
    );
  const inProcess: RushCounter = async (ip, user) =>
    (await countLocally(`ip:${ip}`, limits.perIp)) ||
    (await countLocally(`user:${user}`, limits.perUser));
  if (!redis) return inProcess;

  redis.defineCommand('yhRushCount', { numberOfKeys: 2, lua: SCRIPT });
  const command = (redis as unknown as { yhRushCount: RushCountCommand }).yhRushCount.bind(redis);
  return async (ip, user) => {
    if (redis.status !== 'ready') return inProcess(ip, user);
    try {
      return await command(
        `${keyPrefix}rush:ip:${ip}`,
        `${keyPrefix}rush:user:${user}`,
        limits.windowMs,
        limits.perIp,
        limits.perUser,
      );
    } catch (err) {
      onFallback(err as Error);
      return inProcess(ip, user);
    }
  };
}
