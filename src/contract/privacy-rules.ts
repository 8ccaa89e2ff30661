// Privacy rules shared by the server and the 隐私与数据 page (TypeBox-free: the client imports it).
// The retention figures drive the purge jobs, so the page can never promise what the jobs do not keep.

/** A retry of a request is recognised for this long; then its Idempotency-Key row is purged. */
export const IDEMPOTENCY_KEY_HOURS = 24;

/** A station proof image is deleted this many days after the last night of the stay it supports. */
export const STATION_PROOF_DAYS_AFTER_STAY = 30;

export const PRIVACY_ERRORS = {
  ACCOUNT_STAFF_ROLE: '工作人员账号请先由管理员取消工作人员身份，再申请注销',
  ACCOUNT_STAY_IN_PROGRESS: '你正在驿站入住，请先办理退房，再申请注销账号',
} as const;
export type PrivacyErrorCode = keyof typeof PRIVACY_ERRORS;

/** Sent with the deletion request; the server refuses a deletion without it (no accidental DELETE). */
export const DELETE_CONFIRMATION = '注销账号';
