// A micro-cache with ETags for the public catalogue (course, class and station lists): when a
// sign-up opens, thousands of phones ask for the same list in the same second. Per process and
// URL, one request reads the database (the others of a burst wait for its answer) and the
// serialized body is served for `ttlMs` (≤ 1 s, config.catalogCacheMs) with a strong ETag;
// If-None-Match answers 304. `Cache-Control: public, max-age=1` lets a browser or CDN keep it a
// second more, so a figure shown is at most 2 s old.
// Only a display cache: enroll, book and apply count seats in the database, and nothing else reads
// it, so several processes each holding their own copy is fine. Writes do not clear it on purpose:
// in a rush every enroll is a write, and clearing on each would switch the cache off when it is
// needed most.
// A request with `Cache-Control: no-cache` reads the database (and refreshes the entry).
// A route opts in with `config: { publicCache: true }` (or `{ turnsAt }`); a route that looks at
// the caller (an auth preHandler) cannot, which is checked when routes are registered.
import { createHash } from 'node:crypto';
import fp from 'fastify-plugin';
import type { FastifyReply, FastifyRequest, RouteOptions } from 'fastify';

export interface PublicCacheRoute {
  /** Instants at which this answer changes by the clock alone (a window opening): an entry never outlives the next one. */
  turnsAt?: (payload: never) => Array<string | null | undefined>;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    publicCache?: true | PublicCacheRoute;
  }
}

interface Entry {
  body: string;
  etag: string;
  expiresAt: number;
  /** when the answer changes by the clock (ms), if that comes before the next window */
  turn: number | null;
}

/** Seconds a browser or CDN may keep the answer. */
const MAX_AGE = 1;

/** Distinct URLs kept (query strings make them unbounded); the oldest goes first. */
const MAX_ENTRIES = 500;

/** If-None-Match uses the weak comparison (RFC 9110 §13.1.2): W/ does not matter, `*` matches. */
function matches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch.split(',').some((t) => {
    const tag = t.trim().replace(/^W\//, '');
    return tag === '*' || tag === etag;
  });
}

/** Adds a route-level hook after any the route declares itself. */
function appendRouteHook(
  route: RouteOptions,
  name: 'onRequest' | 'preSerialization' | 'onSend' | 'onResponse',
  hook: unknown,
) {
  const hooks = route as unknown as Record<string, unknown>;
  const own = hooks[name];
  hooks[name] = [...(own ? (Array.isArray(own) ? own : [own]) : []), hook];
}

export default fp<{ ttlMs: number }>(
  async (app, { ttlMs }) => {
    const entries = new Map<string, Entry>();
    const inFlight = new Map<string, Promise<Entry | null>>();
    const leaders = new WeakMap<FastifyRequest, (e: Entry | null) => void>();
    const turns = new WeakMap<FastifyRequest, number>();
    const served = new WeakSet<FastifyRequest>();

    const fresh = (key: string) => {
      const e = entries.get(key);
      return e && app.now().getTime() < e.expiresAt ? e : null;
    };

    /** ETag and Cache-Control; a browser may not keep the answer past its turn either. */
    function validators(reply: FastifyReply, e: Entry) {
      const maxAge =
        e.turn === null
          ? MAX_AGE
          : Math.max(0, Math.min(MAX_AGE, Math.floor((e.turn - app.now().getTime()) / 1000)));
      reply.header('etag', e.etag).header('cache-control', `public, max-age=${maxAge}`);
    }

    function send(request: FastifyRequest, reply: FastifyReply, e: Entry) {
      served.add(request);
      validators(reply, e);
      if (matches(request.headers['if-none-match'], e.etag)) return reply.code(304).send();
      return reply.type('application/json; charset=utf-8').send(e.body);
    }

    function lead(request: FastifyRequest, e: Entry | null) {
      const resolve = leaders.get(request);
      if (!resolve) return;
      leaders.delete(request);
      inFlight.delete(request.url);
      resolve(e);
    }

    app.addHook('onRoute', (route) => {
      const options = route.config?.publicCache;
      // the HEAD route Fastify derives from a GET may inherit these hooks; they act on GET only
      if (!options || route.method === 'HEAD') return;
      if (route.preHandler || route.preValidation) {
        throw new Error(`${route.url}: a route that checks the caller cannot be publicly cached`);
      }
      if (ttlMs <= 0) return;
      const turnsAt = options === true ? undefined : options.turnsAt;

      appendRouteHook(route, 'onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
        if (request.method !== 'GET') return;
        // The app reads past the cache right after its own write (a staff edit, one's own
        // application) so the page shows it; the fresh answer then replaces the stored one.
        // A plain reload (max-age=0) does not bypass; only the rare hard reload does.
        if (/no-cache/i.test(request.headers['cache-control'] ?? '')) return;
        let e = fresh(request.url);
        if (!e) {
          const pending = inFlight.get(request.url);
          if (!pending) {
            // this request reads the database; identical ones arriving meanwhile wait for it
            inFlight.set(request.url, new Promise((resolve) => leaders.set(request, resolve)));
            return;
          }
          e = await pending;
          if (!e) return; // the first one failed or was not a 200: do the work ourselves
        }
        return send(request, reply, e);
      });

      if (turnsAt) {
        appendRouteHook(
          route,
          'preSerialization',
          async (request: FastifyRequest, _reply: FastifyReply, payload: unknown) => {
            const now = app.now().getTime();
            const next = turnsAt(payload as never)
              .map((t) => (t ? Date.parse(t) : NaN))
              .filter((t) => t > now)
              .sort((a, b) => a - b)[0];
            if (next !== undefined) turns.set(request, next);
            return payload;
          },
        );
      }

      appendRouteHook(
        route,
        'onSend',
        async (request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
          if (request.method !== 'GET' || served.has(request)) return payload;
          if (reply.statusCode !== 200 || typeof payload !== 'string') {
            lead(request, null);
            return payload;
          }
          const now = app.now().getTime();
          const turn = turns.get(request) ?? null;
          const e: Entry = {
            body: payload,
            etag: `"${createHash('sha1').update(payload).digest('base64url')}"`,
            expiresAt: Math.min(now + ttlMs, turn ?? Infinity),
            turn,
          };
          entries.delete(request.url);
          entries.set(request.url, e);
          if (entries.size > MAX_ENTRIES) entries.delete(entries.keys().next().value!);
          lead(request, e);
          validators(reply, e);
          if (matches(request.headers['if-none-match'], e.etag)) {
            // no body, so no Content-Length: 0 (a cache freshening its copy from the 304 would take it)
            reply.code(304).removeHeader('content-type');
            return null;
          }
          return payload;
        },
      );
      // a leader that never reached onSend (connection cut) must not leave the others waiting
      appendRouteHook(route, 'onResponse', async (request: FastifyRequest) => lead(request, null));
    });
  },
  { name: 'public-cache' },
);
