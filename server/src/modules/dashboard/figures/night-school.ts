// 夜校每个名额的报名人数, per course (by round: each course of the terms whose courses start in the
// range) or per month of the courses' first session. Applicants: applications to the course, any
// status (one per person per course); seats: the course's capacity; confirmed: seats taken up.
import { timeBuckets } from '../range';
import { fillBuckets, ratio, type Figure } from './figure';

const FROM = `
  FROM ns_courses c JOIN ns_terms t ON t.id = c.term_id
  LEFT JOIN LATERAL (
    SELECT count(*) AS applicants, count(*) FILTER (WHERE a.status = 'confirmed') AS confirmed
    FROM ns_applications a WHERE a.course_id = c.id
  ) a ON true
  WHERE c.start_date >= $1::date AND c.start_date < $2::date
    AND ($3::bigint IS NULL OR t.org_id = $3::bigint)`;

const COLUMNS = ['seats', 'applicants', 'confirmed'];
const withRatio = (v: number[]) => [...v, ratio(v[1], v[0])];

export const nightSchool: Figure = {
  series: [
    { key: 'seats', label: '名额', unit: '个' },
    { key: 'applicants', label: '报名', unit: '人' },
    { key: 'confirmed', label: '已确认入学', unit: '人' },
    { key: 'perSeat', label: '每个名额报名人数', unit: '人' },
  ],
  async rows({ db, orgId, range, by }) {
    const params = [range.fromDate, range.toDate, orgId];
    if (by === 'month') {
      const b = timeBuckets('month', range);
      const found = await db.query<{ k: string }>(
        `SELECT to_char(c.start_date, 'YYYY-MM') AS k, sum(c.capacity) AS seats,
           coalesce(sum(a.applicants), 0) AS applicants, coalesce(sum(a.confirmed), 0) AS confirmed
         ${FROM} GROUP BY 1`,
        params,
      );
      return fillBuckets(b, found, COLUMNS).map((r) => ({ ...r, values: withRatio(r.values) }));
    }
    const found = await db.query<{ k: string; label: string } & Record<string, number>>(
      `SELECT c.id::text AS k, t.name || ' · ' || c.title AS label, c.capacity AS seats,
         coalesce(a.applicants, 0) AS applicants, coalesce(a.confirmed, 0) AS confirmed
       ${FROM} ORDER BY c.start_date, c.id`,
      params,
    );
    return found.map((r) => ({
      key: r.k,
      label: r.label,
      values: withRatio(COLUMNS.map((c) => Number(r[c]))),
    }));
  },
};
