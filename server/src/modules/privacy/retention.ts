// Retention jobs: what the service no longer needs is deleted on a timer (figures in
// src/contract/privacy-rules.ts, shown to residents on 我的 → 隐私与数据).
import type { Queryable } from '../../db/db';
import type { Job } from '../../jobs/runner';
import { addDays, beijingToday } from '@/contract/beijing-time';
import { IDEMPOTENCY_KEY_HOURS, STATION_PROOF_DAYS_AFTER_STAY } from '@/contract/privacy-rules';

export const RETENTION_JOBS = {
  idempotencyKeys: 'purge-idempotency-keys',
  stationProofs: 'purge-station-proofs',
} as const;

/** A retry arrives within seconds or minutes; a day later a key only keeps a response body around. */
async function purgeIdempotencyKeys(tx: Queryable, now: Date): Promise<number> {
  const rows = await tx.query(
    `DELETE FROM idempotency_keys WHERE created_at <= $1 RETURNING 1 AS ok`,
    [new Date(now.getTime() - IDEMPOTENCY_KEY_HOURS * 3600_000).toISOString()],
  );
  return rows.length;
}

/**
 * A proof (interview notice, offer letter, student card) serves the booking decision and staff
 * questions during the stay; it is deleted once every booking it supports ended (check-out day)
 * at least STATION_PROOF_DAYS_AFTER_STAY days ago. A proof never attached to a booking is deleted
 * as long after its upload. The booking keeps its row, with proof_id set to NULL by the foreign key.
 * The image file is marked deleted in the same statement; the files sweep removes it from disk.
 */
async function purgeStationProofs(tx: Queryable, now: Date): Promise<number> {
  const cutoffDay = addDays(beijingToday(now), -STATION_PROOF_DAYS_AFTER_STAY);
  const rows = await tx.query(
    `WITH gone AS (
       DELETE FROM station_proofs p
       WHERE NOT EXISTS (SELECT 1 FROM station_bookings b WHERE b.proof_id = p.id AND b.check_out > $1::date)
         AND (EXISTS (SELECT 1 FROM station_bookings b WHERE b.proof_id = p.id)
              OR p.created_at <= $2)
       RETURNING p.file_id
     ), marked AS (
       UPDATE files SET deleted_at = $3 WHERE id IN (SELECT file_id FROM gone) RETURNING 1
     )
     SELECT (SELECT count(*) FROM marked) AS marked FROM gone`,
    [
      cutoffDay,
      new Date(now.getTime() - STATION_PROOF_DAYS_AFTER_STAY * 86_400_000).toISOString(),
      now.toISOString(),
    ],
  );
  return rows.length;
}

export const retentionJobs: Job[] = [
  { name: RETENTION_JOBS.idempotencyKeys, everyMs: 3600_000, run: purgeIdempotencyKeys },
  { name: RETENTION_JOBS.stationProofs, everyMs: 6 * 3600_000, run: purgeStationProofs },
];
