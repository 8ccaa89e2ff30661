// JWT sessions. app.authenticate loads the caller fresh from the database on every request, so a
// role change or a removed org membership takes effect immediately, not after the 7-day token.
// The same primary-key lookup reads users.token_version: a token signed with an older version
// (before a logout, a role or a membership change) is refused — revocation without a second query.
// The one-statement rush routes (childcare enroll, night-school apply, volunteer sign-up) verify the
// token only (authenticateToken) and make these two checks inside their one statement
// (yh_check_session, migration 0035), so a rush tap costs no lookup of its own.
import fp from 'fastify-plugin';
import fastifyJwt from '@fastify/jwt';
import type { FastifyReply, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import type { Role } from '@/contract/account';
import { AppError } from '../errors';
import { findUserById, type UserRow } from '../modules/users/repo';

/**
 * The signed-in user as the verified token says (authenticateToken): the id, the role and the
 * token version at signing, not checked against the database yet.
 */
export interface TokenUser {
  id: string;
  role: Role;
  tokenVersion: number;
}

export interface AuthUser {
  id: string;
  role: Role;
  orgIds: string[];
  row: UserRow;
}

declare module '@fastify/jwt' {
  interface FastifyJWT {
    /** ver: users.token_version at signing; absent in tokens signed before versions existed (= 0). */
    payload: { sub: string; role: Role; ver?: number };
    user: { sub: string; role: Role; ver?: number };
  }
}

declare module 'fastify' {
  interface FastifyInstance {
    authenticate: (request: FastifyRequest, reply: FastifyReply) => Promise<void>;
    /**
     * The token's signature and expiry only, no database read: for a rush route whose one
     * statement checks the user and the token version itself (childcare enroll, migration 0025).
     * Sets request.tokenUser, not request.auth.
     */
    authenticateToken: (request: FastifyRequest, reply: FastifyReply) => Promise<void>;
    /** For pages anyone may open (a shared card): a session when one is sent, else none. */
    authenticateIfPresent: (request: FastifyRequest, reply: FastifyReply) => Promise<void>;
    requireRole: (...roles: Role[]) => preHandlerAsyncHookHandler;
    /** A session token carrying the user's token version; `expiresInSec` shortens it (a PC's scan-to-login session lasts 12 h). */
    signSession: (
      user: { id: string; role: Role; token_version: number },
      expiresInSec?: number,
    ) => { token: string; expiresAt: string };
  }
  interface FastifyRequest {
    auth: AuthUser | null;
    tokenUser: TokenUser | null;
  }
}

export default fp<{ secret: string; expiresInSec: number }>(
  async (app, { secret, expiresInSec }) => {
    await app.register(fastifyJwt, { secret, sign: { expiresIn: expiresInSec } });
    app.decorateRequest('auth', null);
    app.decorateRequest('tokenUser', null);

    app.decorate(
      'signSession',
      (user: { id: string; role: Role; token_version: number }, expiresInSec?: number) => {
        const token = app.jwt.sign(
          { sub: user.id, role: user.role, ver: user.token_version },
          expiresInSec ? { expiresIn: expiresInSec } : {},
        );
        const { exp } = app.jwt.decode<{ exp: number }>(token)!;
        return { token, expiresAt: new Date(exp * 1000).toISOString() };
      },
    );

    // app.jwt.verify: the plugin's one verifier, built at registration with the secret and the
    // options of request.jwtVerify(), which would merge options, decode the token a second time and
    // run a callback chain on every request (a tenth of a rush tap's CPU, profiled).
    function verifyToken(request: FastifyRequest): TokenUser {
      const token = bearerToken(request.headers.authorization);
      let claims: { sub: string; role: Role; ver?: number };
      try {
        if (!token) throw new Error('no bearer token');
        claims = app.jwt.verify<{ sub: string; role: Role; ver?: number }>(token);
      } catch {
        throw new AppError('UNAUTHORIZED', undefined, 401);
      }
      const sub = String(claims.sub);
      if (!/^\d+$/.test(sub)) throw new AppError('UNAUTHORIZED', undefined, 401);
      return { id: sub, role: claims.role, tokenVersion: claims.ver ?? 0 };
    }

    app.decorate('authenticate', async (request: FastifyRequest) => {
      const token = verifyToken(request);
      const row = await findUserById(app.db, token.id);
      if (!row) throw new AppError('UNAUTHORIZED', undefined, 401);
      if (token.tokenVersion !== row.token_version)
        throw new AppError('SESSION_REVOKED', undefined, 401);
      request.tokenUser = token;
      request.auth = { id: row.id, role: row.role, orgIds: row.org_ids, row };
    });

    app.decorate('authenticateToken', async (request: FastifyRequest) => {
      request.tokenUser = verifyToken(request);
    });

    // a token that is sent but bad is still refused, so the client re-signs in instead of quietly
    // being shown the page as a stranger
    app.decorate('authenticateIfPresent', async (request: FastifyRequest, reply: FastifyReply) => {
      if (request.headers.authorization) await app.authenticate(request, reply);
    });

    app.decorate('requireRole', (...roles: Role[]): preHandlerAsyncHookHandler => {
      return async function requireRole(
        this: unknown,
        request: FastifyRequest,
        reply: FastifyReply,
      ) {
        if (!request.auth) await app.authenticate(request, reply);
        if (!roles.includes(request.auth!.role)) throw new AppError('FORBIDDEN', undefined, 403);
      };
    });
  },
  { name: 'auth', dependencies: ['db'] },
);

/** The token of `Authorization: Bearer <token>`, as @fastify/jwt reads it; null for anything else. */
function bearerToken(header: string | undefined): string | null {
  if (!header || !/^Bearer\s/i.test(header)) return null;
  const parts = header.split(' ');
  return parts.length === 2 && parts[1] ? parts[1] : null;
}
