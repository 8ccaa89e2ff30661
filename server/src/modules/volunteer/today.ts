// Today's work for the organizer home: my teams' shifts starting today (Beijing date) and
// residents' requests waiting for my committee to dispatch them.
import type { TodayItem } from '@/contract/organizer';
import type { Queryable } from '../../db/db';

export async function volunteerToday(
  db: Queryable,
  orgIds: string[] | null,
  today: string,
): Promise<TodayItem[]> {
  const [row] = await db.query<{ shifts: number; requests: number }>(
    `SELECT
       (SELECT count(*)::int FROM volunteer_shifts s JOIN volunteer_projects p ON p.id = s.project_id
        WHERE ($1::bigint[] IS NULL OR p.org_id = ANY($1::bigint[]))
          AND (s.starts_at AT TIME ZONE 'Asia/Shanghai')::date = $2::date) AS shifts,
       (SELECT count(*)::int FROM volunteer_requests r
        WHERE r.state = 'submitted' AND ($1::bigint[] IS NULL OR r.committee_id = ANY($1::bigint[]))) AS requests`,
    [orgIds, today],
  );
  return [
    {
      service: 'volunteer',
      label: '志愿今日班次',
      count: row.shifts,
      url: '/features/volunteer/pages/manage/index',
    },
    {
      service: 'volunteer',
      label: '待派单的群众点单',
      count: row.requests,
      url: '/features/volunteer/pages/requests/index',
    },
  ];
}
