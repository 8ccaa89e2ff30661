// The rotating on-site check-in code: a signed token for one shift that lives for one 30-second
// window (plus a short grace), so a photo sent to a friend is useless a minute later. The code an
// organizer's phone mints offline (offline-code.ts) lives by the same window. Offline
// scans are verified against the SCAN time, which must lie inside the code's own life: not before
// its window began (the code did not exist), not after the upload arrived, not older than 24 h.
import { signToken, verifyToken } from '../../lib/signed-token';
import {
  CHECKIN_CODE_GRACE_SEC,
  CHECKIN_CODE_WINDOW_SEC,
  OFFLINE_SCAN_MAX_AGE_SEC,
} from '@/contract/volunteer-rules';
import { AppError } from '../../errors';
import { VOLUNTEER_ERRORS } from '@/contract/volunteer';
import { readOfflineCode } from './offline-code';

export const CHECKIN_PURPOSE = 'volunteer-checkin';

/** The code for the window containing `now`: exp = window end + grace. */
export function issueCheckinCode(
  secret: string,
  shiftId: string,
  now: Date,
): { token: string; refreshAt: Date; expiresAt: Date } {
  const nowSec = Math.floor(now.getTime() / 1000);
  const windowEnd = (Math.floor(nowSec / CHECKIN_CODE_WINDOW_SEC) + 1) * CHECKIN_CODE_WINDOW_SEC;
  const exp = windowEnd + CHECKIN_CODE_GRACE_SEC;
  const token = signToken(secret, { p: CHECKIN_PURPOSE, s: shiftId, exp });
  return { token, refreshAt: new Date(windowEnd * 1000), expiresAt: new Date(exp * 1000) };
}

/** Refuses a scan time after the upload arrived (the server's clock) or older than the offline bound. */
export function assertScanTime(scannedAt: Date, now: Date): void {
  const diffSec = (now.getTime() - scannedAt.getTime()) / 1000;
  if (Number.isNaN(diffSec))
    throw new AppError('SCAN_TIME_INVALID', VOLUNTEER_ERRORS.SCAN_TIME_INVALID, 400);
  if (diffSec < 0) {
    throw new AppError(
      'SCAN_TIME_INVALID',
      `扫码时间晚于上传时间 ${Math.max(1, Math.round(-diffSec / 60))} 分钟，请校准手机时间`,
      400,
    );
  }
  if (diffSec > OFFLINE_SCAN_MAX_AGE_SEC) {
    throw new AppError(
      'SCAN_TIME_INVALID',
      `离线签到记录已超过 ${OFFLINE_SCAN_MAX_AGE_SEC / 3600} 小时，不能再上传`,
      400,
    );
  }
}

/**
 * Verifies the code as it was at `scannedAt` and returns nothing, or throws a stable code. Two
 * kinds share one set of rules: the server's rotating code and the code an organizer's phone
 * minted offline from the shift's secret. Either way the code's life window must contain the
 * claimed scan time (which assertScanTime already held to before the upload's arrival).
 */
export function assertCheckinCode(
  secret: string,
  token: string,
  shiftId: string,
  scannedAt: Date,
): void {
  const life = codeLife(secret, token);
  if (scannedAt.getTime() > life.until.getTime())
    throw new AppError('CHECKIN_CODE_EXPIRED', VOLUNTEER_ERRORS.CHECKIN_CODE_EXPIRED, 400);
  // A scan "before" the code's window began is a claimed time that cannot be true (no allowance
  // for the phone's clock: it is not trusted).
  if (scannedAt.getTime() < life.from.getTime()) {
    throw new AppError('SCAN_TIME_INVALID', '扫码时间早于签到码生成时间，请校准手机时间', 400);
  }
  if (life.shiftId !== shiftId)
    throw new AppError('CHECKIN_CODE_WRONG_SHIFT', VOLUNTEER_ERRORS.CHECKIN_CODE_WRONG_SHIFT, 400);
}

const invalid = () =>
  new AppError('CHECKIN_CODE_INVALID', VOLUNTEER_ERRORS.CHECKIN_CODE_INVALID, 400);

/** The shift a genuine code names and the window it lives in; throws for anything forged. */
function codeLife(secret: string, token: string): { shiftId: string; from: Date; until: Date } {
  const offline = readOfflineCode(secret, token);
  if (offline) {
    if (!offline.ok) throw invalid();
    return offline;
  }
  // The expiry is judged above against the scan time, not here against any clock.
  const res = verifyToken(secret, token, CHECKIN_PURPOSE, new Date(0));
  if (!res.ok) throw invalid();
  const { exp, s } = res.payload;
  // A code with no expiry was never issued by issueCheckinCode. Its window began exactly
  // grace + window seconds before it expires.
  if (exp === undefined) throw invalid();
  return {
    shiftId: s,
    from: new Date((exp - CHECKIN_CODE_GRACE_SEC - CHECKIN_CODE_WINDOW_SEC) * 1000),
    until: new Date(exp * 1000),
  };
}
