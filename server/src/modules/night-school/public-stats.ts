// 本轮统计, public and cached: per course the applicants, seats, ratio, seats that went to people
// from the waitlist, and when the last seat went (ns_applications.seated_at / from_waitlist are
// kept by a database trigger on every move into a seat).
import type { FastifyInstance } from 'fastify';
import type { RoundStats } from '@/contract/round-stats';
import { WEEKDAY_LABELS } from '@/contract/night-school-rules';
import { figuresOf, totalsOf, type SeatRow } from '../../lib/round-stats';
import { nsError } from './errors';
import * as repo from './repo';

interface CourseSeats extends SeatRow {
  id: string;
  title: string;
  category: string;
  weekday: number;
  start_time: string;
}

export async function termRoundStats(app: FastifyInstance, termId: string): Promise<RoundStats> {
  const term = await repo.findTerm(app.db, termId);
  if (!term) throw nsError('TERM_NOT_FOUND', 404);
  const rows = await app.db.query<CourseSeats>(
    `SELECT c.id::text AS id, c.title, c.category, c.weekday, c.start_time, c.capacity, c.taken,
       count(a.id) FILTER (WHERE a.status <> 'withdrawn')::int AS applicants,
       count(a.id) FILTER (WHERE a.from_waitlist AND a.status IN ('offered', 'confirmed'))::int AS from_waitlist,
       max(a.seated_at) FILTER (WHERE a.status IN ('offered', 'confirmed')) AS last_seat_at
     FROM ns_courses c LEFT JOIN ns_applications a ON a.course_id = c.id
     WHERE c.term_id = $1 GROUP BY c.id ORDER BY c.id`,
    [termId],
  );
  const items = rows.map((r) => ({
    id: r.id,
    title: r.title,
    detail: `${r.category} · ${WEEKDAY_LABELS[r.weekday]} ${r.start_time}`,
    ...figuresOf(r),
  }));
  return {
    service: 'night_school',
    id: term.id,
    name: term.name,
    subtitle: term.org_name,
    totals: totalsOf(items, await repo.countDistinctApplicants(app.db, termId)),
    items,
  };
}
