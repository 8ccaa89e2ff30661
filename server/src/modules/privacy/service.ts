// 隐私与数据: a resident downloads everything kept about them, or deletes their account.
import type { FastifyInstance } from 'fastify';
import type { DataExport, DeleteAccountResult } from '@/contract/privacy';
import { PRIVACY_ERRORS, type PrivacyErrorCode } from '@/contract/privacy-rules';
import { AppError } from '../../errors';
import { audit } from '../../lib/audit';
import type { AuthUser } from '../../plugins/auth';
import { withdrawAllOf } from '../night-school/service';
import { cancelAllOf as cancelBookings } from '../station/service';
import { cancelAllOf as cancelEnrollments } from '../childcare/service';
import { releaseAllOf as releaseVolunteering } from '../volunteer/service';
import { readSection, SECTION_NAMES } from './export-repo';
import { sweepDeleted } from '../files/service';
import { hasStayInProgress, lockUser, scrubAccount } from './delete-repo';

const privacyError = (code: PrivacyErrorCode, status: number) =>
  new AppError(code, PRIVACY_ERRORS[code], status);

export async function exportData(app: FastifyInstance, userId: string): Promise<DataExport> {
  // One transaction: every section is read from the same snapshot.
  return app.db.transaction(async (tx) => {
    const out: Record<string, unknown> = { exportedAt: app.now().toISOString() };
    for (const section of SECTION_NAMES) out[section] = await readSection(tx, section, userId);
    out.account = (out.account as unknown[])[0];
    return out as DataExport;
  });
}

/**
 * Deletes the caller's account in one transaction: every seat they or their children hold is given
 * back (and offered to the next person waiting, as on a cancellation), their personal data is
 * deleted, and the users row is emptied so the append-only records that point at it stay whole.
 */
export async function deleteAccount(
  app: FastifyInstance,
  auth: AuthUser,
): Promise<DeleteAccountResult> {
  const now = app.now();
  const result = await app.db.transaction(async (tx) => {
    const user = await lockUser(tx, auth.id);
    if (!user) throw new AppError('UNAUTHORIZED', undefined, 401);
    if (user.role !== 'resident') throw privacyError('ACCOUNT_STAFF_ROLE', 403);
    if (await hasStayInProgress(tx, auth.id)) throw privacyError('ACCOUNT_STAY_IN_PROGRESS', 409);
    const released = {
      nightSchool: await withdrawAllOf(app, tx, auth.id, now),
      station: await cancelBookings(tx, auth.id, now),
      childcare: await cancelEnrollments(app, tx, auth.id, now),
      volunteer: await releaseVolunteering(tx, auth.id, now),
    };
    await scrubAccount(tx, auth.id, now);
    await audit(app, tx, auth, {
      action: 'account.delete',
      entity: 'user',
      entityId: auth.id,
      after: { released },
    });
    return { deleted: true as const, released };
  });
  // the images leave the disk now, not at the next sweep; a failure here is retried by the sweep job
  try {
    await (await sweepDeleted(app)).afterCommit();
  } catch (err) {
    app.log.error({ err }, 'file sweep after account deletion failed');
  }
  return result;
}
