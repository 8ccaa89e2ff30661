// Pure rules of the volunteer service, shared by the server and the client (no TypeBox, no Taro,
// no Node): hours rounding, the geofence distance, the check-in window and the dispatch state machine.

// ---- hours
/**
 * The league's rounding rule (志愿山城 / PRODUCT.md): a duration is counted in whole hours, and the
 * part of an hour left over counts as
 *   ≤ 15 min → 0,   16–45 min → 0.5 h,   46–59 min → 1 h.
 * So 60 min → 1 h, 75 min → 1 h, 76 min → 1.5 h, 106 min → 2 h.
 * The duration is first capped at the shift's length (nobody earns more than the shift), then
 * rounded; a negative or missing duration counts 0.
 */
export function roundVolunteerHours(minutes: number, capMinutes: number = Infinity): number {
  if (!Number.isFinite(minutes) || minutes <= 0) return 0;
  const m = Math.floor(Math.min(minutes, capMinutes > 0 ? capMinutes : 0));
  const whole = Math.floor(m / 60);
  const rest = m - whole * 60;
  const part = rest <= 15 ? 0 : rest <= 45 ? 0.5 : 1;
  return whole + part;
}

export type HoursKind = 'attendance' | 'confirmed' | 'correction' | 'request' | 'void';
/** How a ledger row came to be, in exports and in 我的志愿. */
export const HOURS_KIND_LABELS: Record<HoursKind, string> = {
  attendance: '签到签退',
  confirmed: '组织方确认',
  correction: '更正',
  request: '点单服务',
  void: '作废',
};

/** Whole minutes between two instants (seconds dropped: a minute counts once it is complete). */
export function minutesBetween(from: Date | string, to: Date | string): number {
  return Math.floor((new Date(to).getTime() - new Date(from).getTime()) / 60_000);
}

// ---- geofence
const EARTH_RADIUS_M = 6_371_008.8;
const rad = (deg: number) => (deg * Math.PI) / 180;

