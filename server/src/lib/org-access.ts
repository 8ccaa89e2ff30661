// Organizer scoping: staff act only for their own organizations. Someone else's item answers
// 404, exactly like a missing one, so ids of other stations/sites cannot be probed.
import type { AuthUser } from '../plugins/auth';
import { AppError } from '../errors';

export function canManageOrg(auth: AuthUser, orgId: string | number): boolean {
  return (
    auth.role === 'admin' || (auth.role === 'organizer' && auth.orgIds.includes(String(orgId)))
  );
}

export function assertOrgAccess(
  auth: AuthUser,
  orgId: string | number,
  notFoundCode = 'NOT_FOUND',
): void {
  if (!canManageOrg(auth, orgId)) throw new AppError(notFoundCode, '请求的内容不存在', 404);
}
