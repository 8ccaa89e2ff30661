// Today's work for the organizer home: sessions held today (a course meets weekly from its start
// date for `sessions` weeks) and no-show appeals waiting for a decision.
import type { TodayItem } from '@/contract/organizer';
import type { Queryable } from '../../db/db';

const URL = '/features/night-school/pages/admin/index';

export async function nightSchoolToday(
  db: Queryable,
  orgIds: string[] | null,
  today: string,
): Promise<TodayItem[]> {
  const [row] = await db.query<{ sessions: number; appeals: number }>(
    `SELECT
       (SELECT count(*)::int FROM ns_courses c JOIN ns_terms t ON t.id = c.term_id
        WHERE ($1::bigint[] IS NULL OR t.org_id = ANY($1::bigint[]))
          AND $2::date >= c.start_date AND ($2::date - c.start_date) % 7 = 0
          AND ($2::date - c.start_date) / 7 < c.sessions) AS sessions,
       (SELECT count(*)::int FROM ns_appeals a JOIN ns_terms t ON t.id = a.term_id
        WHERE a.status = 'open' AND ($1::bigint[] IS NULL OR t.org_id = ANY($1::bigint[]))) AS appeals`,
    [orgIds, today],
  );
  return [
    { service: 'night-school', label: '夜校今日课程', count: row.sessions, url: URL },
    { service: 'night-school', label: '夜校待处理申诉', count: row.appeals, url: URL },
  ];
}
