// The volume seed (npm run seed:volume): a district's two years at realistic size, for the
// dashboard benchmarks — 50,000 residents; station stays at about 60 % of the beds every night;
// holiday-childcare periods with waitlists; a night-school term a quarter, ten applicants a seat,
// attendance; volunteer shifts every day with check-ins and hours; 点单 requests. Every table is
// filled by one set-based statement (generate_series), never a row at a time, so it takes seconds.
// It goes on top of the demo organizations (stations, sites, committees, teams) and marks its own
// rows: users 'volume-…', programmes and terms named 容量测试.
import { isCalendarDate } from '@/contract/beijing-time';
import type { Db, Queryable } from '../db';

export const VOLUME_RESIDENTS = 50_000;
export const VOLUME_DAYS = 730;

/** People whose account did not come from a seed or a development login: real residents. */
export async function realLookingUsers(db: Queryable): Promise<number> {
  const [{ n }] = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM users WHERE openid NOT LIKE 'dev:%' AND openid NOT LIKE 'volume-%'`,
  );
  return n;
}

export async function volumeLoaded(db: Queryable): Promise<boolean> {
  const [{ n }] = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM users WHERE openid LIKE 'volume-%'`,
  );
  return n > 0;
}

/** Each step: what it fills, and its statements. $1 is today (Beijing), $2 the first day, 730 days before. */
const STEPS: Array<[string, string[]]> = [
  [
    'residents',
    [
      `SELECT setseed(0.2026)`,
      `INSERT INTO users (openid, role, name, birth_date, gender, created_at)
       SELECT 'volume-' || g, CASE WHEN g = 1 THEN 'admin' ELSE 'resident' END, '居民' || g,
              date '1988-01-01' + (g * 7919) % 6000, CASE WHEN g % 2 = 0 THEN 'male' ELSE 'female' END,
              $2::date - (g % 400)
       FROM generate_series(1, ${VOLUME_RESIDENTS}) g`,
      `CREATE TEMP TABLE vu ON COMMIT DROP AS
       SELECT (row_number() OVER (ORDER BY id))::int AS n, id FROM users WHERE openid LIKE 'volume-%'`,
      `CREATE UNIQUE INDEX ON vu (n)`,
    ],
  ],
  [
    'station nights and stays',
    [
      `INSERT INTO station_nights (room_type_id, station_id, night, beds, closed)
       SELECT r.id, r.station_id, d::date, r.beds, random() < 0.01
       FROM station_room_types r, generate_series($2::date, $1::date - 1, interval '1 day') d
       ON CONFLICT (room_type_id, night) DO NOTHING`,
      // every day, n = 20 % of a room type's beds arrive, staying 1–5 nights (3 on average):
      // about 60 % of the beds taken each night, never more than all of them
      `CREATE TEMP TABLE vb ON COMMIT DROP AS
       SELECT row_number() OVER () AS k, r.station_id, r.id AS room_type_id, d::date AS check_in,
              1 + (i % 5) AS nights, random() AS roll
       FROM station_room_types r
       CROSS JOIN generate_series($2::date, $1::date - 8, interval '1 day') d
       CROSS JOIN LATERAL generate_series(1, greatest(1, r.beds / 5)) i`,
      `INSERT INTO station_bookings (user_id, station_id, room_type_id, check_in, check_out, status,
         declared_status, created_at, decided_at, checked_in_at, checked_out_at)
       SELECT u.id, b.station_id, b.room_type_id, b.check_in, b.check_in + b.nights,
              CASE WHEN b.roll < 0.85 THEN 'checked_out' WHEN b.roll < 0.92 THEN 'no_show'
                   WHEN b.roll < 0.97 THEN 'cancelled' ELSE 'rejected' END,
              'job_seeking', b.check_in - 3, b.check_in - 2, b.check_in + time '15:00', b.check_in + b.nights + time '10:00'
       FROM vb b JOIN vu u ON u.n = 1 + (b.k * 7) % ${VOLUME_RESIDENTS}`,
      // stayed nights stay held; a no-show keeps its first night; cancelled and rejected hold none
      `INSERT INTO station_booking_nights (booking_id, room_type_id, night)
       SELECT b.id, b.room_type_id, night.d::date
       FROM station_bookings b
       JOIN vu ON vu.id = b.user_id
       CROSS JOIN LATERAL generate_series(b.check_in,
         CASE WHEN b.status = 'no_show' THEN b.check_in ELSE b.check_out - 1 END, interval '1 day') night(d)
       WHERE b.status IN ('checked_out', 'no_show')`,
      `UPDATE station_nights s SET taken = c.n
       FROM (SELECT room_type_id, night, count(*) AS n FROM station_booking_nights GROUP BY 1, 2) c
       WHERE s.room_type_id = c.room_type_id AND s.night = c.night`,
    ],
  ],
  [
    'childcare',
    [
      // a winter programme (2 periods of 2 weeks from late January) and a summer one (4 periods
      // from early July) in each of the two years
      `CREATE TEMP TABLE vp ON COMMIT DROP AS
       SELECT y, season, seq,
              CASE season WHEN 'winter' THEN make_date(y, 1, 20) ELSE make_date(y, 7, 1) END + (seq - 1) * 14 AS starts_on
       FROM generate_series(extract(year FROM $2::date)::int, extract(year FROM $1::date)::int) y,
            (VALUES ('winter', 2), ('summer', 4)) s(season, periods),
            generate_series(1, periods) seq`,
      `DELETE FROM vp WHERE starts_on < $2::date OR starts_on + 11 >= $1::date`,
      `INSERT INTO cc_programmes (name, season, prefill_opens_at, registration_opens_at, registration_closes_at)
       SELECT DISTINCT '容量测试 ' || y || CASE season WHEN 'winter' THEN ' 寒托班' ELSE ' 暑托班' END, season,
              make_date(y, CASE season WHEN 'winter' THEN 1 ELSE 6 END, 1)::timestamptz,
              make_date(y, CASE season WHEN 'winter' THEN 1 ELSE 6 END, 3)::timestamptz,
              make_date(y, CASE season WHEN 'winter' THEN 1 ELSE 6 END, 15)::timestamptz
       FROM vp`,
      `INSERT INTO cc_periods (programme_id, seq, name, starts_on, ends_on)
       SELECT g.id, vp.seq, '第' || vp.seq || '期', vp.starts_on, vp.starts_on + 11
       FROM vp JOIN cc_programmes g
         ON g.name = '容量测试 ' || vp.y || CASE vp.season WHEN 'winter' THEN ' 寒托班' ELSE ' 暑托班' END`,
      // three classes of 40 per site and period
      `INSERT INTO cc_classes (period_id, site_id, name, capacity, grade_min, grade_max, fee_fen)
       SELECT p.id, o.id, c || '班', 40, 1, 6, 40000
       FROM cc_periods p JOIN cc_programmes g ON g.id = p.programme_id AND g.name LIKE '容量测试%'
       CROSS JOIN organizations o CROSS JOIN generate_series(1, 3) c
       WHERE o.kind = 'site'`,
      // 8,000 children, in households of one or two
      `INSERT INTO children (parent_id, name, gender, birth_date, id_number_hmac, id_number_masked)
       SELECT u.id, '孩子' || g, CASE WHEN g % 2 = 0 THEN 'male' ELSE 'female' END,
              date '2014-09-01' + (g * 37) % 2000, 'volume-child-' || g, '3101**********' || lpad((g % 10000)::text, 4, '0')
       FROM generate_series(1, 8000) g JOIN vu u ON u.n = 10000 + (g + 1) / 2`,
      `CREATE TEMP TABLE vc ON COMMIT DROP AS
       SELECT c.id, c.parent_id, (row_number() OVER (ORDER BY c.id))::int AS n
       FROM children c WHERE c.id_number_hmac LIKE 'volume-child-%'`,
      `CREATE UNIQUE INDEX ON vc (n)`,
      // 64 children ask for each class of 40: 40 seated, six of whom cancel and are replaced from
      // the waitlist; twelve offers lapse, six children still waiting
      `INSERT INTO cc_enrollments (class_id, period_id, child_id, parent_id, group_key, group_size, status, waitlist_no, created_at)
       SELECT k.id, k.period_id, vc.id, vc.parent_id, 'v' || k.id || '-' || j, 1,
              CASE WHEN j <= 34 THEN 'enrolled' WHEN j <= 40 THEN 'cancelled'
                   WHEN j <= 46 THEN 'enrolled' WHEN j <= 58 THEN 'expired' ELSE 'waitlisted' END,
              CASE WHEN j > 40 THEN j - 40 END, p.starts_on - 20
       FROM (SELECT c.*, (row_number() OVER (PARTITION BY c.period_id ORDER BY c.id))::int AS slot
             FROM cc_classes c) k
       JOIN cc_periods p ON p.id = k.period_id
       JOIN cc_programmes g ON g.id = p.programme_id AND g.name LIKE '容量测试%'
       CROSS JOIN generate_series(1, 64) j
       JOIN vc ON vc.n = 1 + ((k.slot - 1) * 64 + j - 1) % 8000`,
      `UPDATE cc_classes c SET taken = s.n, waitlist_seq = s.w
       FROM (SELECT class_id, count(*) FILTER (WHERE status = 'enrolled') AS n, coalesce(max(waitlist_no), 0) AS w
             FROM cc_enrollments GROUP BY class_id) s
       WHERE s.class_id = c.id`,
    ],
  ],
  [
    'night school',
    [
      // a term each quarter at each committee: 30 courses of 20 seats, 8 weekly sessions
      `INSERT INTO ns_terms (org_id, name, allocation, opens_at, closes_at, draw_at, seed, seed_hash, drawn_at)
       SELECT o.id, '容量测试 ' || to_char(q, 'YYYY') || ' 第' || extract(quarter FROM q) || '季', 'lottery',
              q - interval '20 days', q - interval '10 days', q - interval '9 days', md5(o.id || '-' || q), md5(md5(o.id || '-' || q)), q - interval '9 days'
       FROM organizations o,
            generate_series(date_trunc('quarter', $2::date) + interval '3 months', $1::date - 60, interval '3 months') q
       WHERE o.kind = 'committee'`,
      `INSERT INTO ns_courses (term_id, title, category, teacher, venue_name, venue_address, district, lat, lng,
         weekday, start_time, end_time, start_date, sessions, capacity, taken)
       SELECT t.id, '课程' || c, (ARRAY['陶艺', '咖啡', '脱口秀', 'AI工具', '心理学', '舞蹈'])[1 + c % 6], '老师' || c,
              '教室' || c, '地址' || c, '测试区', 31.2, 121.4, 1 + c % 7,
              CASE WHEN c % 2 = 0 THEN '18:00' ELSE '19:30' END, CASE WHEN c % 2 = 0 THEN '19:30' ELSE '21:00' END,
              (t.opens_at + interval '20 days')::date + c % 7, 8, 20, 18
       FROM ns_terms t CROSS JOIN generate_series(1, 30) c
       WHERE t.name LIKE '容量测试%'`,
      `CREATE TEMP TABLE vcourse ON COMMIT DROP AS
       SELECT c.id, c.term_id, c.start_date, (row_number() OVER (ORDER BY c.id))::int AS n
       FROM ns_courses c JOIN ns_terms t ON t.id = c.term_id WHERE t.name LIKE '容量测试%'`,
      // ten applicants a seat (200 a course): 18 confirmed, 2 declined, the rest waitlisted or lapsed
      `INSERT INTO ns_applications (course_id, term_id, user_id, status, queue_no, created_at)
       SELECT c.id, c.term_id, u.id,
              CASE WHEN j <= 18 THEN 'confirmed' WHEN j <= 20 THEN 'declined' WHEN j <= 60 THEN 'waitlisted' ELSE 'expired' END,
              j, c.start_date - 25
       FROM vcourse c CROSS JOIN generate_series(1, 200) j
       JOIN vu u ON u.n = 1 + ((c.n * 211 + j * 13) % ${VOLUME_RESIDENTS})`,
      // sessions already held: 85 % present
      `INSERT INTO ns_attendance (course_id, session_no, user_id, status, method, marked_at)
       SELECT a.course_id, s, a.user_id, CASE WHEN random() < 0.85 THEN 'present' ELSE 'absent' END, 'scan',
              (c.start_date + 7 * (s - 1)) + time '19:00'
       FROM ns_applications a JOIN vcourse c ON c.id = a.course_id CROSS JOIN generate_series(1, 8) s
       WHERE a.status = 'confirmed' AND c.start_date + 7 * (s - 1) < $1::date`,
    ],
  ],
  [
    'volunteer',
    [
      `INSERT INTO volunteer_projects (org_id, title, category)
       SELECT o.id, '容量测试 ' || o.name || ' 项目' || p, '社区服务'
       FROM organizations o CROSS JOIN generate_series(1, 5) p WHERE o.kind IN ('team', 'committee')`,
      `CREATE TEMP TABLE vproj ON COMMIT DROP AS
       SELECT id, (row_number() OVER (ORDER BY id))::int AS n FROM volunteer_projects WHERE title LIKE '容量测试%'`,
      // twelve 2-hour shifts a day, 8 volunteers each
      `INSERT INTO volunteer_shifts (project_id, starts_at, ends_at, place, lat, lng, needed, filled)
       SELECT p.id, (d::date + make_time(8 + h, 0, 0)) AT TIME ZONE 'Asia/Shanghai',
              (d::date + make_time(10 + h, 0, 0)) AT TIME ZONE 'Asia/Shanghai', '服务点', 31.2, 121.4, 8, 8
       FROM generate_series($2::date, $1::date - 1, interval '1 day') d
       CROSS JOIN generate_series(0, 11) h
       JOIN vproj p ON p.n = 1 + (extract(doy FROM d)::int + h) % (SELECT count(*) FROM vproj)`,
      `CREATE TEMP TABLE vshift ON COMMIT DROP AS
       SELECT s.id, s.starts_at, s.ends_at, (row_number() OVER (ORDER BY s.starts_at, s.id))::int AS n
       FROM volunteer_shifts s JOIN vproj p ON p.id = s.project_id`,
      // a pool of 6,000 volunteers, one shift each every 750 shifts (about two months): never overlapping
      `INSERT INTO volunteer_signups (shift_id, user_id, status, span_from, span_to, created_at)
       SELECT s.id, u.id, 'active', u.id * 10000000000 + extract(epoch FROM s.starts_at)::bigint,
              u.id * 10000000000 + extract(epoch FROM s.ends_at)::bigint, s.starts_at - interval '3 days'
       FROM vshift s CROSS JOIN generate_series(1, 8) j
       JOIN vu u ON u.n = 20000 + ((s.n - 1) * 8 + j - 1) % 6000`,
      // nine in ten come: a scan in and out, and 2 hours confirmed; the tenth never shows up
      `CREATE TEMP TABLE vcame ON COMMIT DROP AS
       SELECT g.id, g.user_id, s.starts_at, s.ends_at, sh.project_id
       FROM volunteer_signups g JOIN vshift s ON s.id = g.shift_id JOIN volunteer_shifts sh ON sh.id = g.shift_id
       WHERE g.id % 10 <> 0`,
      `INSERT INTO volunteer_checkins (signup_id, kind, nonce, method, scanned_at, received_at)
       SELECT id, k, 'volume-' || id || '-' || k, 'code', t, t
       FROM vcame, LATERAL (VALUES ('in', starts_at), ('out', ends_at)) x(k, t)`,
      `INSERT INTO volunteer_hours_ledger (user_id, signup_id, project_id, kind, hours, minutes, created_by, created_at)
       SELECT user_id, id, project_id, 'attendance', 2.0, 120, (SELECT id FROM vu WHERE n = 1), ends_at
       FROM vcame`,
      // 点单: about four requests a day, done by a volunteer of a team, rated
      `INSERT INTO volunteer_requests (resident_id, committee_id, title, place, wanted_at, contact_name, contact_phone,
         contact_masked, state, team_id, taker_id, hours, rating, created_at, updated_at)
       SELECT r.id, c.id, '代买药品', '小区', w, '居民', '13800000000', '138****0000', 'rated', t.id, v.id, 1.5, 5, w - interval '2 days', w
       FROM generate_series(1, ${VOLUME_DAYS * 4}) i
       CROSS JOIN LATERAL (SELECT ($2::date + (i / 4)) + make_time(9 + i % 4 * 2, 0, 0) AT TIME ZONE 'Asia/Shanghai' AS w) x
       JOIN vu r ON r.n = 30000 + i
       JOIN vu v ON v.n = 20000 + i % 6000
       JOIN LATERAL (SELECT id FROM organizations WHERE kind = 'committee' ORDER BY id OFFSET i % 2 LIMIT 1) c ON true
       JOIN LATERAL (SELECT id FROM organizations WHERE kind = 'team' ORDER BY id OFFSET i % 2 LIMIT 1) t ON true`,
      `INSERT INTO volunteer_hours_ledger (user_id, request_id, kind, hours, minutes, created_by, created_at)
       SELECT r.taker_id, r.id, 'request', 1.5, 90, (SELECT id FROM vu WHERE n = 1), r.wanted_at
       FROM volunteer_requests r JOIN vu ON vu.id = r.resident_id WHERE r.state = 'rated'`,
    ],
  ],
];

/** Fills the volume data in one transaction; `log` hears each step and its time. */
export async function seedVolume(
  db: Db,
  today: string,
  log: (line: string) => void = () => undefined,
): Promise<void> {
  if (!isCalendarDate(today)) throw new Error(`not a date: ${today}`);
  const first = new Date(Date.parse(`${today}T00:00:00Z`) - VOLUME_DAYS * 86_400_000)
    .toISOString()
    .slice(0, 10);
  await db.transaction(async (tx) => {
    for (const [what, statements] of STEPS) {
      const started = Date.now();
      // the two dates are written into the statement (checked dates, never outside input): a
      // statement using only the first day would leave an unused parameter the server cannot type
      for (const sql of statements)
        await tx.query(sql.replaceAll('$1', `'${today}'`).replaceAll('$2', `'${first}'`));
      log(`${what}: ${Date.now() - started} ms`);
    }
  });
  // fresh statistics (the planner must see the tables at their new size) and visibility maps
  // (index-only scans), as autovacuum would leave them on a server that has run a while
  const started = Date.now();
  await db.exec('VACUUM ANALYZE');
  log(`vacuum analyze: ${Date.now() - started} ms`);
}
