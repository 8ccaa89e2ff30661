// Admin rules: who may organize for which organization, and the audit trail they leave.
import type { FastifyInstance } from 'fastify';
import type {
  AdminUser,
  AuditEntry,
  AuditQuery,
  IdVerification,
  OrgMembers,
} from '@/contract/admin';
import { ADMIN_ERRORS } from '@/contract/admin';
import type { Role } from '@/contract/account';
import { AppError } from '../../errors';
import { audit } from '../../lib/audit';
import type { AuthUser } from '../../plugins/auth';
import * as repo from './repo';
import { revokeSessions } from '../users/repo';
import { listIdVerificationRequests } from '../me/id-verification';
import { toIso } from '../../lib/format-time';

const fail = (code: keyof typeof ADMIN_ERRORS, status: number) =>
  new AppError(code, ADMIN_ERRORS[code], status);

const presentUser = (u: repo.AdminUserRow): AdminUser => ({
  id: u.id,
  name: u.name,
  phoneMasked: u.phone_masked,
  role: u.role,
  orgIds: u.org_ids,
});

export async function searchUsers(app: FastifyInstance, q: string): Promise<AdminUser[]> {
  return (await repo.searchUsers(app.db, q.trim())).map(presentUser);
}

export async function setRole(
  app: FastifyInstance,
  actor: AuthUser,
  userId: string,
  role: Role,
): Promise<AdminUser> {
  return app.db.transaction(async (tx) => {
    const user = await repo.findUser(tx, userId);
    if (!user) throw fail('USER_NOT_FOUND', 404);
    if (user.role === 'admin' && role !== 'admin' && (await repo.countAdmins(tx)) <= 1)
      throw fail('LAST_ADMIN', 409);
    await repo.setRole(tx, userId, role);
    // a token must not outlive the role it was signed for
    if (user.role !== role) await revokeSessions(tx, userId);
    await audit(app, tx, actor, {
      action: 'user.role',
      entity: 'user',
      entityId: userId,
      before: { role: user.role },
      after: { role },
    });
    return presentUser({ ...user, role });
  });
}

export async function listMembers(app: FastifyInstance, orgId: string): Promise<OrgMembers> {
  const org = await repo.findOrg(app.db, orgId);
  if (!org) throw fail('ORG_NOT_FOUND', 404);
  const rows = await repo.listMembers(app.db, orgId);
  return {
    org,
    items: rows.map((r) => ({
      userId: r.user_id,
      name: r.name,
      phoneMasked: r.phone_masked,
      role: r.role,
    })),
  };
}

/** Makes a user staff (or manager) of one organization; a resident becomes an organizer. */
export async function addMember(
  app: FastifyInstance,
  actor: AuthUser,
  orgId: string,
  userId: string,
  role: 'staff' | 'manager',
): Promise<OrgMembers> {
  await app.db.transaction(async (tx) => {
    const [org, user] = [await repo.findOrg(tx, orgId), await repo.findUser(tx, userId)];
    if (!org) throw fail('ORG_NOT_FOUND', 404);
    if (!user) throw fail('USER_NOT_FOUND', 404);
    const previous = await repo.upsertMember(tx, orgId, userId, role);
    if (user.role === 'resident') await repo.setRole(tx, userId, 'organizer');
    // what a token may do changed: a new membership, another member role, or a new user role
    if (previous !== role || user.role === 'resident') await revokeSessions(tx, userId);
    await audit(app, tx, actor, {
      action: 'org.member.add',
      entity: 'org_member',
      entityId: `${orgId}:${userId}`,
      orgId,
      before: previous ? { role: previous, userRole: user.role } : null,
      after: { role, userRole: user.role === 'resident' ? 'organizer' : user.role },
    });
  });
  return listMembers(app, orgId);
}

export async function removeMember(
  app: FastifyInstance,
  actor: AuthUser,
  orgId: string,
  userId: string,
): Promise<OrgMembers> {
  await app.db.transaction(async (tx) => {
    const previous = await repo.deleteMember(tx, orgId, userId);
    if (!previous) throw fail('MEMBER_NOT_FOUND', 404);
    await revokeSessions(tx, userId);
    await audit(app, tx, actor, {
      action: 'org.member.remove',
      entity: 'org_member',
      entityId: `${orgId}:${userId}`,
      orgId,
      before: { role: previous },
      after: null,
    });
  });
  return listMembers(app, orgId);
}

function presentAudit(r: repo.AuditRow): AuditEntry {
  return {
    id: r.id,
    at: toIso(r.at),
    actorId: r.actor_id,
    actorName: r.actor_name,
    actorRole: r.actor_role,
    action: r.action,
    entity: r.entity,
    entityId: r.entity_id,
    orgId: r.org_id,
    before: r.before ?? null,
    after: r.after ?? null,
  };
}

export async function listAudit(
  app: FastifyInstance,
  q: AuditQuery,
): Promise<{ items: AuditEntry[]; next: string | null }> {
  const limit = q.limit ?? 50;
  const rows = await repo.listAudit(app.db, q, limit + 1);
  const page = rows.slice(0, limit).map(presentAudit);
  return { items: page, next: rows.length > limit ? page[page.length - 1].id : null };
}

/** Everything the filter matches, for the CSV export (capped: an export is for people to read). */
export async function exportAudit(app: FastifyInstance, q: AuditQuery): Promise<AuditEntry[]> {
  return (await repo.listAudit(app.db, q, 10_000)).map(presentAudit);
}

/** 人工核验 requests, newest first: whose own ID number was held by which account. */
export async function listIdVerifications(app: FastifyInstance): Promise<IdVerification[]> {
  return (await listIdVerificationRequests(app.db)).map((r) => ({
    id: r.id,
    createdAt: toIso(r.created_at),
    idNumberMasked: r.id_number_masked,
    requester: { id: r.user_id, name: r.user_name, phoneMasked: r.user_phone_masked },
    boundTo: r.bound_user_id
      ? { id: r.bound_user_id, name: r.bound_name, phoneMasked: r.bound_phone_masked }
      : null,
  }));
}
