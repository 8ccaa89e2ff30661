// 我的志愿 opens without network: the volunteer's shifts that can still be checked in or out are
// kept on the phone after each successful load, per account, and shown marked 离线 when the
// network is gone. Only what the check-in needs is kept (no hours, no ledger).
import Taro from '@tarojs/taro';
import type { MyShift } from '@/contract/volunteer';
import { OFFLINE_SCAN_MAX_AGE_SEC } from '@/contract/volunteer-rules';
import { useSession } from '@/lib/session';

const KEY = 'youth-hub/volunteer/my-shifts';

interface Saved {
  userId: string;
  savedAt: string;
  items: MyShift[];
}

/** Shifts not cancelled and not over for longer than an offline scan may wait. */
const stillUseful = (s: MyShift, now: number) =>
  s.status === 'active' && Date.parse(s.shift.endsAt) + OFFLINE_SCAN_MAX_AGE_SEC * 1000 > now;

export function saveMyShifts(items: MyShift[], now = Date.now()): void {
  const userId = useSession.getState().user?.id;
  if (!userId) return;
  const saved: Saved = {
    userId,
    savedAt: new Date(now).toISOString(),
    items: items.filter((s) => stillUseful(s, now)),
  };
  Taro.setStorageSync(KEY, JSON.stringify(saved));
}

/** The signed-in volunteer's saved shifts and when they were saved, or null. */
export function savedMyShifts(now = Date.now()): { savedAt: string; items: MyShift[] } | null {
  try {
    const raw = Taro.getStorageSync(KEY);
    if (typeof raw !== 'string' || !raw) return null;
    const saved = JSON.parse(raw) as Saved;
    if (saved.userId !== useSession.getState().user?.id) return null;
    return { savedAt: saved.savedAt, items: saved.items.filter((s) => stillUseful(s, now)) };
  } catch {
    return null;
  }
}
