// Demo catalog of the night school: a lottery term of 徐汇团区委 with 8 free evening courses at venues
// named in the seed reports (“半马苏河”青年服务阵地, 中远两湾城, 天地软件园, 徐汇青年活动中心 …).
// Courses of ≤20 people, 8 weekly sessions, 18:00–19:30 or 19:30–21:00 slots, ages 18–40
// (PRODUCT.md). Where WeChat Pay is configured (the demo's fake included) a ninth course charges
// the citizen night school's price, ¥500 for 12 sessions; elsewhere it could not open. The window opened 5 days before the seed day and closes 3 days after it, 22:00
// Shanghai; classes start the second Monday after it closes.
import { createHash, randomBytes } from 'node:crypto';
import type { Queryable } from '../db';
import { addDays } from '@/contract/beijing-time';
import { mondayFrom, seasonOf, shanghaiAt } from './demo-dates';
import { DEMO_COMMITTEE_NAME } from './demo-orgs';

interface SeedCourse {
  title: string;
  category: string;
  teacher: string;
  description: string;
  venue: string;
  address: string;
  district: string;
  lat: number;
  lng: number;
  weekday: number;
  slot: [string, string];
  capacity: number;
  /** 8 unless said. */
  sessions?: number;
  /** Free unless said. */
  feeFen?: number;
}

const BANMA = {
  venue: '“半马苏河”青年服务阵地旗舰店',
  address: '上海市普陀区光复西路2899号',
  district: '普陀区',
  lat: 31.2262,
  lng: 121.4012,
};
const XUHUI_YC = {
  venue: '徐汇青年活动中心',
  address: '上海市徐汇区漕溪北路336号',
  district: '徐汇区',
  lat: 31.1886,
  lng: 121.4371,
};
const LIANGWAN = {
  venue: '中远两湾城青年之家',
  address: '上海市普陀区远景路97弄',
  district: '普陀区',
  lat: 31.2517,
  lng: 121.4441,
};
const TIANDI = {
  venue: '天地软件园青年中心',
  address: '上海市普陀区中江路879号',
  district: '普陀区',
  lat: 31.2375,
  lng: 121.3932,
};
const CAOHEJING = {
  venue: '漕河泾开发区青年汇客厅',
  address: '上海市徐汇区宜山路900号',
  district: '徐汇区',
  lat: 31.1722,
  lng: 121.4,
};

const EARLY: [string, string] = ['18:00', '19:30'];
const LATE: [string, string] = ['19:30', '21:00'];

export const NIGHT_SCHOOL_COURSES: SeedCourse[] = [
  {
    title: '陶艺入门：手捏与拉坯',
    category: '手工',
    teacher: '沈静怡（陶艺工作室主理人）',
    description: '从揉泥、手捏到拉坯上釉，8次课做出一套自己的杯碟，作品烧制后可带回家。',
    ...BANMA,
    weekday: 2,
    slot: LATE,
    capacity: 16,
  },
  {
    title: '咖啡拉花与手冲',
    category: '生活',
    teacher: '顾一鸣（SCA认证咖啡师）',
    description: '认识咖啡豆与烘焙度，练习手冲与奶泡，学会心形、郁金香拉花。',
    ...CAOHEJING,
    weekday: 3,
    slot: EARLY,
    capacity: 12,
  },
  {
    title: '脱口秀表达训练营',
    category: '表达',
    teacher: '陈昊（开放麦主理人）',
    description: '写段子、找节奏、上开放麦：在笑声里练习表达与临场反应，结课登台演出。',
    ...LIANGWAN,
    weekday: 4,
    slot: LATE,
    capacity: 20,
  },
  {
    title: 'AI工具入门：办公效率提升',
    category: '技能',
    teacher: '王思远（软件园产品经理）',
    description: '用大模型写文案、做表格、整理会议纪要，学会提示词与常见工具，自带笔记本电脑。',
    ...TIANDI,
    weekday: 1,
    slot: LATE,
    capacity: 20,
  },
  {
    title: '心理学：情绪与压力管理',
    category: '身心',
    teacher: '李文清（国家二级心理咨询师）',
    description: '认识情绪与压力来源，练习正念与认知调节，适合刚工作的青年。',
    ...XUHUI_YC,
    weekday: 2,
    slot: EARLY,
    capacity: 20,
  },
  {
    title: '街舞基础（Hip-hop）',
    category: '运动',
    teacher: '赵一帆（街舞教练）',
    description: '零基础友好：律动、基础步伐和一支完整的小组舞，穿运动鞋来。',
    ...BANMA,
    weekday: 5,
    slot: LATE,
    capacity: 18,
  },
  {
    title: '城市摄影与手机修图',
    category: '艺术',
    teacher: '周晓岚（纪实摄影师）',
    description: '沿苏州河练构图与用光，课后用手机修图，结课举办小型影展。',
    ...BANMA,
    weekday: 3,
    slot: LATE,
    capacity: 15,
  },
  {
    title: '普通话与朗诵',
    category: '表达',
    teacher: '许嘉（电台主持人）',
    description: '发声、吐字与情感表达，朗诵经典诗文，也适合准备面试的青年。',
    ...XUHUI_YC,
    weekday: 4,
    slot: EARLY,
    capacity: 20,
  },
];

