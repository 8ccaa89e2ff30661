// The organizer's phone mints the check-in code of each 30-second step from the shift's secret,
// on server time (the offset measured when the secret was fetched), so the screen keeps working
// without network for the whole shift. The server checks it by the same rules as its own codes.
import {
  formatOfflineCode,
  offlineCodeLife,
  offlineCodeMessage,
  offlineCodeStep,
} from '@/contract/volunteer-offline-code';
import { CHECKIN_CODE_WINDOW_SEC } from '@/contract/volunteer-rules';
import { utf8 } from '@/contract/sha256';
import { fromBase64url, hmacSha256, toBase64url } from '@/lib/hmac-sha256';

/** The code to show at `serverNowMs`, and when the next one is due (end of this step's window). */
export function mintOfflineCode(
  secret: string,
  shiftId: string,
  serverNowMs: number,
): { token: string; refreshAt: string } {
  const step = offlineCodeStep(serverNowMs);
  const mac = toBase64url(
    hmacSha256(fromBase64url(secret), utf8(offlineCodeMessage(shiftId, step))),
  );
  const windowEnd = offlineCodeLife(step).from + CHECKIN_CODE_WINDOW_SEC * 1000;
  return {
    token: formatOfflineCode(shiftId, step, mac),
    refreshAt: new Date(windowEnd).toISOString(),
  };
}
