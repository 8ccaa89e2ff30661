// Login flows. Both WeChat and dev login end in the same session shape.
import type { FastifyInstance } from 'fastify';
import type { OrgKind, Role, Session } from '@/contract/account';
import { DEMO_COMMITTEE_NAME } from '../../db/seed/demo-orgs';
import * as users from '../users/repo';
import { toSessionUser } from '../users/present';

/** The one place sessions are signed (WeChat, dev and scan-to-login all end here). */
export async function sessionFor(
  app: FastifyInstance,
  userId: string,
  expiresInSec?: number,
): Promise<Session> {
  const row = (await users.findUserById(app.db, userId))!;
  return { ...app.signSession(row, expiresInSec), user: toSessionUser(row) };
}

/** `limitUser` refuses (429) an account that logs in too often; the account is known only after code2session. */
export async function loginWithWechat(
  app: FastifyInstance,
  code: string,
  limitUser: (openid: string) => Promise<void>,
): Promise<Session> {
  const { openid } = await app.wechat.code2session(code);
  await limitUser(openid);
  const id = await users.upsertUserByOpenid(app.db, openid);
  return sessionFor(app, id);
}

/** Ends every session of this account, on every device: one version counter serves all of them. */
export async function logout(app: FastifyInstance, userId: string): Promise<void> {
  await users.revokeSessions(app.db, userId);
}

/**
 * Development login (DEV_LOGIN=1 only): any openid, optionally as organizer/admin. An organizer
 * joins the demo committee — or, with `orgKind`, every organization of that kind (station staff,
 * site staff, a volunteer team) — so organizer pages have something to manage.
 */
export async function loginForDev(
  app: FastifyInstance,
  openid: string,
  role?: Role,
  orgKind?: OrgKind,
): Promise<Session> {
  const id = await app.db.transaction(async (tx) => {
    const userId = await users.upsertUserByOpenid(tx, `dev:${openid}`, role ?? 'resident');
    if (role) await users.setUserRole(tx, userId, role);
    if (role === 'organizer' && orgKind && orgKind !== 'committee') {
      for (const orgId of await users.findOrgIdsByKind(tx, orgKind))
        await users.addOrgMember(tx, userId, orgId);
    } else if (role === 'organizer') {
      const orgId = await users.ensureCommittee(tx, DEMO_COMMITTEE_NAME, '徐汇区');
      await users.addOrgMember(tx, userId, orgId);
    }
    return userId;
  });
  return sessionFor(app, id);
}