/** Great-circle distance in metres (haversine): accurate to well under a metre at event scale. */
export function haversineMeters(
  a: { lat: number; lng: number },
  b: { lat: number; lng: number },
): number {
  const dLat = rad(b.lat - a.lat);
  const dLng = rad(b.lng - a.lng);
  const h =
    Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

export function insideGeofence(
  me: { lat: number; lng: number },
  place: { lat: number; lng: number; radiusM: number },
): { inside: boolean; distanceM: number } {
  const distanceM = Math.round(haversineMeters(me, place));
  return { inside: distanceM <= place.radiusM, distanceM };
}

/** "1.2 公里" / "350 米": for messages and the task list. */
export function formatDistance(m: number): string {
  return m >= 1000 ? `${(m / 1000).toFixed(1)} 公里` : `${Math.round(m)} 米`;
}

// ---- check-in window
export interface ShiftWindowSettings {
  startsAt: string | Date;
  endsAt: string | Date;
  /** Check-in opens this many minutes before the start (setting, default 30). */
  openBeforeMin: number;
  /** Check-out closes this many minutes after the end (setting, default 120). */
  closeAfterMin: number;
}

/** [opens, closes] of a check-in ('in': open-before … end) or check-out ('out': start … end + after). */
export function checkinWindow(
  kind: 'in' | 'out',
  s: ShiftWindowSettings,
): { opens: Date; closes: Date } {
  const start = new Date(s.startsAt).getTime();
  const end = new Date(s.endsAt).getTime();
  return kind === 'in'
    ? { opens: new Date(start - s.openBeforeMin * 60_000), closes: new Date(end) }
    : { opens: new Date(start), closes: new Date(end + s.closeAfterMin * 60_000) };
}

/** Whether a sign-up can still be cancelled at `now` (cut-off: minutes before the start, default 120). */
export function canCancel(startsAt: string | Date, cutoffMin: number, now: Date): boolean {
  return now.getTime() <= new Date(startsAt).getTime() - cutoffMin * 60_000;
}

// ---- rotating on-site code
/** The code on the organizer's screen changes every 30 s. */
export const CHECKIN_CODE_WINDOW_SEC = 30;
/** A code is still accepted this long after its window ends, so a scan at the switch passes. */
export const CHECKIN_CODE_GRACE_SEC = 30;
/** An offline scan must be uploaded within this long (bounded replay window). */
export const OFFLINE_SCAN_MAX_AGE_SEC = 24 * 3600;

// ---- how a sign-up was checked in (shown on every roster row)
/**
 * The rotating code is the proof of presence. A position alone can be faked, so a GPS-only scan
 * is kept but flagged for the organizer's review; a scan uploaded later from the phone's queue is
 * 'offline'. A sign-up is as weak as its weakest scan.
 */
export type CheckinProof = 'code' | 'code_gps' | 'gps_flagged' | 'offline';
export const CHECKIN_PROOF_LABELS: Record<CheckinProof, string> = {
  code: '扫码',
  code_gps: '扫码+定位',
  gps_flagged: '仅定位·待核实',
  offline: '离线扫码',
};
const PROOF_WEAKNESS: CheckinProof[] = ['code_gps', 'code', 'offline', 'gps_flagged'];

export function scanProof(scan: {
  method: 'code' | 'geo';
  offline: boolean;
  distanceM: number | null;
}): CheckinProof {
  if (scan.method === 'geo') return 'gps_flagged';
  if (scan.offline) return 'offline';
  return scan.distanceM === null ? 'code' : 'code_gps';
}

export function weakestProof(proofs: CheckinProof[]): CheckinProof | null {
  if (proofs.length === 0) return null;
  return proofs.reduce((a, b) => (PROOF_WEAKNESS.indexOf(b) > PROOF_WEAKNESS.indexOf(a) ? b : a));
}

/** A sign-up checked in and out with the code (online or offline) may be confirmed in the shift's one tap. */
export const confirmableInBulk = (proof: CheckinProof | null) =>
  proof !== null && proof !== 'gps_flagged';

// ---- dispatch state machine: 点单 → 派单 → 接单 → 评单
export const REQUEST_STATES = [
  'submitted',
  'rejected',
  'dispatched',
  'taken',
  'done',
  'rated',
  'cancelled',
] as const;
export type RequestState = (typeof REQUEST_STATES)[number];

export const REQUEST_ACTIONS = [
  'reject',
  'dispatch',
  'take',
  'complete',
  'rate',
  'cancel',
] as const;
export type RequestAction = (typeof REQUEST_ACTIONS)[number];

/** Who may perform an action: the committee staff, the volunteer (taker), or the resident who asked. */
export type RequestActor = 'committee' | 'volunteer' | 'resident';

/**
 * The whole machine. A missing (state, action) pair is an illegal transition. `dispatch` from
 * `dispatched` or `taken` is the committee re-dispatching (the taker is released).
 */
export const REQUEST_TRANSITIONS: Record<
  RequestState,
  Partial<Record<RequestAction, RequestState>>
> = {
  submitted: { reject: 'rejected', dispatch: 'dispatched', cancel: 'cancelled' },
  dispatched: { dispatch: 'dispatched', take: 'taken', cancel: 'cancelled' },
  taken: { dispatch: 'dispatched', complete: 'done', cancel: 'cancelled' },
  done: { rate: 'rated' },
  rejected: {},
  rated: {},
  cancelled: {},
};

export const ACTION_ACTORS: Record<RequestAction, RequestActor[]> = {
  reject: ['committee'],
  dispatch: ['committee'],
  take: ['volunteer'],
  complete: ['volunteer'],
  rate: ['resident'],
  cancel: ['committee', 'resident'],
};

/** The next state, or null when the action is not allowed in that state. */
export function nextRequestState(state: RequestState, action: RequestAction): RequestState | null {
  return REQUEST_TRANSITIONS[state]?.[action] ?? null;
}

export const REQUEST_STATE_LABELS: Record<RequestState, string> = {
  submitted: '待派单',
  rejected: '已驳回',
  dispatched: '待接单',
  taken: '服务中',
  done: '待评价',
  rated: '已评价',
  cancelled: '已取消',
};

export const REQUEST_ACTION_LABELS: Record<RequestAction, string> = {
  reject: '驳回',
  dispatch: '派单',
  take: '接单',
  complete: '完成',
  rate: '评单',
  cancel: '取消',
};

/** "王*明" / "李*": names on a public certificate page. */
export function maskName(name: string | null | undefined): string {
  const chars = Array.from((name ?? '').trim());
  if (chars.length === 0) return '志愿者';
  if (chars.length === 1) return chars[0] + '*';
  if (chars.length === 2) return chars[0] + '*';
  return chars[0] + '*'.repeat(chars.length - 2) + chars[chars.length - 1];
}

/** The volunteer who took a request sees the phone from this long before the service time. */
export const REQUEST_PHONE_LEAD_MIN = 120;

// "138****5678": contact phones are masked to volunteers until they take the request, by the
// one shared rule
export { maskPhone } from './phone';

// ---- forged hours
/** After this many sign-ups voided as forged, a volunteer may not sign up (until an appeal is accepted). */
export const VOID_BAR_COUNT = 2;
