// npm run grant -- --openid <openid> --role admin: sets a user's role from the server (the first
// admin, or a repair when no admin can sign in). The user must have signed in through WeChat once.
import { parseArgs } from 'node:util';
import type { Role } from '@/contract/account';
import { loadConfig } from '../config';
import { pendingMigrations } from '../db/migrate';
import { openDb } from '../db/open-db';
import { grantRole } from '../modules/admin/grant';

const ROLES: Role[] = ['resident', 'organizer', 'admin'];
const USAGE =
  '用法 / usage: npm run grant -- --openid <微信 openid> --role admin|organizer|resident';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { openid: { type: 'string' }, role: { type: 'string' } },
  });
  const { openid, role } = values;
  if (!openid || !role || !ROLES.includes(role as Role)) throw new Error(USAGE);
  const db = await openDb(loadConfig());
  try {
    if ((await pendingMigrations(db)).length)
      throw new Error(
        '数据库结构落后，请先运行 npm run migrate / the schema is behind: run npm run migrate first',
      );
    const { userId, before, after } = await grantRole(db, openid, role as Role);
    console.log(
      `用户 ${userId}：${before} → ${after}（已记入操作日志）/ user ${userId}: ${before} → ${after} (audited)`,
    );
  } finally {
    await db.close();
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
