// How long the service keeps what it keeps, shared by the server's purge jobs and the
// 隐私与数据 page, so the page can never promise a figure the jobs do not keep.

/** A retry of a request is recognised for this long; then its Idempotency-Key row is purged. */
export const IDEMPOTENCY_KEY_HOURS = 24;

/** A station proof image is deleted this many days after the last night of the stay it supports. */
export const STATION_PROOF_DAYS_AFTER_STAY = 30;
