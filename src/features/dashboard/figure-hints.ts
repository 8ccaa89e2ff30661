import type { DashboardFigureName } from '@/contract/dashboard';

// One line under each chart: what is counted (docs/services/dashboards.md has the full rules).
export const FIGURE_HINTS: Record<DashboardFigureName, string> = {
  served: '每人每期只计一次；托班按家庭（户）计',
  occupancy: '可用床晚不含关闭的夜晚；入住率 = 实际入住 ÷ 可用',
  childcare: '报名儿童含后来取消、过期的；候补中为当前仍在排队的',
  'night-school': '报名含所有状态；按轮次时为每门课',
  volunteer: '时长为台账净值（作废、更正已计入）；活跃 = 时长大于0的人',
  'no-shows': '驿站未到店、夜校缺勤、志愿者报名后未签到',
};
