// Dashboards: the committee's figures per organization and for the whole district, by month or by
// round. Every figure has the same shape (series × rows), so one chart and one CSV serve them all.
// What each number counts is defined in docs/services/dashboards.md.
import { Type, type Static } from '@sinclair/typebox';

export const DASHBOARD_FIGURES = [
  'served',
  'occupancy',
  'childcare',
  'night-school',
  'volunteer',
  'no-shows',
] as const;
export type DashboardFigureName = (typeof DASHBOARD_FIGURES)[number];

export const DASHBOARD_TITLES: Record<DashboardFigureName, string> = {
  served: '服务居民',
  occupancy: '驿站床位使用',
  childcare: '托班名额与报名',
  'night-school': '夜校每个名额的报名人数',
  volunteer: '志愿服务时长与活跃志愿者',
  'no-shows': '爽约（未到）',
};

/** The longest range one request may ask for: two years of months and then some. */
export const DASHBOARD_MAX_MONTHS = 36;

export const DASHBOARD_ERRORS = {
  DASHBOARD_RANGE_INVALID: '起止月份有误：开始月份不能晚于结束月份，且最多查询36个月',
} as const;
export type DashboardErrorCode = keyof typeof DASHBOARD_ERRORS;

const Month = Type.String({ pattern: '^\\d{4}-(0[1-9]|1[0-2])$', description: 'YYYY-MM' });

export const DashboardQuerySchema = Type.Object(
  {
    /** month: one row per calendar month (Beijing time); round: per the figure's round (see docs). */
    by: Type.Optional(Type.Union([Type.Literal('month'), Type.Literal('round')])),
    /** First month, inclusive (default: 11 months before the current one). */
    from: Type.Optional(Month),
    /** Last month, inclusive (default: the current month). */
    to: Type.Optional(Month),
  },
  { additionalProperties: false },
);
export type DashboardQuery = Static<typeof DashboardQuerySchema>;

export const DashboardOrgParamsSchema = Type.Object(
  { orgId: Type.String({ pattern: '^[1-9][0-9]{0,17}$' }) },
  { additionalProperties: false },
);

export const DashboardSeriesSchema = Type.Object({
  key: Type.String(),
  label: Type.String(),
  unit: Type.String(),
});
export type DashboardSeries = Static<typeof DashboardSeriesSchema>;

export const DashboardRowSchema = Type.Object({
  /** 2026-03 (month), 2026 (year), or a round's id. */
  key: Type.String(),
  label: Type.String(),
  /** One number per series, in the order of `series`. */
  values: Type.Array(Type.Number()),
});
export type DashboardRow = Static<typeof DashboardRowSchema>;

export const DashboardFigureSchema = Type.Object({
  figure: Type.Union(DASHBOARD_FIGURES.map((f) => Type.Literal(f))),
  title: Type.String(),
  scope: Type.Object({
    kind: Type.Union([Type.Literal('district'), Type.Literal('org')]),
    orgId: Type.Union([Type.String(), Type.Null()]),
    name: Type.String(),
  }),
  by: Type.Union([Type.Literal('month'), Type.Literal('round')]),
  from: Type.String(),
  to: Type.String(),
  series: Type.Array(DashboardSeriesSchema),
  rows: Type.Array(DashboardRowSchema),
});
export type DashboardFigure = Static<typeof DashboardFigureSchema>;
