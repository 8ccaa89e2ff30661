// Scans made without signal: kept on the phone with their nonce and scan time, uploaded when the
// network is back. The server accepts each nonce once, so uploading twice is harmless.
import Taro from '@tarojs/taro';
import type { CheckinBody } from '@/contract/volunteer';

const KEY = 'youth-hub/volunteer/offline-scans';

export function pendingScans(): CheckinBody[] {
  try {
    const raw = Taro.getStorageSync(KEY);
    return typeof raw === 'string' && raw ? (JSON.parse(raw) as CheckinBody[]) : [];
  } catch {
    return [];
  }
}

function save(list: CheckinBody[]) {
  Taro.setStorageSync(KEY, JSON.stringify(list));
}

export function queueScan(scan: CheckinBody): void {
  const list = pendingScans().filter((s) => s.nonce !== scan.nonce);
  save([...list, scan]);
}

export function dropScan(nonce: string): void {
  save(pendingScans().filter((s) => s.nonce !== nonce));
}

/** A nonce for one scan: never reused, even for a retry of a different scan. */
export function newNonce(): string {
  return `scan-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
}
