// Today's work for the organizer home: arrivals and requests waiting for a decision.
import type { TodayItem } from '@/contract/organizer';
import type { Queryable } from '../../db/db';

const URL = '/features/station/pages/staff/index';

export async function stationToday(
  db: Queryable,
  orgIds: string[] | null,
  today: string,
): Promise<TodayItem[]> {
  const [row] = await db.query<{ arrivals: number; pending: number }>(
    `SELECT count(*) FILTER (WHERE status = 'approved' AND check_in = $2::date)::int AS arrivals,
            count(*) FILTER (WHERE status = 'requested')::int AS pending
     FROM station_bookings WHERE ($1::bigint[] IS NULL OR station_id = ANY($1::bigint[]))`,
    [orgIds, today],
  );
  return [
    { service: 'station', label: '驿站今日待入住', count: row.arrivals, url: URL },
    { service: 'station', label: '驿站待审核预约', count: row.pending, url: URL },
  ];
}
