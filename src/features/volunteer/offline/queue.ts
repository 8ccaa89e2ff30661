// Scans made without signal: kept on the phone at once with their nonce and scan time, uploaded
// when the network is back. The server accepts each nonce once, so uploading twice is harmless.
// A scan the server refuses moves to a list of refusals with the reason, shown until the
// volunteer has read it: nothing leaves the phone's queue unseen.
import Taro from '@tarojs/taro';
import type { CheckinBody } from '@/contract/volunteer';
import { ApiError } from '@/lib/api-error';
import { useSession } from '@/lib/session';

const QUEUE_KEY = 'youth-hub/volunteer/offline-scans';
const REFUSED_KEY = 'youth-hub/volunteer/refused-scans';

export interface QueuedScan {
  /** Exactly what is uploaded (with the phone's scan time). */
  body: CheckinBody;
  /** The task's title, for the queue on screen. */
  title: string;
  /** Whose scan it is: another account signed in on this phone uploads nothing of it. */
  userId: string;
}

export interface RefusedScan {
  nonce: string;
  kind: 'in' | 'out';
  title: string;
  scannedAt: string;
  code: string;
  message: string;
  userId: string;
}

function read<T>(key: string): T[] {
  try {
    const raw = Taro.getStorageSync(key);
    return typeof raw === 'string' && raw ? (JSON.parse(raw) as T[]) : [];
  } catch {
    return [];
  }
}

const write = <T>(key: string, list: T[]) => Taro.setStorageSync(key, JSON.stringify(list));
const me = () => useSession.getState().user?.id ?? '';

/** The previous version queued the bare upload body, without title or owner. */
const normalize = (s: QueuedScan | CheckinBody): QueuedScan =>
  'body' in s ? s : { body: s, title: '', userId: me() };

/** The signed-in volunteer's scans waiting for upload, oldest first. */
export function pendingScans(): QueuedScan[] {
  return read<QueuedScan | CheckinBody>(QUEUE_KEY)
    .map(normalize)
    .filter((s) => s.userId === me());
}

export function queueScan(body: CheckinBody, title: string): void {
  const list = read<QueuedScan | CheckinBody>(QUEUE_KEY)
    .map(normalize)
    .filter((s) => s.body.nonce !== body.nonce);
  write(QUEUE_KEY, [...list, { body, title, userId: me() }]);
}

export function dropScan(nonce: string): void {
  write(
    QUEUE_KEY,
    read<QueuedScan | CheckinBody>(QUEUE_KEY)
      .map(normalize)
      .filter((s) => s.body.nonce !== nonce),
  );
}

/** The server said no for good: keep the reason for the volunteer to read. */
export function refuseScan(scan: QueuedScan, code: string, message: string): void {
  dropScan(scan.body.nonce);
  write(REFUSED_KEY, [
    ...read<RefusedScan>(REFUSED_KEY).filter((r) => r.nonce !== scan.body.nonce),
    {
      nonce: scan.body.nonce,
      kind: scan.body.kind,
      title: scan.title,
      scannedAt: scan.body.scannedAt ?? '',
      code,
      message,
      userId: scan.userId,
    },
  ]);
}

export function refusedScans(): RefusedScan[] {
  return read<RefusedScan>(REFUSED_KEY).filter((r) => r.userId === me());
}

/** The volunteer has read the refusal (知道了). */
export function dismissRefusal(nonce: string): void {
  write(
    REFUSED_KEY,
    read<RefusedScan>(REFUSED_KEY).filter((r) => r.nonce !== nonce),
  );
}

/**
 * Whether the server's answer is final for this scan. No signal, a sign-in to renew, or a busy
 * server are not: the scan stays queued until the next chance.
 */
export const isFinalRefusal = (err: unknown): err is ApiError =>
  err instanceof ApiError &&
  err.statusCode >= 400 &&
  err.statusCode < 500 &&
  ![401, 408, 429].includes(err.statusCode);

/** A nonce for one scan: never reused, even for a retry of a different scan. */
export function newNonce(): string {
  return `scan-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
}
