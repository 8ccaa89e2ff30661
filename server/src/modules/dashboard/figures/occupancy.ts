// 驿站床位使用: bed-nights available (beds of nights not closed), held (booked: what the counters
// hold, including a no-show's first night and stays still ahead) and used (nights of bookings that
// were checked in; check-out gives the unused nights back, so what is left was stayed).
import { timeBuckets } from '../range';
import { fillBuckets, ratio, type Figure } from './figure';

export const occupancy: Figure = {
  series: [
    { key: 'available', label: '可用床晚', unit: '晚' },
    { key: 'held', label: '已预订床晚', unit: '晚' },
    { key: 'used', label: '实际入住床晚', unit: '晚' },
    { key: 'rate', label: '入住率', unit: '%' },
  ],
  async rows({ db, orgId, range, by }) {
    const b = timeBuckets(by, range);
    const params = [range.fromDate, range.toDate, orgId, b.unit, b.format];
    const [stock, used] = await Promise.all([
      db.query<{ k: string }>(
        `SELECT to_char(date_trunc($4::text, night::timestamp), $5::text) AS k,
           coalesce(sum(beds) FILTER (WHERE NOT closed), 0) AS available, coalesce(sum(taken), 0) AS held
         FROM station_nights
         WHERE night >= $1::date AND night < $2::date AND ($3::bigint IS NULL OR station_id = $3::bigint)
         GROUP BY 1`,
        params,
      ),
      db.query<{ k: string; used: number }>(
        `SELECT to_char(date_trunc($4::text, n.night::timestamp), $5::text) AS k, count(*) AS used
         FROM station_booking_nights n JOIN station_bookings b ON b.id = n.booking_id
         WHERE n.night >= $1::date AND n.night < $2::date
           AND b.status IN ('checked_in', 'checked_out')
           AND ($3::bigint IS NULL OR b.station_id = $3::bigint)
         GROUP BY 1`,
        params,
      ),
    ]);
    const usedBy = new Map(used.map((u) => [u.k, u]));
    const rows = fillBuckets(
      b,
      stock.map((s) => ({ ...s, used: usedBy.get(s.k)?.used ?? 0 })),
      ['available', 'held', 'used'],
    );
    return rows.map((r) => ({
      ...r,
      values: [...r.values, ratio(r.values[2] * 100, r.values[0], 1)],
    }));
  },
};
