// What each console table shows: the server's table name, column titles and formats, filters,
// bulk actions, inline edits and the existing CSV export. The table component (data-table.tsx) is
// one for all of them; a table here is configuration, not a copy.
import type { ComponentType } from 'react';
import type { OrgKind } from '@/contract/account';
import type { ConsoleCell, ConsoleRow } from '@/contract/console';
import { PAYMENT_TABLES } from './payment-tables';

export interface ColumnSpec {
  key: string;
  title: string;
  sortable?: boolean;
  /** CSS width in px; the table scrolls sideways rather than squeezing text. */
  width?: number;
  format?: (value: ConsoleCell, row: ConsoleRow) => string;
  /** Kept on one line (amounts, states): the wrapping is left to names and places. */
  nowrap?: boolean;
  /** A cell that should catch the eye (an anomaly in red, money in bold). */
  tone?: (row: ConsoleRow) => CellTone | null;
  /** An integer edited in place through an existing endpoint (with its own validation). */
  edit?: { path: (row: ConsoleRow) => string; field: string; min: number; max: number };
}

export type CellTone = 'ok' | 'warn' | 'danger' | 'strong';

export interface FilterSpec {
  key: string;
  title: string;
  options?: { value: string; label: string }[];
  /** Options are the caller's organizations of these kinds (all of them for an admin). */
  orgKind?: OrgKind | OrgKind[];
  /** Options come from this endpoint (`{items: [{value, label}]}`), already in the caller's scope. */
  optionsPath?: string;
  /** A Beijing calendar day (YYYY-MM-DD) picked with a date input. */
  date?: boolean;
}

/** An existing CSV export: for the whole table (given its filters) or for one row. */
export interface ExportSpec {
  label: string;
  filename: string;
  /** null: the export needs a filter first (the hint says which). */
  path: (filters: Record<string, string>) => string | null;
  hint?: string;
}
export interface RowExportSpec {
  label: string;
  filename: (row: ConsoleRow) => string;
  path: (row: ConsoleRow) => string;
}

/** One action per row (POST to a console endpoint), for rows where `when` holds. */
export interface RowActionSpec {
  label: string;
  /** Under /api/v1/console. */
  path: (row: ConsoleRow) => string;
  when?: (row: ConsoleRow) => boolean;
  /** The answer in one sentence for staff. */
  describe: (result: unknown) => string;
}

/** What a row's dialog is given: its row, a way out, and the sentence to show once it acted. */
export interface RowDialogProps {
  row: ConsoleRow;
  onClose: () => void;
  onDone: (outcome: string) => void;
}

/** One action per row that asks staff for more first (退款: an amount, a reason, a confirmation). */
export interface RowDialogSpec {
  label: string;
  when?: (row: ConsoleRow) => boolean;
  Dialog: ComponentType<RowDialogProps>;
}

export interface BulkSpec {
  label: string;
  path: string;
  /** Extra body fields asked of the user before running (night-school attendance). */
  needs?: 'attendance';
  /** Only rows for which this holds can be picked. */
  pickable?: (row: ConsoleRow) => boolean;
}

export interface TableSpec {
  table: string;
  title: string;
  columns: ColumnSpec[];
  filters?: FilterSpec[];
  bulk?: BulkSpec;
  hint?: string;
  export?: ExportSpec;
  rowExport?: RowExportSpec;
  rowAction?: RowActionSpec;
  rowDialog?: RowDialogSpec;
  searchPlaceholder: string;
  defaultSort?: string;
}

const label =
  (labels: Record<string, string>) =>
  (v: ConsoleCell): string =>
    v == null ? '—' : (labels[String(v)] ?? String(v));
const options = (labels: Record<string, string>) =>
  Object.entries(labels).map(([value, l]) => ({ value, label: l }));
const yesNo = (v: ConsoleCell) => (v ? '是' : '否');
const WEEKDAY = ['', '周一', '周二', '周三', '周四', '周五', '周六', '周日'];

