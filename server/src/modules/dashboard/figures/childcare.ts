// 暑托班名额与报名, per round (a programme's period, 期) or per month of the period's first day.
// Seats: the classes' capacity. Applicants: children who asked for a seat in the period (any
// enrollment, whatever became of it; a child counts once per period). Seated: enrollments holding a
// seat now. Waiting: still on a waitlist. Ever waitlisted: took a waitlist ticket.
import { timeBuckets } from '../range';
import { fillBuckets, ratio, type Figure } from './figure';

const SQL = (group: string) => `
  WITH cls AS (
    SELECT c.id, c.period_id, c.capacity FROM cc_classes c JOIN cc_periods p ON p.id = c.period_id
    WHERE p.starts_on >= $1::date AND p.starts_on < $2::date
      AND ($3::bigint IS NULL OR c.site_id = $3::bigint)
  ), seats AS (
    SELECT period_id, sum(capacity) AS seats FROM cls GROUP BY period_id
  ), apps AS (
    SELECT e.period_id, count(DISTINCT e.child_id) AS applicants,
      count(*) FILTER (WHERE e.status = 'enrolled') AS seated,
      count(*) FILTER (WHERE e.status = 'waitlisted') AS waiting,
      count(*) FILTER (WHERE e.waitlist_no IS NOT NULL) AS ever_waitlisted
    FROM cc_enrollments e JOIN cls ON cls.id = e.class_id GROUP BY e.period_id
  )
  SELECT ${group},
    sum(s.seats) AS seats, coalesce(sum(a.applicants), 0) AS applicants,
    coalesce(sum(a.seated), 0) AS seated, coalesce(sum(a.waiting), 0) AS waiting,
    coalesce(sum(a.ever_waitlisted), 0) AS ever_waitlisted
  FROM seats s JOIN cc_periods p ON p.id = s.period_id JOIN cc_programmes g ON g.id = p.programme_id
  LEFT JOIN apps a ON a.period_id = s.period_id`;

const COLUMNS = ['seats', 'applicants', 'seated', 'waiting', 'ever_waitlisted'];
const withRatio = (v: number[]) => [...v, ratio(v[1], v[0])];

export const childcare: Figure = {
  series: [
    { key: 'seats', label: '名额', unit: '个' },
    { key: 'applicants', label: '报名儿童', unit: '人' },
    { key: 'seated', label: '已录取', unit: '人' },
    { key: 'waiting', label: '候补中', unit: '人' },
    { key: 'everWaitlisted', label: '曾候补', unit: '人' },
    { key: 'perSeat', label: '每个名额报名人数', unit: '人' },
  ],
  async rows({ db, orgId, range, by }) {
    const params = [range.fromDate, range.toDate, orgId];
    if (by === 'month') {
      const b = timeBuckets('month', range);
      const found = await db.query<{ k: string }>(
        `${SQL(`to_char(p.starts_on, 'YYYY-MM') AS k`)} GROUP BY 1`,
        params,
      );
      return fillBuckets(b, found, COLUMNS).map((r) => ({ ...r, values: withRatio(r.values) }));
    }
    const found = await db.query<{ k: string; label: string } & Record<string, number>>(
      `${SQL(`s.period_id::text AS k, g.name || ' · ' || p.name AS label, min(p.starts_on) AS starts_on`)}
       GROUP BY s.period_id, g.name, p.name ORDER BY starts_on, k`,
      params,
    );
    return found.map((r) => ({
      key: r.k,
      label: r.label,
      values: withRatio(COLUMNS.map((c) => Number(r[c]))),
    }));
  },
};
