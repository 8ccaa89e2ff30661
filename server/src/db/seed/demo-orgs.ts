// Demo organizations, drawn from the seed documents (徐汇/普陀 league work reports: 2 partner
// hotels with 234 beds, ~60 爱心暑托班 classes a year, 河小青 river patrols, 半马苏河 youth night school).
// Later issues add their own seed files (classes, shifts, bed inventory) next to this one.
import type { Queryable } from '../db';

export interface DemoOrg {
  kind: 'committee' | 'station' | 'site' | 'team';
  name: string;
  district: string;
  address: string;
  summary: string;
  /** GCJ-02, for WeChat's map (stations and sites; migration 0014). */
  latitude?: number;
  longitude?: number;
  details: Record<string, unknown>;
}

export const DEMO_COMMITTEE_NAME = '共青团上海市徐汇区委员会';

export const DEMO_ORGS: DemoOrg[] = [
  {
    kind: 'committee',
    name: DEMO_COMMITTEE_NAME,
    district: '徐汇区',
    address: '上海市徐汇区漕溪北路336号',
    summary: '徐汇团区委：青年夜校、爱心暑托班、“汇青春”青年讲师团',
    details: { shortName: '徐汇团区委' },
  },
  {
    kind: 'committee',
    name: '共青团上海市普陀区委员会',
    district: '普陀区',
    address: '上海市普陀区大渡河路1668号',
    summary: '普陀团区委：青年驿站、“半马苏河”青年服务阵地、河小青志愿服务',
    details: { shortName: '普陀团区委' },
  },
  {
    kind: 'station',
    name: '青年人才驿站·漕河泾合作酒店',
    district: '徐汇区',
    address: '上海市徐汇区宜山路889号',
    latitude: 31.17552,
    longitude: 121.42291,
    summary: '来徐汇求职青年免费入住，最多7晚，共120张床位',
    details: {
      beds: 120,
      partner: 'hotel',
      address: '上海市徐汇区宜山路889号',
      roomTypes: [
        { code: 'twin', name: '标准双床房', beds: 80, gender: 'any-per-room' },
        { code: 'quad-m', name: '四人间（男）', beds: 24, gender: 'male' },
        { code: 'quad-f', name: '四人间（女）', beds: 16, gender: 'female' },
      ],
      checkIn: '14:00–22:00',
      maxNights: 7,
    },
  },
  {
    kind: 'station',
    name: '青年人才驿站·半马苏河合作公寓',
    district: '普陀区',
    address: '上海市普陀区长风街道云岭东路89号',
    latitude: 31.22703,
    longitude: 121.39527,
    summary: '来普陀求职青年免费入住，最多7晚，共114张床位',
    details: {
      beds: 114,
      partner: 'apartment',
      address: '上海市普陀区长风街道云岭东路89号',
      roomTypes: [
        { code: 'twin', name: '标准双床房', beds: 60, gender: 'any-per-room' },
        { code: 'quad-m', name: '四人间（男）', beds: 30, gender: 'male' },
        { code: 'quad-f', name: '四人间（女）', beds: 24, gender: 'female' },
      ],
      checkIn: '14:00–22:00',
      maxNights: 7,
    },
  },
  {
    kind: 'site',
    name: '2026爱心暑托班·漕河泾街道社区文化活动中心',
    district: '徐汇区',
    address: '上海市徐汇区田林路200号',
    latitude: 31.17398,
    longitude: 121.43312,
    summary: '2026年爱心暑托班办班点，小学1–5年级，每班35人',
    details: {
      programme: '2026爱心暑托班',
      purpose: 'childcare',
      grades: [1, 5],
      classSize: 35,
      periods: [
        '2026-07-06/2026-07-17',
        '2026-07-20/2026-07-31',
        '2026-08-03/2026-08-14',
        '2026-08-17/2026-08-28',
      ],
      feeYuan: 400,
    },
  },
  {
    kind: 'site',
    name: '2026爱心暑托班·长风新村街道社区中心',
    district: '普陀区',
    address: '上海市普陀区天山路1718号',
    latitude: 31.21764,
    longitude: 121.38853,
    summary: '2026年爱心暑托班办班点，小学1–5年级，每班35人',
    details: {
      programme: '2026爱心暑托班',
      purpose: 'childcare',
      grades: [1, 5],
      classSize: 35,
      periods: [
        '2026-07-06/2026-07-17',
        '2026-07-20/2026-07-31',
        '2026-08-03/2026-08-14',
        '2026-08-17/2026-08-28',
      ],
      feeYuan: 400,
    },
  },
  {
    kind: 'site',
    name: '2026爱心暑托班·中远两湾城社区服务点',
    district: '普陀区',
    address: '上海市普陀区远景路97弄',
    latitude: 31.24872,
    longitude: 121.43795,
    summary: '2026年爱心暑托班办班点，小学1–3年级，每班35人',
    details: {
      programme: '2026爱心暑托班',
      purpose: 'childcare',
      grades: [1, 3],
      classSize: 35,
      periods: ['2026-07-06/2026-07-17', '2026-07-20/2026-07-31'],
      feeYuan: 400,
    },
  },
  {
    kind: 'site',
    name: '“半马苏河”青年服务阵地旗舰店（青年夜校）',
    district: '普陀区',
    address: '上海市普陀区长风街道光复西路2899号',
    latitude: 31.23165,
    longitude: 121.39982,
    summary: '青年夜校上课点：陶艺、咖啡、脱口秀、AI工具，18:00–19:30 / 19:30–21:00',
    details: { purpose: 'night-school', rooms: 4, slots: ['18:00-19:30', '19:30-21:00'] },
  },
  {
    kind: 'team',
    name: '河小青巡河护河志愿服务队',
    district: '普陀区',
    address: '上海市普陀区苏州河长风段',
    summary: '“河小青”巡河护河、垃圾分类宣传、社区点单服务',
    details: { skills: ['巡河', '宣传', '秩序维护'] },
  },
  {
    kind: 'team',
    name: '“汇青春”青年讲师团',
    district: '徐汇区',
    address: '上海市徐汇区漕溪北路336号',
    summary: '63名青年讲师进校园、进社区宣讲',
    details: { members: 63 },
  },
];

export async function seedDemoOrgs(tx: Queryable): Promise<void> {
  for (const o of DEMO_ORGS) {
    await tx.query(
      `INSERT INTO organizations (kind, name, district, address, summary, details, latitude, longitude)
       VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7, $8) ON CONFLICT (kind, name) DO NOTHING`,
      [
        o.kind,
        o.name,
        o.district,
        o.address,
        o.summary,
        JSON.stringify(o.details),
        o.latitude ?? null,
        o.longitude ?? null,
      ],
    );
  }
}
