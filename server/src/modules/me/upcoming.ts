// 我的 · 即将开始: one list, in time order, of what the person has coming in the next
// UPCOMING_DAYS across the four services — a stay (requested, approved or under way), a childcare
// period a child is enrolled in, each night-school session of a confirmed course, a volunteer shift
// signed up for. Read in one statement; times are Beijing business times made into instants.
import type { FastifyInstance } from 'fastify';
import { UPCOMING_DAYS, type UpcomingItem, type UpcomingKind } from '@/contract/upcoming';
import { addDays, beijingDayEnd, beijingInstant, beijingToday } from '@/contract/beijing-time';

/** Station check-in opens at 14:00 and the room is left by 12:00 (the stations' house rules). */
const STAY_FROM = '14:00';
const STAY_UNTIL = '12:00';
/** Childcare drop-off opens at 08:00, pick-up ends at 17:30 (the programmes' 家长须知). */
const CHILDCARE_FROM = '08:00';
const CHILDCARE_UNTIL = '17:30';
const MAX_ITEMS = 50;

interface Row {
  kind: UpcomingKind;
  key: string;
  title: string;
  place: string;
  from_date: string;
  from_time: string | null;
  to_date: string;
  to_time: string | null;
  starts_at: Date | null;
  ends_at: Date | null;
}

const URLS: Record<UpcomingKind, string> = {
  stay: '/features/station/pages/mine/index',
  childcare: '/features/childcare/pages/mine/index',
  session: '/features/night-school/pages/mine/index',
  shift: '/features/volunteer/pages/mine/index',
};

export async function upcoming(app: FastifyInstance, userId: string): Promise<UpcomingItem[]> {
  const now = app.now();
  const today = beijingToday(now);
  const until = addDays(today, UPCOMING_DAYS);
  const rows = await app.db.query<Row>(
    `SELECT 'stay' AS kind, 'stay-' || b.id AS key, o.name AS title, coalesce(o.address, '') AS place,
            to_char(b.check_in, 'YYYY-MM-DD') AS from_date, NULL AS from_time,
            to_char(b.check_out, 'YYYY-MM-DD') AS to_date, NULL AS to_time,
            NULL::timestamptz AS starts_at, NULL::timestamptz AS ends_at
     FROM station_bookings b JOIN organizations o ON o.id = b.station_id
     WHERE b.user_id = $1 AND b.status IN ('requested', 'approved', 'checked_in')
       AND b.check_out > $2::date AND b.check_in <= $3::date
     UNION ALL
     SELECT 'childcare', 'childcare-' || e.id, c.name || ' · ' || p.name, coalesce(o.address, ''),
            to_char(p.starts_on, 'YYYY-MM-DD'), NULL, to_char(p.ends_on, 'YYYY-MM-DD'), NULL, NULL, NULL
     FROM cc_enrollments e JOIN cc_classes c ON c.id = e.class_id
     JOIN cc_periods p ON p.id = e.period_id JOIN organizations o ON o.id = c.site_id
     WHERE e.parent_id = $1 AND e.status = 'enrolled'
       AND p.ends_on >= $2::date AND p.starts_on <= $3::date
     UNION ALL
     SELECT 'session', 'session-' || c.id || '-' || n, c.title || ' · 第' || n || '次课', c.venue_name,
            to_char(c.start_date + 7 * (n - 1), 'YYYY-MM-DD'), c.start_time,
            to_char(c.start_date + 7 * (n - 1), 'YYYY-MM-DD'), c.end_time, NULL, NULL
     FROM ns_applications a JOIN ns_courses c ON c.id = a.course_id
     CROSS JOIN LATERAL generate_series(1, c.sessions) AS n
     WHERE a.user_id = $1 AND a.status = 'confirmed'
       AND c.start_date + 7 * (n - 1) BETWEEN $2::date AND $3::date
     UNION ALL
     SELECT 'shift', 'shift-' || s.id, pr.title, s.place, NULL, NULL, NULL, NULL, s.starts_at, s.ends_at
     FROM volunteer_signups g JOIN volunteer_shifts s ON s.id = g.shift_id
     JOIN volunteer_projects pr ON pr.id = s.project_id
     WHERE g.user_id = $1 AND g.status = 'active' AND s.ends_at > $4
       AND s.starts_at < $5`,
    [userId, today, until, now.toISOString(), beijingDayEnd(until)],
  );
  return rows
    .map((r) => ({
      kind: r.kind,
      key: r.key,
      title: r.title,
      place: r.place,
      startsAt: instant(r.starts_at, r.from_date, r.from_time ?? defaultFrom(r.kind)),
      endsAt: instant(r.ends_at, r.to_date, r.to_time ?? defaultUntil(r.kind)),
      url: URLS[r.kind],
    }))
    .filter((item) => Date.parse(item.endsAt) > now.getTime())
    .sort((a, b) => a.startsAt.localeCompare(b.startsAt) || a.key.localeCompare(b.key))
    .slice(0, MAX_ITEMS);
}

const defaultFrom = (kind: UpcomingKind) => (kind === 'stay' ? STAY_FROM : CHILDCARE_FROM);
const defaultUntil = (kind: UpcomingKind) => (kind === 'stay' ? STAY_UNTIL : CHILDCARE_UNTIL);

/** A stored instant as ISO, or a Beijing date and time (both checked when they were saved). */
function instant(at: string | Date | null, date: string, time: string): string {
  return at ? new Date(at).toISOString() : beijingInstant(date, time)!;
}
