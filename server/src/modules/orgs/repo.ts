import type { Queryable } from '../../db/db';
import type { Organization, OrgKind } from '@/contract/account';

export async function listOrgs(db: Queryable, kind?: OrgKind): Promise<Organization[]> {
  return db.query<Organization>(
    `SELECT id::text AS id, kind, name, district, address, summary
     FROM organizations WHERE ($1::text IS NULL OR kind = $1) ORDER BY kind, id`,
    [kind ?? null],
  );
}
