// The family's side of a programme's eligibility: the 家长须知 agreed to once before enrolling,
// and the local-school list staff set. The enroll statement checks both (cc_check_family in SQL);
// this is where the parent agrees and staff keep the list.
import type { FastifyInstance } from 'fastify';
import type { NoticeAcceptance, Programme } from '@/contract/childcare';
import type { AuthUser } from '../../plugins/auth';
import { audit } from '../../lib/audit';
import { toIso } from '../../lib/format-time';
import { ccError } from './errors';
import * as repo from './repo';
import { toProgramme, validSchools } from './service';

async function knownProgramme(app: FastifyInstance, programmeId: string): Promise<void> {
  if (!(await repo.findProgramme(app.db, programmeId)))
    throw ccError('CC_PROGRAMME_NOT_FOUND', 404);
}

async function acceptance(
  app: FastifyInstance,
  programmeId: string,
  userId: string,
): Promise<NoticeAcceptance> {
  const at = await repo.noticeAcceptedAt(app.db, programmeId, userId);
  return { acceptedAt: at ? toIso(at) : null };
}

export async function noticeAcceptance(
  app: FastifyInstance,
  programmeId: string,
  userId: string,
): Promise<NoticeAcceptance> {
  await knownProgramme(app, programmeId);
  return acceptance(app, programmeId, userId);
}

/** Agreeing to the notice as it stands now; agreeing again changes nothing. */
export async function acceptNotice(
  app: FastifyInstance,
  programmeId: string,
  userId: string,
): Promise<NoticeAcceptance> {
  await knownProgramme(app, programmeId);
  await repo.acceptNotice(app.db, programmeId, userId, app.now());
  return acceptance(app, programmeId, userId);
}

export async function setLocalSchools(
  app: FastifyInstance,
  auth: AuthUser,
  programmeId: string,
  lines: string[] | null,
): Promise<Programme> {
  const schools = validSchools(lines);
  return app.db.transaction(async (tx) => {
    const before = await repo.findProgramme(tx, programmeId);
    if (!before) throw ccError('CC_PROGRAMME_NOT_FOUND', 404);
    const row = await repo.setLocalSchools(tx, programmeId, schools);
    const programme = toProgramme(row!);
    await audit(app, tx, auth, {
      action: 'childcare.programme.local-schools',
      entity: 'cc_programme',
      entityId: programmeId,
      before: { localSchools: before.local_schools },
      after: { localSchools: programme.localSchools },
    });
    return programme;
  });
}