export const BOOKING_STATUS: Record<string, string> = {
  held: '填写资格信息中',
  requested: '待审核',
  approved: '已通过',
  rejected: '未通过',
  checked_in: '已入住',
  checked_out: '已退房',
  cancelled: '已取消',
  no_show: '未到店',
  expired: '已过期',
};
const ENROLLMENT_STATUS: Record<string, string> = {
  enrolled: '已录取',
  waitlisted: '候补中',
  offered: '待确认',
  held: '待支付',
  cancelled: '已取消',
  left: '已退出',
  declined: '已放弃',
  expired: '已过期',
};
const APPLICATION_STATUS: Record<string, string> = {
  applied: '待抽签',
  waitlisted: '候补中',
  offered: '待确认',
  confirmed: '已录取',
  skipped: '未中签',
  declined: '已放弃',
  expired: '已过期',
  withdrawn: '已撤回',
};
const APPEAL_STATUS: Record<string, string> = {
  open: '待处理',
  accepted: '已通过',
  rejected: '未通过',
};
const ROLE: Record<string, string> = { resident: '居民', organizer: '组织者', admin: '管理员' };

export const TABLES: Record<string, TableSpec> = {
  'station-bookings': {
    table: 'station-bookings',
    title: '预订审核',
    searchPlaceholder: '搜索姓名、驿站、房型',
    columns: [
      { key: 'id', title: '编号', sortable: true, width: 72 },
      { key: 'resident', title: '入住人', sortable: true, width: 110 },
      { key: 'phone', title: '手机号', width: 120 },
      { key: 'station', title: '驿站', sortable: true, width: 220 },
      { key: 'roomType', title: '房型', sortable: true, width: 120 },
      { key: 'checkIn', title: '入住日', sortable: true, width: 110 },
      { key: 'nights', title: '晚数', sortable: true, width: 64 },
      { key: 'status', title: '状态', sortable: true, width: 90, format: label(BOOKING_STATUS) },
      { key: 'lateArrival', title: '晚到', width: 72 },
      { key: 'createdAt', title: '申请时间', sortable: true, width: 150 },
    ],
    filters: [
      { key: 'orgId', title: '驿站', orgKind: 'station' },
      { key: 'status', title: '状态', options: options(BOOKING_STATUS) },
    ],
    bulk: {
      label: '批量通过',
      path: '/station/bookings/approve',
      pickable: (r) => r.status === 'requested',
    },
    export: {
      label: '导出预订名单',
      filename: '驿站预订名单.csv',
      path: (f) =>
        f.orgId
          ? `/api/v1/stations/${f.orgId}/staff/bookings.csv${f.status ? `?status=${f.status}` : ''}`
          : null,
      hint: '先选择驿站',
    },
  },
  'station-occupancy': {
    table: 'station-occupancy',
    title: '每晚入住',
    searchPlaceholder: '搜索驿站、房型',
    defaultSort: 'night',
    columns: [
      { key: 'night', title: '日期', sortable: true, width: 110 },
      { key: 'station', title: '驿站', sortable: true, width: 220 },
      { key: 'roomType', title: '房型', sortable: true, width: 130 },
      { key: 'beds', title: '床位', sortable: true, width: 72 },
      { key: 'taken', title: '已订', sortable: true, width: 72 },
      { key: 'free', title: '空床', sortable: true, width: 72 },
      { key: 'closed', title: '停用', sortable: true, width: 72, format: yesNo },
    ],
    filters: [{ key: 'orgId', title: '驿站', orgKind: 'station' }],
    export: {
      label: '导出入住情况',
      filename: '驿站入住情况.csv',
      path: (f) => (f.orgId ? `/api/v1/stations/${f.orgId}/staff/occupancy.csv` : null),
      hint: '先选择驿站',
    },
  },
  'childcare-classes': {
    table: 'childcare-classes',
    title: '班级',
    searchPlaceholder: '搜索班级、点位、期次',
    columns: [
      { key: 'name', title: '班级', sortable: true, width: 140 },
      { key: 'site', title: '点位', sortable: true, width: 200 },
      { key: 'programme', title: '项目', sortable: true, width: 160 },
      { key: 'period', title: '期次', sortable: true, width: 100 },
      { key: 'startsOn', title: '开班', sortable: true, width: 110 },
      { key: 'grades', title: '年级', width: 90 },
      {
        key: 'capacity',
        title: '名额',
        sortable: true,
        width: 96,
        edit: { path: (r) => `/childcare/classes/${r.id}`, field: 'capacity', min: 1, max: 500 },
      },
      { key: 'taken', title: '已占', sortable: true, width: 72 },
      { key: 'waitlist', title: '候补', sortable: true, width: 72 },
    ],
    filters: [{ key: 'orgId', title: '点位', orgKind: 'site' }],
    rowExport: {
      label: '导出名单',
      filename: (r) => `${r.name}名单.csv`,
      path: (r) => `/api/v1/childcare/classes/${r.id}/roster.csv`,
    },
  },
  'childcare-roster': {
    table: 'childcare-roster',
    title: '名单',
    searchPlaceholder: '搜索孩子姓名、班级',
    columns: [
      { key: 'child', title: '孩子', sortable: true, width: 100 },
      { key: 'grade', title: '年级', sortable: true, width: 80 },
      { key: 'className', title: '班级', sortable: true, width: 140 },
      { key: 'site', title: '点位', sortable: true, width: 200 },
      { key: 'status', title: '状态', sortable: true, width: 90, format: label(ENROLLMENT_STATUS) },
      { key: 'waitlistNo', title: '候补号', sortable: true, width: 80 },
      { key: 'parentPhone', title: '家长电话', width: 120 },
      { key: 'createdAt', title: '报名时间', sortable: true, width: 150 },
    ],
    filters: [{ key: 'status', title: '状态', options: options(ENROLLMENT_STATUS) }],
  },
  'childcare-attendance': {
    table: 'childcare-attendance',
    title: '每日接送',
    searchPlaceholder: '搜索孩子、班级、接送人',
    columns: [
      { key: 'day', title: '日期', sortable: true, width: 110 },
      { key: 'className', title: '班级', sortable: true, width: 140 },
      { key: 'child', title: '孩子', sortable: true, width: 100 },
      {
        key: 'kind',
        title: '类型',
        sortable: true,
        width: 80,
        format: label({ drop_off: '送达', pick_up: '接走' }),
      },
      { key: 'guardian', title: '接送人', width: 120 },
      { key: 'recordedAt', title: '登记时间', sortable: true, width: 150 },
    ],
    filters: [
      { key: 'kind', title: '类型', options: options({ drop_off: '送达', pick_up: '接走' }) },
    ],
  },
  'night-school-terms': {
    table: 'night-school-terms',
    title: '学期',
    searchPlaceholder: '搜索学期',
    columns: [
      { key: 'name', title: '学期', sortable: true, width: 200 },
      { key: 'org', title: '主办', sortable: true, width: 160 },
      {
        key: 'allocation',
        title: '方式',
        sortable: true,
        width: 90,
        format: label({ first_come: '先到先得', lottery: '抽签' }),
      },
      { key: 'opensAt', title: '报名开始', sortable: true, width: 150 },
      { key: 'closesAt', title: '报名截止', sortable: true, width: 150 },
      { key: 'drawnAt', title: '抽签时间', sortable: true, width: 150 },
      { key: 'courses', title: '课程数', sortable: true, width: 80 },
    ],
  },
  'night-school-courses': {
    table: 'night-school-courses',
    title: '课程',
    searchPlaceholder: '搜索课程、老师、地点',
    columns: [
      { key: 'title', title: '课程', sortable: true, width: 180 },
      { key: 'term', title: '学期', sortable: true, width: 160 },
      { key: 'teacher', title: '老师', sortable: true, width: 100 },
      { key: 'venue', title: '地点', sortable: true, width: 160 },
      {
        key: 'weekday',
        title: '星期',
        sortable: true,
        width: 64,
        format: (v) => WEEKDAY[Number(v)] ?? '—',
      },
      { key: 'time', title: '时间', width: 110 },
      {
        key: 'capacity',
        title: '名额',
        sortable: true,
        width: 96,
        edit: {
          path: (r) => `/night-school/admin/courses/${r.id}`,
          field: 'capacity',
          min: 1,
          max: 500,
        },
      },
      { key: 'taken', title: '已录取', sortable: true, width: 72 },
      { key: 'applicants', title: '报名', sortable: true, width: 64 },
    ],
    rowExport: {
      label: '导出名单',
      filename: (r) => `${r.title}名单.csv`,
      path: (r) => `/api/v1/night-school/admin/courses/${r.id}/roster.csv`,
    },
  },
  'night-school-applications': {
    table: 'night-school-applications',
    title: '报名与抽签',
    searchPlaceholder: '搜索姓名、课程',
    columns: [
      { key: 'resident', title: '姓名', sortable: true, width: 100 },
      { key: 'phone', title: '手机号', width: 120 },
      { key: 'course', title: '课程', sortable: true, width: 180 },
      { key: 'term', title: '学期', sortable: true, width: 160 },
      {
        key: 'status',
        title: '状态',
        sortable: true,
        width: 90,
        format: label(APPLICATION_STATUS),
      },
      { key: 'queueNo', title: '顺位', sortable: true, width: 72 },
      { key: 'createdAt', title: '报名时间', sortable: true, width: 150 },
    ],
    filters: [{ key: 'status', title: '状态', options: options(APPLICATION_STATUS) }],
    bulk: {
      label: '登记出勤',
      path: '/night-school/attendance',
      needs: 'attendance',
      pickable: (r) => r.status === 'confirmed',
    },
  },
  'night-school-attendance': {
    table: 'night-school-attendance',
    title: '考勤',
    searchPlaceholder: '搜索姓名、课程',
    columns: [
      { key: 'course', title: '课程', sortable: true, width: 180 },
      { key: 'sessionNo', title: '课次', sortable: true, width: 64 },
      { key: 'resident', title: '姓名', sortable: true, width: 100 },
      {
        key: 'status',
        title: '出勤',
        sortable: true,
        width: 72,
        format: label({ present: '出勤', absent: '缺勤' }),
      },
      {
        key: 'method',
        title: '方式',
        sortable: true,
        width: 80,
        format: label({ scan: '扫码', manual: '手工', auto: '自动' }),
      },
      { key: 'markedAt', title: '登记时间', sortable: true, width: 150 },
    ],
    filters: [
      { key: 'status', title: '出勤', options: options({ present: '出勤', absent: '缺勤' }) },
    ],
  },
  'night-school-appeals': {
    table: 'night-school-appeals',
    title: '申诉',
    searchPlaceholder: '搜索姓名、理由',
    columns: [
      { key: 'resident', title: '姓名', sortable: true, width: 100 },
      { key: 'term', title: '学期', sortable: true, width: 160 },
      { key: 'reason', title: '理由', width: 280 },
      { key: 'status', title: '状态', sortable: true, width: 80, format: label(APPEAL_STATUS) },
      { key: 'createdAt', title: '提交时间', sortable: true, width: 150 },
      { key: 'decidedAt', title: '处理时间', sortable: true, width: 150 },
    ],
    filters: [{ key: 'status', title: '状态', options: options(APPEAL_STATUS) }],
  },
  'volunteer-tasks': {
    table: 'volunteer-tasks',
    title: '项目',
    searchPlaceholder: '搜索项目、队伍、类别',
    columns: [
      { key: 'title', title: '项目', sortable: true, width: 220 },
      { key: 'team', title: '队伍', sortable: true, width: 180 },
      { key: 'category', title: '类别', sortable: true, width: 100 },
      { key: 'shifts', title: '班次', sortable: true, width: 64 },
      { key: 'hours', title: '累计时长', sortable: true, width: 90 },
      { key: 'createdAt', title: '发布时间', sortable: true, width: 150 },
    ],
    filters: [{ key: 'orgId', title: '队伍', orgKind: 'team' }],
    rowExport: {
      label: '导出时长',
      filename: (r) => `${r.title}志愿时长.csv`,
      path: (r) => `/api/v1/volunteer/tasks/${r.id}/hours.csv`,
    },
  },
  'volunteer-shifts': {
    table: 'volunteer-shifts',
    title: '班次',
    searchPlaceholder: '搜索项目、地点',
    columns: [
      { key: 'task', title: '项目', sortable: true, width: 220 },
      { key: 'startsAt', title: '开始', sortable: true, width: 150 },
      { key: 'endsAt', title: '结束', sortable: true, width: 150 },
      { key: 'place', title: '地点', sortable: true, width: 180 },
      { key: 'needed', title: '需要', sortable: true, width: 64 },
      { key: 'filled', title: '已报', sortable: true, width: 64 },
    ],
  },
  'volunteer-hours': {
    table: 'volunteer-hours',
    title: '时长确认',
    searchPlaceholder: '搜索志愿者、项目',
    columns: [
      { key: 'volunteer', title: '志愿者', sortable: true, width: 100 },
      { key: 'task', title: '项目', sortable: true, width: 220 },
      { key: 'startsAt', title: '班次开始', sortable: true, width: 150 },
      { key: 'checkedIn', title: '签到', width: 64, format: yesNo },
      { key: 'checkedOut', title: '签退', width: 64, format: yesNo },
      {
        key: 'hours',
        title: '已记时长',
        sortable: true,
        width: 90,
        format: (v) => (v == null ? '未记录' : `${v} 小时`),
      },
      {
        key: 'status',
        title: '报名',
        sortable: true,
        width: 80,
        format: label({ active: '有效', cancelled: '已取消' }),
      },
    ],
    filters: [
      { key: 'hours', title: '时长', options: options({ missing: '未记录', recorded: '已记录' }) },
      { key: 'status', title: '报名', options: options({ active: '有效', cancelled: '已取消' }) },
    ],
    bulk: {
      label: '批量确认时长',
      path: '/volunteer/hours/confirm',
      pickable: (r) => r.hours == null && r.status === 'active',
    },
  },
  roles: {
    table: 'roles',
    title: '工作人员',
    searchPlaceholder: '搜索姓名',
    columns: [
      { key: 'name', title: '姓名', sortable: true, width: 110 },
      { key: 'phone', title: '手机号', width: 120 },
      { key: 'role', title: '角色', sortable: true, width: 90, format: label(ROLE) },
      { key: 'orgs', title: '负责组织', width: 360 },
      { key: 'createdAt', title: '注册时间', sortable: true, width: 150 },
    ],
    filters: [{ key: 'role', title: '角色', options: options(ROLE) }],
    hint: '授权与撤销：工作人员授权页',
  },
  audit: {
    table: 'audit',
    title: '操作日志',
    searchPlaceholder: '搜索操作、对象、操作人',
    columns: [
      { key: 'at', title: '时间', sortable: true, width: 150 },
      { key: 'actor', title: '操作人', sortable: true, width: 110 },
      { key: 'action', title: '操作', sortable: true, width: 240 },
      { key: 'entity', title: '对象', sortable: true, width: 200 },
      { key: 'org', title: '组织', sortable: true, width: 200 },
    ],
    export: { label: '导出日志', filename: '操作日志.csv', path: () => '/api/v1/admin/audit.csv' },
  },
  ...PAYMENT_TABLES,
};
