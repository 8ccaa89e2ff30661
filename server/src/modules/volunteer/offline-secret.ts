// Hands a shift's offline-code secret to one of its organizers, so their phone can show a valid
// check-in code for the whole shift without network. Only from a day before check-in opens until
// check-out closes (a lost phone leaks one shift, for a bounded time), and every fetch is audited.
import type { FastifyInstance } from 'fastify';
import type { AuthUser } from '../../plugins/auth';
import { AppError } from '../../errors';
import { audit } from '../../lib/audit';
import type { CheckinSecret } from '@/contract/volunteer';
import { CHECKIN_CODE_WINDOW_SEC, checkinWindow } from '@/contract/volunteer-rules';
import { OFFLINE_SECRET_LEAD_SEC } from '@/contract/volunteer-offline-code';
import { shiftOfflineSecret } from './offline-code';
import { ownedShift } from './service';
import { beijingTime } from '../../lib/format-time';

export async function checkinSecret(
  app: FastifyInstance,
  auth: AuthUser,
  shiftId: string,
): Promise<CheckinSecret> {
  const shift = await ownedShift(app.db, auth, shiftId);
  const settings = {
    startsAt: shift.starts_at,
    endsAt: shift.ends_at,
    openBeforeMin: shift.checkin_open_before_min,
    closeAfterMin: shift.checkout_close_after_min,
  };
  const from = new Date(
    checkinWindow('in', settings).opens.getTime() - OFFLINE_SECRET_LEAD_SEC * 1000,
  );
  const until = checkinWindow('out', settings).closes;
  const now = app.now();
  if (now < from || now > until) {
    throw new AppError(
      'CHECKIN_SECRET_UNAVAILABLE',
      `离线签到码可在 ${beijingTime(from)} 至 ${beijingTime(until)} 下载`,
      409,
    );
  }
  // one row, nothing else written: no transaction needed (as a roster read)
  await audit(app, app.db, auth, {
    action: 'volunteer.checkin_secret.fetch',
    entity: 'volunteer_shift',
    entityId: shiftId,
    orgId: shift.org_id,
  });
  return {
    shiftId,
    secret: shiftOfflineSecret(app.codeSecret, shiftId),
    windowSeconds: CHECKIN_CODE_WINDOW_SEC,
    serverTime: now.toISOString(),
    usableUntil: until.toISOString(),
  };
}
