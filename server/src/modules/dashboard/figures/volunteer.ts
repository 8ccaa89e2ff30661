// 志愿服务时长与活跃志愿者. Hours: the ledger's net sum (a void is a negative entry, a correction a
// signed one), each entry dated by the service it pays for: the shift's start, or the 点单 request's
// time. Active volunteers: people whose net hours in the bucket are above zero.
import { timeBuckets } from '../range';
import { fillBuckets, type Figure } from './figure';

export const volunteer: Figure = {
  series: [
    { key: 'hours', label: '服务时长', unit: '小时' },
    { key: 'active', label: '活跃志愿者', unit: '人' },
  ],
  async rows({ db, orgId, range, by }) {
    const b = timeBuckets(by, range);
    const found = await db.query<{ k: string }>(
      // from the shifts of the range to their sign-ups and entries (one organization's shifts are
      // found by project and time, volunteer_shifts_project_starts_idx)
      `WITH shifts AS (
         SELECT s.id, date_trunc($4::text, s.starts_at, 'Asia/Shanghai') AS bucket
         FROM volunteer_shifts s JOIN volunteer_projects p ON p.id = s.project_id
         WHERE s.starts_at >= $1::timestamptz AND s.starts_at < $2::timestamptz
           AND ($3::bigint IS NULL OR p.org_id = $3::bigint)
       ), entries AS (
         SELECT s.bucket, l.user_id, l.hours
         FROM shifts s
         JOIN volunteer_signups g ON g.shift_id = s.id
         JOIN volunteer_hours_ledger l ON l.signup_id = g.id
         UNION ALL
         SELECT date_trunc($4::text, r.wanted_at, 'Asia/Shanghai'), l.user_id, l.hours
         FROM volunteer_hours_ledger l JOIN volunteer_requests r ON r.id = l.request_id
         WHERE l.signup_id IS NULL AND r.wanted_at >= $1::timestamptz AND r.wanted_at < $2::timestamptz
           AND ($3::bigint IS NULL OR r.team_id = $3::bigint OR r.committee_id = $3::bigint)
       ), per_person AS (
         SELECT bucket, user_id, sum(hours) AS hours FROM entries GROUP BY 1, 2
       )
       SELECT to_char(bucket AT TIME ZONE 'Asia/Shanghai', $5::text) AS k, sum(hours) AS hours,
         count(*) FILTER (WHERE hours > 0) AS active
       FROM per_person GROUP BY bucket`,
      [range.fromInstant, range.toInstant, orgId, b.unit, b.format],
    );
    return fillBuckets(b, found, ['hours', 'active']);
  },
};
