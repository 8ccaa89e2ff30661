// Role changes made on the server itself (npm run grant), for the first admin: nobody can grant
// through the API before an admin exists, and there are no passwords to start from. The person
// signs in through WeChat once (so their openid exists), then an operator runs the command.
// Audited like an admin's change, with the system as the actor.
import type { Role } from '@/contract/account';
import { ADMIN_ERRORS } from '@/contract/admin';
import type { Db } from '../../db/db';
import { AppError } from '../../errors';
import { audit } from '../../lib/audit';
import * as repo from './repo';

export interface Granted {
  userId: string;
  before: Role;
  after: Role;
}

export async function grantRole(
  db: Db,
  openid: string,
  role: Role,
  now: () => Date = () => new Date(),
): Promise<Granted> {
  return db.transaction(async (tx) => {
    const user = await repo.findUserByOpenid(tx, openid);
    if (!user)
      throw new AppError(
        'USER_NOT_FOUND',
        `${ADMIN_ERRORS.USER_NOT_FOUND}：请先用微信登录一次小程序`,
        404,
      );
    if (user.role === 'admin' && role !== 'admin' && (await repo.countAdmins(tx)) <= 1)
      throw new AppError('LAST_ADMIN', ADMIN_ERRORS.LAST_ADMIN, 409);
    await repo.setRole(tx, user.id, role);
    await audit(
      { now },
      tx,
      { id: null, role: 'system' },
      {
        action: 'user.role',
        entity: 'user',
        entityId: user.id,
        before: { role: user.role },
        after: { role, via: 'cli' },
      },
    );
    return { userId: user.id, before: user.role, after: role };
  });
}
