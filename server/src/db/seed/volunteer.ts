// Demo volunteer projects and shifts, drawn from the seed reports: 河小青 river patrols, 垃圾分类
// publicity, 敬老月 visits and the 青年讲师团's community talks (90+ events a year, 15 projects).
// Shifts are laid out over the two weeks after the seeding day (Asia/Shanghai), so a fresh demo
// always has upcoming shifts to sign up for.
import type { Queryable } from '../db';
import { addDays, beijingInstant, beijingToday } from '@/contract/beijing-time';

interface DemoProject {
  org: string;
  title: string;
  category: string;
  description: string;
  skills: string[];
  place: string;
  lat: number;
  lng: number;
  radiusM: number;
  /** [days after the seeding day, 'HH:MM' start, 'HH:MM' end, needed] in Shanghai time */
  shifts: [number, string, string, number][];
}

const PROJECTS: DemoProject[] = [
  {
    org: '河小青巡河护河志愿服务队',
    title: '“河小青”苏州河巡河护河',
    category: '环境保护',
    description:
      '沿苏州河长风段步行巡河，记录漂浮物与排口异常，劝导岸边垂钓和乱扔垃圾。统一发放马甲、手套和夹子。',
    skills: ['巡河', '拍照记录'],
    place: '苏州河长风段·长风公园4号门集合',
    lat: 31.2236,
    lng: 121.3935,
    radiusM: 300,
    shifts: [
      [2, '09:00', '11:30', 12],
      [9, '09:00', '11:30', 12],
      [5, '14:00', '16:00', 8],
    ],
  },
  {
    org: '河小青巡河护河志愿服务队',
    title: '垃圾分类定时定点宣传',
    category: '社区服务',
    description:
      '在小区垃圾厢房旁值守，指导居民分类投放、破袋，回答常见问题。适合初次参加的志愿者。',
    skills: ['宣传', '沟通'],
    place: '长风新村街道·天山路1718号小区垃圾厢房',
    lat: 31.218,
    lng: 121.4043,
    radiusM: 200,
    shifts: [
      [1, '07:00', '09:00', 6],
      [3, '18:00', '20:00', 6],
    ],
  },
  {
    org: '共青团上海市徐汇区委员会',
    title: '“敬老月”社区长者陪伴',
    category: '敬老助老',
    description: '陪伴社区独居长者聊天、读报，教长者使用手机挂号和视频通话。',
    skills: ['耐心', '手机使用教学'],
    place: '漕河泾街道社区综合为老服务中心',
    lat: 31.1705,
    lng: 121.4326,
    radiusM: 200,
    shifts: [
      [4, '09:30', '11:30', 5],
      [11, '09:30', '11:30', 5],
    ],
  },
  {
    org: '“汇青春”青年讲师团',
    title: '青年理论宣讲进社区',
    category: '宣讲',
    description:
      '“基层点单、工委派单、讲师接单、群众评单”：到社区党群服务站开展30分钟宣讲并答疑，需协助布置场地与签到。',
    skills: ['宣讲', '场务'],
    place: '徐汇区田林街道党群服务中心',
    lat: 31.1768,
    lng: 121.4254,
    radiusM: 250,
    shifts: [[6, '19:00', '20:30', 4]],
  },
];

/** The Beijing wall-clock time `hhmm`, `dayOffset` days after the seeding day. */
function shanghaiInstant(dayOffset: number, hhmm: string, base: Date): string {
  return beijingInstant(addDays(beijingToday(base), dayOffset), hhmm) as string;
}

export async function seedVolunteer(tx: Queryable, base: Date = new Date()): Promise<void> {
  for (const p of PROJECTS) {
    const [row] = await tx.query<{ id: string }>(
      `INSERT INTO volunteer_projects (org_id, title, category, description, skills)
       SELECT id, $2, $3, $4, $5::text[] FROM organizations WHERE name = $1 RETURNING id::text AS id`,
      [p.org, p.title, p.category, p.description, p.skills],
    );
    if (!row) continue; // the organization was renamed: skip rather than fail the whole seed
    for (const [day, from, to, needed] of p.shifts) {
      await tx.query(
        `INSERT INTO volunteer_shifts (project_id, starts_at, ends_at, place, lat, lng, radius_m, needed)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [
          row.id,
          shanghaiInstant(day, from, base),
          shanghaiInstant(day, to, base),
          p.place,
          p.lat,
          p.lng,
          p.radiusM,
          needed,
        ],
      );
    }
  }
}
