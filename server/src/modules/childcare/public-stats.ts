// 报名统计 of a childcare programme, public and cached: per class the children signed up, seats,
// ratio, seats that went to families from the waitlist, and when the last seat went
// (cc_enrollments.seated_at / from_waitlist are kept by a database trigger).
import type { FastifyInstance } from 'fastify';
import type { RoundStats } from '@/contract/round-stats';
import { figuresOf, totalsOf, type SeatRow } from '../../lib/round-stats';
import { ccError } from './errors';

interface ClassSeats extends SeatRow {
  id: string;
  name: string;
  period: string;
  site: string;
}

export async function programmeRoundStats(
  app: FastifyInstance,
  programmeId: string,
): Promise<RoundStats> {
  const [programme] = await app.db.query<{ id: string; name: string; season: string }>(
    `SELECT id::text AS id, name, season FROM cc_programmes WHERE id = $1`,
    [programmeId],
  );
  if (!programme) throw ccError('CC_PROGRAMME_NOT_FOUND', 404);
  const rows = await app.db.query<ClassSeats>(
    `SELECT c.id::text AS id, c.name, pe.name AS period, o.name AS site, c.capacity, c.taken,
       count(e.id) FILTER (WHERE e.status <> 'cancelled')::int AS applicants,
       count(e.id) FILTER (WHERE e.from_waitlist AND e.status IN ('enrolled', 'offered'))::int AS from_waitlist,
       max(e.seated_at) FILTER (WHERE e.status IN ('enrolled', 'offered')) AS last_seat_at
     FROM cc_periods pe JOIN cc_classes c ON c.period_id = pe.id JOIN organizations o ON o.id = c.site_id
       LEFT JOIN cc_enrollments e ON e.class_id = c.id
     WHERE pe.programme_id = $1 GROUP BY c.id, pe.id, o.id ORDER BY pe.seq, o.name, c.id`,
    [programmeId],
  );
  const [{ n: children }] = await app.db.query<{ n: number }>(
    `SELECT count(DISTINCT e.child_id)::int AS n FROM cc_enrollments e JOIN cc_periods pe ON pe.id = e.period_id
     WHERE pe.programme_id = $1 AND e.status <> 'cancelled'`,
    [programmeId],
  );
  const items = rows.map((r) => ({
    id: r.id,
    title: r.name,
    detail: `${r.period} · ${r.site}`,
    ...figuresOf(r),
  }));
  return {
    service: 'childcare',
    id: programme.id,
    name: programme.name,
    subtitle: programme.season === 'summer' ? '暑期托班' : '寒假托班',
    totals: totalsOf(items, children),
    items,
  };
}
