import type { OrgKind } from '@/contract/account';

export type ServiceId = 'night-school' | 'station' | 'childcare' | 'volunteer';

export interface ServiceInfo {
  id: ServiceId;
  name: string;
  /** The resident's own records of this service, as listed in 我的. */
  mine: string;
  badge: string;
  tagline: string;
  color: string;
  tint: string;
  /** The organizations that run this service (they exist from the demo seed on). */
  orgKind: OrgKind;
  orgLabel: string;
  url: string;
  facts: string[];
}

/** The four services, in the words residents use (PRODUCT.md). Home and each service page read this. */
export const SERVICES: ServiceInfo[] = [
  {
    id: 'night-school',
    name: '青年夜校',
    mine: '我的夜校',
    badge: '学',
    tagline: '下班后的兴趣课，公平摇号',
    color: '#7c3aed',
    tint: '#f3edff',
    orgKind: 'committee',
    orgLabel: '主办单位',
    url: '/features/night-school/pages/index/index',
    facts: [
      '每期 8 次课，18:00 或 19:30 开课',
      '每人每期可报 3 门、最多录取 2 门',
      '名额紧张时公开摇号，种子可验证',
    ],
  },
  {
    id: 'station',
    name: '青年驿站',
    mine: '我的驿站',
    badge: '宿',
    // the age range and the allowance are settings: the station home states them from the API
    tagline: '来区求职，免费入住',
    color: '#0f766e',
    tint: '#e6f6f3',
    orgKind: 'station',
    orgLabel: '合作驿站',
    url: '/features/station/pages/index/index',
    facts: ['来区求职、新就业青年', '按晚预订，可在多家驿站分段入住', '入住当天凭码办理'],
  },
  {
    id: 'childcare',
    name: '爱心托班',
    mine: '我的托班',
    badge: '托',
    tagline: '假期托管，就近入班',
    color: '#c2410c',
    tint: '#fff1e8',
    orgKind: 'site',
    orgLabel: '托管点位',
    url: '/features/childcare/pages/index/index',
    facts: ['面向小学在读学生', '每期两周，每班约 35 人', '先到先得，满员可候补'],
  },
  {
    id: 'volunteer',
    name: '志愿服务',
    mine: '我的志愿',
    badge: '志',
    tagline: '报名服务，现场签到记时长',
    color: '#1d4ed8',
    tint: '#eaf0ff',
    orgKind: 'team',
    orgLabel: '志愿队伍',
    url: '/features/volunteer/pages/index/index',
    facts: ['扫现场码签到签退', '时长按规则折算，可开证明', '群众点单，志愿者接单'],
  },
];

export function serviceById(id: ServiceId): ServiceInfo {
  const found = SERVICES.find((s) => s.id === id);
  if (!found) throw new Error(`unknown service ${id}`);
  return found;
}
