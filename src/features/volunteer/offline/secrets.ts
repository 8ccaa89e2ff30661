// The organizer's phone keeps each shift's offline-code secret it fetched, with the difference
// between the server's clock and its own at that moment, so the code screen mints codes on server
// time without network. A secret is forgotten once its shift's check-out has closed, and belongs
// to the account that fetched it.
import Taro from '@tarojs/taro';
import type { CheckinSecret } from '@/contract/volunteer';
import { useSession } from '@/lib/session';

const KEY = 'youth-hub/volunteer/code-secrets';

export interface HeldSecret {
  shiftId: string;
  userId: string;
  secret: string;
  /** ms to add to the phone's Date.now() to get the server's time. */
  offsetMs: number;
  usableUntil: string;
}

function read(now: number): HeldSecret[] {
  try {
    const raw = Taro.getStorageSync(KEY);
    const list = typeof raw === 'string' && raw ? (JSON.parse(raw) as HeldSecret[]) : [];
    return list.filter((s) => Date.parse(s.usableUntil) > now);
  } catch {
    return [];
  }
}

export function keepSecret(s: CheckinSecret, now = Date.now()): HeldSecret {
  const held: HeldSecret = {
    shiftId: s.shiftId,
    userId: useSession.getState().user?.id ?? '',
    secret: s.secret,
    offsetMs: Date.parse(s.serverTime) - now,
    usableUntil: s.usableUntil,
  };
  const others = read(now).filter((x) => !(x.shiftId === s.shiftId && x.userId === held.userId));
  Taro.setStorageSync(KEY, JSON.stringify([...others, held]));
  return held;
}

export function heldSecret(shiftId: string, now = Date.now()): HeldSecret | null {
  const userId = useSession.getState().user?.id;
  return read(now).find((s) => s.shiftId === shiftId && s.userId === userId) ?? null;
}
