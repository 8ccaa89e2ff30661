// Idempotency-Key for creating POSTs: the same key replays the first result; a retry or double tap
// never creates twice. The key row is inserted (ON CONFLICT DO NOTHING) in the SAME transaction as
// the work, so on PostgreSQL a concurrent duplicate blocks on the primary key until the first
// commits, then finds the stored response; if the first rolls back, the duplicate does the work.
// On PGlite, pglite.transaction() serializes transactions, which gives the same result.
// The childcare enroll rush does the same inside one SQL function (migration 0025): it takes its
// key through idempotencyClaim() and claims it, works and stores the answer in that one statement.
import { createHash } from 'node:crypto';
import fp from 'fastify-plugin';
import type { FastifyRequest } from 'fastify';
import type { Queryable } from '../db/db';
import { AppError } from '../errors';
import { stableStringify } from '../lib/stable-json';

export const IDEMPOTENCY_HEADER = 'idempotency-key';
const KEY_PATTERN = /^[A-Za-z0-9_-]{8,64}$/;

export interface IdempotentResult<T> {
  statusCode: number;
  body: T;
}

/** A request's Idempotency-Key, checked, with what it is stored under. */
export interface IdempotencyClaim {
  userId: string;
  key: string;
  /** 'POST /api/v1/…': a key reused on another route is refused. */
  route: string;
  /** sha256 of the params and body: a key reused with other content is refused. */
  hash: string;
}

/** The answer to a second send of a key whose first is still being worked on. */
export const KEY_IN_PROGRESS_MESSAGE = '相同请求正在处理中，请稍后再试';

declare module 'fastify' {
  interface FastifyInstance {
    /**
     * The request's Idempotency-Key as a claim for a route that stores its answer in its own SQL
     * (the childcare rush: migration 0025); null without a key. Throws 400 for a malformed key.
     */
    idempotencyClaim(request: FastifyRequest): IdempotencyClaim | null;
    /**
     * Runs `work` in a transaction guarded by the request's Idempotency-Key (if any). The route
     * must be authenticated (keys are per user). Returns `replayed: true` for a stored result.
     */
    idempotent<T>(
      request: FastifyRequest,
      work: (tx: Queryable) => Promise<IdempotentResult<T>>,
    ): Promise<IdempotentResult<T> & { replayed: boolean }>;
  }
}

interface KeyRow {
  route: string;
  request_hash: string;
  status_code: number | null;
  response: unknown;
}

export default fp(
  async (app) => {
    function idempotencyClaim(request: FastifyRequest): IdempotencyClaim | null {
      const raw = request.headers[IDEMPOTENCY_HEADER];
      if (raw === undefined) return null;
      const key = Array.isArray(raw) ? raw[0]! : raw;
      if (!KEY_PATTERN.test(key)) throw new AppError('IDEMPOTENCY_KEY_INVALID', undefined, 400);
      const userId = request.auth?.id ?? request.tokenUser?.id;
      if (!userId) throw new Error('idempotent() needs an authenticated route');
      return {
        userId,
        key,
        route: `${request.method} ${request.routeOptions.url}`,
        hash: createHash('sha256')
          .update(stableStringify({ params: request.params ?? null, body: request.body ?? null }))
          .digest('hex'),
      };
    }
    app.decorate('idempotencyClaim', idempotencyClaim);

    app.decorate('idempotent', async function idempotent<
      T,
    >(request: FastifyRequest, work: (tx: Queryable) => Promise<IdempotentResult<T>>): Promise<
      IdempotentResult<T> & { replayed: boolean }
    > {
      const claim = idempotencyClaim(request);
      if (!claim) return { ...(await app.db.transaction(work)), replayed: false };
      const { userId, key, route, hash } = claim;

      return app.db.transaction(async (tx) => {
        const inserted = await tx.query(
          `INSERT INTO idempotency_keys (user_id, key, route, request_hash) VALUES ($1, $2, $3, $4)
           ON CONFLICT (user_id, key) DO NOTHING RETURNING 1 AS ok`,
          [userId, key, route, hash],
        );
        if (inserted.length === 0) {
          const [row] = await tx.query<KeyRow>(
            'SELECT route, request_hash, status_code, response FROM idempotency_keys WHERE user_id = $1 AND key = $2',
            [userId, key],
          );
          if (!row || row.route !== route || row.request_hash !== hash) {
            throw new AppError('IDEMPOTENCY_KEY_REUSED', undefined, 422);
          }
          if (row.status_code === null)
            throw new AppError('IDEMPOTENCY_KEY_REUSED', KEY_IN_PROGRESS_MESSAGE, 409);
          return { statusCode: row.status_code, body: row.response as T, replayed: true };
        }
        const result = await work(tx);
        // Stored as JSON, so it must be plain data (ISO strings, not Date objects).
        await tx.query(
          'UPDATE idempotency_keys SET status_code = $3, response = $4::jsonb WHERE user_id = $1 AND key = $2',
          [userId, key, result.statusCode, JSON.stringify(result.body)],
        );
        return { ...result, replayed: false };
      });
    });
  },
  { name: 'idempotency', dependencies: ['db'] },
);
