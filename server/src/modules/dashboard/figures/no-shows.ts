// 爽约（未到）. Station: bookings that became no_show (approved, never checked in by the end of
// the first night's window), dated by their first night. Night school: sessions marked absent (by
// staff or by the job after the grace time), dated by the session. Volunteer: sign-ups still active
// for a shift that has ended, with no check-in and no hours confirmed, dated by the shift's start.
import { timeBuckets } from '../range';
import { fillBuckets, type Figure } from './figure';

export const noShows: Figure = {
  series: [
    { key: 'station', label: '驿站未到店', unit: '单' },
    { key: 'nightSchool', label: '夜校缺勤', unit: '人次' },
    { key: 'volunteer', label: '志愿者未到岗', unit: '人次' },
  ],
  async rows({ db, orgId, range, by, now }) {
    const b = timeBuckets(by, range);
    const found = await db.query<{ k: string }>(
      `WITH ev AS (
         SELECT 'station' AS svc, date_trunc($4::text, b.check_in::timestamp) AS bucket
         FROM station_bookings b
         WHERE b.status = 'no_show' AND b.check_in >= $1::date AND b.check_in < $2::date
           AND ($3::bigint IS NULL OR b.station_id = $3::bigint)
         UNION ALL
         SELECT 'night-school', date_trunc($4::text, (c.start_date + 7 * (a.session_no - 1))::timestamp)
         FROM ns_courses c JOIN ns_terms t ON t.id = c.term_id
         JOIN ns_attendance a ON a.course_id = c.id AND a.status = 'absent'
         WHERE c.start_date < $2::date AND c.start_date + 7 * (c.sessions - 1) >= $1::date
           AND c.start_date + 7 * (a.session_no - 1) >= $1::date
           AND c.start_date + 7 * (a.session_no - 1) < $2::date
           AND ($3::bigint IS NULL OR t.org_id = $3::bigint)
         UNION ALL
         SELECT 'volunteer', date_trunc($4::text, s.starts_at AT TIME ZONE 'Asia/Shanghai')
         FROM volunteer_shifts s JOIN volunteer_projects p ON p.id = s.project_id
         JOIN volunteer_signups g ON g.shift_id = s.id AND g.status = 'active'
         WHERE s.starts_at >= $5::timestamptz AND s.starts_at < $6::timestamptz AND s.ends_at < $8::timestamptz
           AND ($3::bigint IS NULL OR p.org_id = $3::bigint)
           AND NOT EXISTS (SELECT 1 FROM volunteer_checkins k WHERE k.signup_id = g.id AND k.kind = 'in')
           AND NOT EXISTS (SELECT 1 FROM volunteer_hours_ledger l
                           WHERE l.signup_id = g.id AND l.kind IN ('attendance', 'confirmed'))
       )
       SELECT to_char(bucket, $7::text) AS k,
         count(*) FILTER (WHERE svc = 'station') AS station,
         count(*) FILTER (WHERE svc = 'night-school') AS night_school,
         count(*) FILTER (WHERE svc = 'volunteer') AS volunteer
       FROM ev GROUP BY 1`,
      [
        range.fromDate,
        range.toDate,
        orgId,
        b.unit,
        range.fromInstant,
        range.toInstant,
        b.format,
        now.toISOString(),
      ],
    );
    return fillBuckets(b, found, ['station', 'night_school', 'volunteer']);
  },
};
