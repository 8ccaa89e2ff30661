// 服务居民: the people each service actually served in a bucket, and the whole, each person once.
// Station: a night stayed (a booking checked in; its nights still held after check-out are the
// nights used). Childcare: a household (the account that enrolled) with a child seated in a period
// that overlaps the bucket. Night school: a learner marked present at a session held in the
// bucket. Volunteer 点单: the resident whose request was done (or rated) with its time in the bucket.
import { timeBuckets } from '../range';
import { fillBuckets, type Figure } from './figure';

const COLUMNS = [
  'total',
  'station_youths',
  'station_nights',
  'childcare_households',
  'childcare_children',
  'learners',
  'request_residents',
];

export const served: Figure = {
  series: [
    { key: 'total', label: '服务居民', unit: '人' },
    { key: 'stationYouths', label: '驿站入住青年', unit: '人' },
    { key: 'stationNights', label: '驿站入住', unit: '晚' },
    { key: 'childcareHouseholds', label: '暑托班家庭', unit: '户' },
    { key: 'childcareChildren', label: '暑托班儿童', unit: '人' },
    { key: 'learners', label: '夜校到课学员', unit: '人' },
    { key: 'requestResidents', label: '点单受助居民', unit: '人' },
  ],
  async rows({ db, orgId, range, by }) {
    const b = timeBuckets(by, range);
    const found = await db.query<{ k: string }>(
      `WITH ev AS (
         SELECT 'station' AS svc, date_trunc($4::text, n.night::timestamp) AS bucket, b.user_id AS uid,
                NULL::bigint AS child, count(*) AS nights
         FROM station_booking_nights n JOIN station_bookings b ON b.id = n.booking_id
         WHERE n.night >= $1::date AND n.night < $2::date
           AND b.status IN ('checked_in', 'checked_out')
           AND ($3::bigint IS NULL OR b.station_id = $3::bigint)
         GROUP BY 2, 3
         UNION ALL
         SELECT 'childcare', m.bucket, e.parent_id, e.child_id, 0
         FROM cc_enrollments e
         JOIN cc_periods p ON p.id = e.period_id
         JOIN cc_classes c ON c.id = e.class_id
         CROSS JOIN LATERAL generate_series(date_trunc($4::text, p.starts_on::timestamp),
                                            p.ends_on::timestamp, ('1 ' || $4::text)::interval) AS m(bucket)
         WHERE e.status = 'enrolled' AND p.starts_on < $2::date AND p.ends_on >= $1::date
           AND m.bucket >= date_trunc($4::text, $1::date::timestamp) AND m.bucket < $2::date::timestamp
           AND ($3::bigint IS NULL OR c.site_id = $3::bigint)
         UNION ALL
         SELECT DISTINCT 'night-school', date_trunc($4::text, (c.start_date + 7 * (a.session_no - 1))::timestamp),
                a.user_id, NULL::bigint, 0
         FROM ns_courses c JOIN ns_terms t ON t.id = c.term_id
         JOIN ns_attendance a ON a.course_id = c.id AND a.status = 'present'
         WHERE c.start_date < $2::date AND c.start_date + 7 * (c.sessions - 1) >= $1::date
           AND c.start_date + 7 * (a.session_no - 1) >= $1::date
           AND c.start_date + 7 * (a.session_no - 1) < $2::date
           AND ($3::bigint IS NULL OR t.org_id = $3::bigint)
         UNION ALL
         SELECT DISTINCT 'request', date_trunc($4::text, r.wanted_at AT TIME ZONE 'Asia/Shanghai'),
                r.resident_id, NULL::bigint, 0
         FROM volunteer_requests r
         WHERE r.state IN ('done', 'rated') AND r.wanted_at >= $5::timestamptz AND r.wanted_at < $6::timestamptz
           AND ($3::bigint IS NULL OR r.committee_id = $3::bigint OR r.team_id = $3::bigint)
       )
       SELECT to_char(bucket, $7::text) AS k,
         count(DISTINCT uid) AS total,
         count(DISTINCT uid) FILTER (WHERE svc = 'station') AS station_youths,
         coalesce(sum(nights) FILTER (WHERE svc = 'station'), 0) AS station_nights,
         count(DISTINCT uid) FILTER (WHERE svc = 'childcare') AS childcare_households,
         count(DISTINCT child) FILTER (WHERE svc = 'childcare') AS childcare_children,
         count(DISTINCT uid) FILTER (WHERE svc = 'night-school') AS learners,
         count(DISTINCT uid) FILTER (WHERE svc = 'request') AS request_residents
       FROM ev GROUP BY 1`,
      [range.fromDate, range.toDate, orgId, b.unit, range.fromInstant, range.toInstant, b.format],
    );
    return fillBuckets(b, found, COLUMNS);
  },
};
