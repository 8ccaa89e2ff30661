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
      `WITH entries AS (
         SELECT l.user_id, l.hours, s.starts_at AS at
         FROM volunteer_hours_ledger l
         JOIN volunteer_signups g ON g.id = l.signup_id
         JOIN volunteer_shifts s ON s.id = g.shift_id
         JOIN volunteer_projects p ON p.id = s.project_id
         WHERE s.starts_at >= $1::timestamptz AND s.starts_at < $2::timestamptz
           AND ($3::bigint IS NULL OR p.org_id = $3::bigint)
         UNION ALL
         SELECT l.user_id, l.hours, r.wanted_at
         FROM volunteer_hours_ledger l JOIN volunteer_requests r ON r.id = l.request_id
         WHERE l.signup_id IS NULL AND r.wanted_at >= $1::timestamptz AND r.wanted_at < $2::timestamptz
           AND ($3::bigint IS NULL OR r.team_id = $3::bigint OR r.committee_id = $3::bigint)
       ), per_person AS (
         SELECT date_trunc($4::text, at, 'Asia/Shanghai') AS bucket, user_id, sum(hours) AS hours
         FROM entries GROUP BY 1, 2
       )
       SELECT to_char(bucket AT TIME ZONE 'Asia/Shanghai', $5::text) AS k, sum(hours) AS hours,
         count(*) FILTER (WHERE hours > 0) AS active
       FROM per_person GROUP BY bucket`,
      [range.fromInstant, range.toInstant, orgId, b.unit, b.format],
    );
    return fillBuckets(b, found, ['hours', 'active']);
  },
};
