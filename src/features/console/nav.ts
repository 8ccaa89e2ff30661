// The console's left navigation: one entry per service, each with its tables. 数据看板 opens
// the dashboards' own page (features/dashboard).
export interface Section {
  key: string;
  title: string;
  /** Table keys of tables.ts, shown as tabs in this order. */
  tables: string[];
  adminOnly?: boolean;
  /** A section that is its own page (not tables); absent: not built yet, shown as 即将上线. */
  url?: string | null;
}

export const HOME = 'home';

export const SECTIONS: Section[] = [
  { key: HOME, title: '工作台首页', tables: [] },
  { key: 'dashboard', title: '数据看板', tables: [], url: '/features/dashboard/pages/index/index' },
  { key: 'station', title: '青年驿站', tables: ['station-bookings', 'station-occupancy'] },
  {
    key: 'childcare',
    title: '托班',
    tables: ['childcare-classes', 'childcare-roster', 'childcare-attendance'],
  },
  {
    key: 'night-school',
    title: '青年夜校',
    tables: [
      'night-school-terms',
      'night-school-courses',
      'night-school-applications',
      'night-school-attendance',
      'night-school-appeals',
    ],
  },
  {
    key: 'volunteer',
    title: '志愿服务',
    tables: ['volunteer-tasks', 'volunteer-shifts', 'volunteer-hours'],
  },
  {
    key: 'payments',
    title: '收费与对账',
    tables: ['payments', 'payments-daily', 'payments-reconciliation'],
  },
  { key: 'roles', title: '工作人员', tables: ['roles'], adminOnly: true },
  { key: 'audit', title: '操作日志', tables: ['audit'], adminOnly: true },
];

export const sectionsFor = (role: string | undefined) =>
  SECTIONS.filter((s) => !s.adminOnly || role === 'admin');
