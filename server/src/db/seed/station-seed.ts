// Demo inventory of the two partner-hotel stations (234 beds, seed documents): their room types
// from the organizations' details, house rules and contacts, and 6 weeks of nights from today.
import type { Queryable } from '../db';

const EXTRA: Record<string, Record<string, unknown>> = {
  '青年人才驿站·漕河泾合作酒店': {
    contact: '021-6485 2210（驿站服务台，9:00–21:00）',
    rules: [
      '入住当天14:00–22:00凭预订二维码和身份证办理入住',
      '免费入住最多7晚，12个月内累计不超过7晚',
      '房间内禁止吸烟、禁止留宿访客',
      '退房时间为中午12:00前',
    ],
    mapUrl: 'https://uri.amap.com/search?keyword=上海市徐汇区宜山路889号',
  },
  '青年人才驿站·半马苏河合作公寓': {
    contact: '021-5260 1188（驿站管家，9:00–21:00）',
    rules: [
      '入住当天14:00–22:00凭预订二维码和身份证办理入住',
      '免费入住最多7晚，12个月内累计不超过7晚',
      '公寓提供洗衣房和共享厨房',
      '退房时间为中午12:00前',
    ],
    mapUrl: 'https://uri.amap.com/search?keyword=上海市普陀区云岭东路89号',
  },
};

const WEEKS = 6;

/** `today` is YYYY-MM-DD in Asia/Shanghai. */
export async function seedStations(tx: Queryable, today: string): Promise<void> {
  const stations = await tx.query<{
    id: string;
    name: string;
    details: { roomTypes?: { code: string; name: string; beds: number; gender: string }[] };
  }>(`SELECT id::text AS id, name, details FROM organizations WHERE kind = 'station' ORDER BY id`);
  for (const st of stations) {
    if (EXTRA[st.name]) {
      await tx.query(`UPDATE organizations SET details = details || $2::jsonb WHERE id = $1`, [
        st.id,
        JSON.stringify(EXTRA[st.name]),
      ]);
    }
    for (const rt of st.details.roomTypes ?? []) {
      const gender = rt.gender === 'male' || rt.gender === 'female' ? rt.gender : 'any';
      await tx.query(
        `INSERT INTO station_room_types (station_id, code, name, gender, beds) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (station_id, code) DO NOTHING`,
        [st.id, rt.code, rt.name, gender, rt.beds],
      );
    }
  }
  await tx.query(
    `INSERT INTO station_nights (room_type_id, station_id, night, beds)
     SELECT rt.id, rt.station_id, $1::date + i, rt.beds
     FROM station_room_types rt CROSS JOIN generate_series(0, $2::int - 1) AS i
     ON CONFLICT (room_type_id, night) DO NOTHING`,
    [today, WEEKS * 7],
  );
}
