// Today's work for the organizer home: children expected at my sites' classes in session today.
import type { TodayItem } from '@/contract/organizer';
import type { Queryable } from '../../db/db';

export async function childcareToday(
  db: Queryable,
  orgIds: string[] | null,
  today: string,
): Promise<TodayItem[]> {
  const [row] = await db.query<{ children: number }>(
    `SELECT count(*)::int AS children
     FROM cc_enrollments e JOIN cc_classes c ON c.id = e.class_id JOIN cc_periods p ON p.id = c.period_id
     WHERE e.status = 'enrolled' AND $2::date BETWEEN p.starts_on AND p.ends_on
       AND ($1::bigint[] IS NULL OR c.site_id = ANY($1::bigint[]))`,
    [orgIds, today],
  );
  return [
    {
      service: 'childcare',
      label: '托班今日应到儿童',
      count: row.children,
      url: '/features/childcare/pages/staff/index',
    },
  ];
}