/** The paid course: seeded only with `paidOfferings` (WeChat Pay configured at the seed). */
export const PAID_NIGHT_SCHOOL_COURSE: SeedCourse = {
  title: '粤语入门：日常会话',
  category: '语言',
  teacher: '陈嘉欣（粤语培训讲师）',
  description: '从声调和拼音入手，学会点餐、问路、寒暄等日常会话，12次课，学费¥500。',
  ...XUHUI_YC,
  weekday: 2,
  slot: LATE,
  capacity: 20,
  sessions: 12,
  feeFen: 50_000,
};

/** `today` is YYYY-MM-DD in Asia/Shanghai. */
export async function seedNightSchool(
  tx: Queryable,
  today: string,
  opts: { paidOfferings: boolean } = { paidOfferings: false },
): Promise<void> {
  const [org] = await tx.query<{ id: string }>(
    `SELECT id::text AS id FROM organizations WHERE kind = 'committee' AND name = $1`,
    [DEMO_COMMITTEE_NAME],
  );
  if (!org) return;
  const seed = randomBytes(16).toString('hex');
  const closesOn = addDays(today, 3);
  const startDate = mondayFrom(addDays(closesOn, 7));
  const [term] = await tx.query<{ id: string }>(
    `INSERT INTO ns_terms (org_id, name, allocation, opens_at, closes_at, draw_at, seed, seed_hash)
     VALUES ($1, $2, 'lottery', $3, $4, $5, $6, $7)
     RETURNING id::text AS id`,
    [
      org.id,
      `${startDate.slice(0, 4)}${seasonOf(startDate)}青年夜校`,
      shanghaiAt(addDays(today, -5), '10:00'),
      shanghaiAt(closesOn, '22:00'),
      // the draw is announced with the term: the next morning at ten, Beijing time
      shanghaiAt(addDays(closesOn, 1), '10:00'),
      seed,
      createHash('sha256').update(seed).digest('hex'),
    ],
  );
  const courses = opts.paidOfferings
    ? [...NIGHT_SCHOOL_COURSES, PAID_NIGHT_SCHOOL_COURSE]
    : NIGHT_SCHOOL_COURSES;
  for (const c of courses) {
    await tx.query(
      `INSERT INTO ns_courses (term_id, title, category, teacher, description, venue_name, venue_address, district,
         lat, lng, weekday, start_time, end_time, start_date, sessions, capacity, fee_fen)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)`,
      [
        term.id,
        c.title,
        c.category,
        c.teacher,
        c.description,
        c.venue,
        c.address,
        c.district,
        c.lat,
        c.lng,
        c.weekday,
        c.slot[0],
        c.slot[1],
        startDate,
        c.sessions ?? 8,
        c.capacity,
        c.feeFen ?? 0,
      ],
    );
  }
}
