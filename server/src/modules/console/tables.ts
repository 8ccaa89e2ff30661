// The console's tables, declared once each: what a row is (SQL expressions), which columns may
// be sorted, what a search looks in, which filters exist, and which organization a row belongs
// to. list.ts turns a declaration and a validated query into one parameterised statement; no
// value from the request is ever spliced into SQL, only these expressions, chosen by key.
import { Type, type TSchema } from '@sinclair/typebox';
import { IdSchema } from '@/contract/console';
import { PAYMENT_TABLES } from './payment-tables';

export interface Column {
  sql: string;
  /** What ORDER BY uses when it differs from what is shown (ids are shown as text, sorted as numbers). */
  by?: string;
  sort?: boolean;
}

export interface Filter {
  schema: TSchema;
  /** The condition with `?` where the value goes (replaced by a numbered parameter). */
  sql: string;
}

export interface TableDef {
  summary: string;
  /** admin: the district's tables (roles, audit log); staff: scoped to the caller's organizations. */
  who: 'staff' | 'admin';
  /** FROM clause; `{now}` in it stands for the server clock's instant (bound as a parameter). */
  from: string;
  /** The row's organization, for an organizer's scope. */
  org: string;
  id: string;
  columns: Record<string, Column>;
  search: string[];
  filters: Record<string, Filter>;
  defaultSort: string;
  /** Lists of people are on the record when read (see lib/audit.ts auditRosterRead). */
  roster?: { action: string; entity: string };
}

const enumOf = (...values: string[]) => Type.Union(values.map((v) => Type.Literal(v)));
/**
 * A childcare seat's state as staff read it: an offered seat with a pay group is a 待支付 hold
 * ('held', a paid class's seat waiting for its payment), not a waitlist offer waiting for 确认.
 */
const CC_STATUS = `CASE WHEN e.status = 'offered' AND e.pay_group IS NOT NULL THEN 'held' ELSE e.status END`;
const bj = (col: string) => `to_char(${col} AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI')`;
const day = (col: string) => `to_char(${col}, 'YYYY-MM-DD')`;
const orgFilter = (sql: string): Filter => ({ schema: IdSchema, sql: `${sql} = ?::bigint` });

export const TABLES = {
  'station-bookings': {
    summary: '驿站预订（分页、排序、搜索、筛选）',
    who: 'staff',
    from: `station_bookings b
      JOIN users u ON u.id = b.user_id
      JOIN organizations o ON o.id = b.station_id
      JOIN station_room_types rt ON rt.id = b.room_type_id`,
    org: 'b.station_id',
    id: 'b.id',
    columns: {
      id: { sql: 'b.id::text', by: 'b.id', sort: true },
      station: { sql: 'o.name', sort: true },
      resident: { sql: `coalesce(u.name, '')`, sort: true },
      phone: { sql: `coalesce(u.phone_masked, '')` },
      roomType: { sql: 'rt.name', sort: true },
      checkIn: { sql: day('b.check_in'), sort: true },
      nights: { sql: '(b.check_out - b.check_in)', sort: true },
      status: { sql: 'b.status', sort: true },
      // the guest's reported 晚到 time on the first night, Beijing clock
      lateArrival: {
        sql: `coalesce(to_char(b.late_arrival_at AT TIME ZONE 'Asia/Shanghai', 'HH24:MI'), '')`,
      },
      createdAt: { sql: bj('b.created_at'), sort: true },
    },
    search: ['u.name', 'o.name', 'rt.name'],
    filters: {
      status: {
        schema: enumOf(
          'held',
          'requested',
          'approved',
          'rejected',
          'checked_in',
          'checked_out',
          'cancelled',
          'no_show',
          'expired',
        ),
        sql: 'b.status = ?',
      },
      orgId: orgFilter('b.station_id'),
    },
    defaultSort: '-createdAt',
    roster: { action: 'station.bookings', entity: 'station' },
  },
  'station-occupancy': {
    summary: '驿站每晚入住（分页、排序、筛选）',
    who: 'staff',
    from: `station_nights n
      JOIN station_room_types rt ON rt.id = n.room_type_id
      JOIN organizations o ON o.id = n.station_id`,
    org: 'n.station_id',
    id: `(n.room_type_id::text || '/' || ${day('n.night')})`,
    columns: {
      id: { sql: `(n.room_type_id::text || '/' || ${day('n.night')})` },
      night: { sql: day('n.night'), sort: true },
      station: { sql: 'o.name', sort: true },
      roomType: { sql: 'rt.name', sort: true },
      beds: { sql: 'n.beds', sort: true },
      taken: { sql: 'n.taken', sort: true },
      free: { sql: 'CASE WHEN n.closed THEN 0 ELSE n.beds - n.taken END', sort: true },
      closed: { sql: 'n.closed', sort: true },
    },
    search: ['o.name', 'rt.name'],
    filters: {
      orgId: orgFilter('n.station_id'),
      from: { schema: Type.String({ format: 'date' }), sql: 'n.night >= ?::date' },
    },
    defaultSort: 'night',
  },
  'childcare-classes': {
    summary: '暑托班班级（分页、排序、搜索、筛选）',
    who: 'staff',
    from: `cc_classes c
      JOIN cc_periods p ON p.id = c.period_id
      JOIN cc_programmes pg ON pg.id = p.programme_id
      JOIN organizations o ON o.id = c.site_id`,
    org: 'c.site_id',
    id: 'c.id',
    columns: {
      id: { sql: 'c.id::text', by: 'c.id', sort: true },
      name: { sql: 'c.name', sort: true },
      site: { sql: 'o.name', sort: true },
      programme: { sql: 'pg.name', sort: true },
      period: { sql: 'p.name', sort: true },
      startsOn: { sql: day('p.starts_on'), sort: true },
      grades: { sql: `(c.grade_min::text || '–' || c.grade_max::text || '年级')` },
      capacity: { sql: 'c.capacity', sort: true },
      taken: { sql: 'c.taken', sort: true },
      waitlist: {
        sql: `(SELECT count(*)::int FROM cc_enrollments w WHERE w.class_id = c.id AND w.status = 'waitlisted')`,
        sort: true,
      },
    },
    search: ['c.name', 'o.name', 'pg.name', 'p.name'],
    filters: { orgId: orgFilter('c.site_id') },
    defaultSort: 'startsOn',
  },
  'childcare-roster': {
    summary: '暑托班名单（分页、排序、搜索、筛选）',
    who: 'staff',
    from: `cc_enrollments e
      JOIN cc_classes c ON c.id = e.class_id
      JOIN children ch ON ch.id = e.child_id
      JOIN users par ON par.id = e.parent_id
      JOIN organizations o ON o.id = c.site_id`,
    org: 'c.site_id',
    id: 'e.id',
    columns: {
      id: { sql: 'e.id::text', by: 'e.id', sort: true },
      child: { sql: 'ch.name', sort: true },
      grade: { sql: `coalesce(ch.grade, '')`, sort: true },
      className: { sql: 'c.name', sort: true },
      site: { sql: 'o.name', sort: true },
      status: { sql: CC_STATUS, sort: true },
      waitlistNo: { sql: 'e.waitlist_no', sort: true },
      parentPhone: { sql: `coalesce(par.phone_masked, '')` },
      createdAt: { sql: bj('e.created_at'), sort: true },
    },
    search: ['ch.name', 'c.name', 'o.name'],
    filters: {
      status: {
        schema: enumOf(
          'enrolled',
          'waitlisted',
          'offered',
          'held',
          'cancelled',
          'left',
          'declined',
          'expired',
        ),
        sql: `${CC_STATUS} = ?`,
      },
      classId: { schema: IdSchema, sql: 'e.class_id = ?::bigint' },
      orgId: orgFilter('c.site_id'),
    },
    defaultSort: 'className',
    roster: { action: 'childcare.roster', entity: 'cc_class' },
  },
  'childcare-attendance': {
    summary: '暑托班每日接送记录（分页、排序、搜索、筛选）',
    who: 'staff',
    from: `cc_attendance a
      JOIN cc_classes c ON c.id = a.class_id
      JOIN organizations o ON o.id = c.site_id`,
    org: 'c.site_id',
    id: 'a.id',
    columns: {
      id: { sql: 'a.id::text', by: 'a.id', sort: true },
      day: { sql: day('a.day'), sort: true },
      className: { sql: 'c.name', sort: true },
      child: { sql: 'a.child_name', sort: true },
      kind: { sql: 'a.kind', sort: true },
      guardian: { sql: `coalesce(a.guardian_name, '工作人员登记')` },
      recordedAt: { sql: bj('a.recorded_at'), sort: true },
    },
    search: ['a.child_name', 'c.name', 'a.guardian_name'],
    filters: {
      kind: { schema: enumOf('drop_off', 'pick_up'), sql: 'a.kind = ?' },
      day: { schema: Type.String({ format: 'date' }), sql: 'a.day = ?::date' },
      orgId: orgFilter('c.site_id'),
    },
    defaultSort: '-recordedAt',
    roster: { action: 'childcare.attendance', entity: 'cc_class' },
  },
  'night-school-terms': {
    summary: '夜校学期（分页、排序、搜索）',
    who: 'staff',
    from: `ns_terms t JOIN organizations o ON o.id = t.org_id`,
    org: 't.org_id',
    id: 't.id',
    columns: {
      id: { sql: 't.id::text', by: 't.id', sort: true },
      name: { sql: 't.name', sort: true },
      org: { sql: 'o.name', sort: true },
      allocation: { sql: 't.allocation', sort: true },
      opensAt: { sql: bj('t.opens_at'), sort: true },
      closesAt: { sql: bj('t.closes_at'), sort: true },
      drawnAt: { sql: bj('t.drawn_at'), sort: true },
      courses: {
        sql: '(SELECT count(*)::int FROM ns_courses k WHERE k.term_id = t.id)',
        sort: true,
      },
    },
    search: ['t.name', 'o.name'],
    filters: {
      allocation: { schema: enumOf('first_come', 'lottery'), sql: 't.allocation = ?' },
      orgId: orgFilter('t.org_id'),
    },
    defaultSort: '-opensAt',
  },
  'night-school-courses': {
    summary: '夜校课程与报名人数（分页、排序、搜索、筛选）',
    who: 'staff',
    from: `ns_courses k JOIN ns_terms t ON t.id = k.term_id`,
    org: 't.org_id',
    id: 'k.id',
    columns: {
      id: { sql: 'k.id::text', by: 'k.id', sort: true },
      title: { sql: 'k.title', sort: true },
      term: { sql: 't.name', sort: true },
      teacher: { sql: 'k.teacher', sort: true },
      venue: { sql: 'k.venue_name', sort: true },
      weekday: { sql: 'k.weekday', sort: true },
      time: { sql: `(k.start_time || '–' || k.end_time)` },
      sessions: { sql: 'k.sessions', sort: true },
      capacity: { sql: 'k.capacity', sort: true },
      taken: { sql: 'k.taken', sort: true },
      applicants: {
        sql: `(SELECT count(*)::int FROM ns_applications a WHERE a.course_id = k.id AND a.status <> 'withdrawn')`,
        sort: true,
      },
    },
    search: ['k.title', 'k.teacher', 'k.venue_name', 't.name'],
    filters: {
      termId: { schema: IdSchema, sql: 'k.term_id = ?::bigint' },
      orgId: orgFilter('t.org_id'),
    },
    defaultSort: 'title',
  },
  'night-school-applications': {
    summary: '夜校报名与抽签结果（分页、排序、搜索、筛选）',
    who: 'staff',
    from: `ns_applications a
      JOIN ns_courses k ON k.id = a.course_id
      JOIN ns_terms t ON t.id = a.term_id
      JOIN users u ON u.id = a.user_id`,
    org: 't.org_id',
    id: 'a.id',
    columns: {
      id: { sql: 'a.id::text', by: 'a.id', sort: true },
      userId: { sql: 'a.user_id::text' },
      courseId: { sql: 'k.id::text' },
      resident: { sql: `coalesce(u.name, '')`, sort: true },
      phone: { sql: `coalesce(u.phone_masked, '')` },
      course: { sql: 'k.title', sort: true },
      term: { sql: 't.name', sort: true },
      status: { sql: 'a.status', sort: true },
      queueNo: { sql: 'a.queue_no::int', sort: true },
      createdAt: { sql: bj('a.created_at'), sort: true },
    },
    search: ['u.name', 'k.title'],
    filters: {
      status: {
        schema: enumOf(
          'applied',
          'waitlisted',
          'offered',
          'confirmed',
          'skipped',
          'declined',
          'expired',
          'withdrawn',
        ),
        sql: 'a.status = ?',
      },
      courseId: { schema: IdSchema, sql: 'a.course_id = ?::bigint' },
      termId: { schema: IdSchema, sql: 'a.term_id = ?::bigint' },
      orgId: orgFilter('t.org_id'),
    },
    defaultSort: '-createdAt',
    roster: { action: 'night_school.applications', entity: 'ns_term' },
  },
  'night-school-attendance': {
    summary: '夜校考勤记录（分页、排序、搜索、筛选）',
    who: 'staff',
    from: `ns_attendance at
      JOIN ns_courses k ON k.id = at.course_id
      JOIN ns_terms t ON t.id = k.term_id
      JOIN users u ON u.id = at.user_id`,
    org: 't.org_id',
    id: `(at.course_id::text || '/' || at.session_no::text || '/' || at.user_id::text)`,
    columns: {
      id: { sql: `(at.course_id::text || '/' || at.session_no::text || '/' || at.user_id::text)` },
      course: { sql: 'k.title', sort: true },
      sessionNo: { sql: 'at.session_no', sort: true },
      resident: { sql: `coalesce(u.name, '')`, sort: true },
      status: { sql: 'at.status', sort: true },
      method: { sql: 'at.method', sort: true },
      markedAt: { sql: bj('at.marked_at'), sort: true },
    },
    search: ['u.name', 'k.title'],
    filters: {
      status: { schema: enumOf('present', 'absent'), sql: 'at.status = ?' },
      courseId: { schema: IdSchema, sql: 'at.course_id = ?::bigint' },
      orgId: orgFilter('t.org_id'),
    },
    defaultSort: '-markedAt',
    roster: { action: 'night_school.attendance', entity: 'ns_course' },
  },
  'night-school-appeals': {
    summary: '夜校缺勤申诉（分页、排序、搜索、筛选）',
    who: 'staff',
    from: `ns_appeals ap
      JOIN ns_terms t ON t.id = ap.term_id
      JOIN users u ON u.id = ap.user_id`,
    org: 't.org_id',
    id: 'ap.id',
    columns: {
      id: { sql: 'ap.id::text', by: 'ap.id', sort: true },
      resident: { sql: `coalesce(u.name, '')`, sort: true },
      term: { sql: 't.name', sort: true },
      reason: { sql: 'ap.reason' },
      status: { sql: 'ap.status', sort: true },
      createdAt: { sql: bj('ap.created_at'), sort: true },
      decidedAt: { sql: bj('ap.decided_at'), sort: true },
    },
    search: ['u.name', 'ap.reason', 't.name'],
    filters: {
      status: { schema: enumOf('open', 'accepted', 'rejected'), sql: 'ap.status = ?' },
      orgId: orgFilter('t.org_id'),
    },
    defaultSort: '-createdAt',
    roster: { action: 'night_school.appeals', entity: 'ns_term' },
  },
  'volunteer-tasks': {
    summary: '志愿项目（分页、排序、搜索、筛选）',
    who: 'staff',
    from: `volunteer_projects p JOIN organizations o ON o.id = p.org_id`,
    org: 'p.org_id',
    id: 'p.id',
    columns: {
      id: { sql: 'p.id::text', by: 'p.id', sort: true },
      title: { sql: 'p.title', sort: true },
      team: { sql: 'o.name', sort: true },
      category: { sql: 'p.category', sort: true },
      shifts: {
        sql: '(SELECT count(*)::int FROM volunteer_shifts s WHERE s.project_id = p.id)',
        sort: true,
      },
      hours: {
        sql: `(SELECT coalesce(sum(l.hours), 0)::float8 FROM volunteer_hours_ledger l WHERE l.project_id = p.id)`,
        sort: true,
      },
      createdAt: { sql: bj('p.created_at'), sort: true },
    },
    search: ['p.title', 'o.name', 'p.category'],
    filters: { orgId: orgFilter('p.org_id') },
    defaultSort: '-createdAt',
  },
  'volunteer-shifts': {
    summary: '志愿班次（分页、排序、搜索、筛选）',
    who: 'staff',
    from: `volunteer_shifts s JOIN volunteer_projects p ON p.id = s.project_id`,
    org: 'p.org_id',
    id: 's.id',
    columns: {
      id: { sql: 's.id::text', by: 's.id', sort: true },
      task: { sql: 'p.title', sort: true },
      startsAt: { sql: bj('s.starts_at'), sort: true },
      endsAt: { sql: bj('s.ends_at'), sort: true },
      place: { sql: 's.place', sort: true },
      needed: { sql: 's.needed', sort: true },
      filled: { sql: 's.filled', sort: true },
    },
    search: ['p.title', 's.place'],
    filters: {
      taskId: { schema: IdSchema, sql: 's.project_id = ?::bigint' },
      orgId: orgFilter('p.org_id'),
    },
    defaultSort: '-startsAt',
  },
  'volunteer-hours': {
    summary: '志愿者报名与时长确认（分页、排序、搜索、筛选）',
    who: 'staff',
    from: `volunteer_signups su
      JOIN volunteer_shifts s ON s.id = su.shift_id
      JOIN volunteer_projects p ON p.id = s.project_id
      JOIN users u ON u.id = su.user_id`,
    org: 'p.org_id',
    id: 'su.id',
    columns: {
      id: { sql: 'su.id::text', by: 'su.id', sort: true },
      volunteer: { sql: `coalesce(u.name, '')`, sort: true },
      task: { sql: 'p.title', sort: true },
      startsAt: { sql: bj('s.starts_at'), sort: true },
      checkedIn: {
        sql: `EXISTS (SELECT 1 FROM volunteer_checkins c WHERE c.signup_id = su.id AND c.kind = 'in')`,
      },
      checkedOut: {
        sql: `EXISTS (SELECT 1 FROM volunteer_checkins c WHERE c.signup_id = su.id AND c.kind = 'out')`,
      },
      hours: {
        sql: `(SELECT l.hours::float8 FROM volunteer_hours_ledger l WHERE l.signup_id = su.id AND l.kind IN ('attendance', 'confirmed'))`,
        sort: true,
      },
      status: { sql: 'su.status', sort: true },
    },
    search: ['u.name', 'p.title'],
    filters: {
      status: { schema: enumOf('active', 'cancelled'), sql: 'su.status = ?' },
      hours: {
        schema: enumOf('recorded', 'missing'),
        sql: `(CASE WHEN EXISTS (SELECT 1 FROM volunteer_hours_ledger l WHERE l.signup_id = su.id AND l.kind IN ('attendance', 'confirmed')) THEN 'recorded' ELSE 'missing' END) = ?`,
      },
      orgId: orgFilter('p.org_id'),
    },
    defaultSort: '-startsAt',
    roster: { action: 'volunteer.roster', entity: 'volunteer_project' },
  },
  roles: {
    summary: '工作人员与角色（仅管理员）',
    who: 'admin',
    from: `users u`,
    org: 'NULL',
    id: 'u.id',
    columns: {
      id: { sql: 'u.id::text', by: 'u.id', sort: true },
      name: { sql: `coalesce(u.name, '')`, sort: true },
      phone: { sql: `coalesce(u.phone_masked, '')` },
      role: { sql: 'u.role', sort: true },
      orgs: {
        sql: `coalesce((SELECT string_agg(o.name, '、' ORDER BY o.name) FROM org_members m JOIN organizations o ON o.id = m.org_id WHERE m.user_id = u.id), '')`,
      },
      createdAt: { sql: bj('u.created_at'), sort: true },
    },
    search: ['u.name'],
    filters: { role: { schema: enumOf('resident', 'organizer', 'admin'), sql: 'u.role = ?' } },
    defaultSort: 'role',
    roster: { action: 'admin.users', entity: 'users' },
  },
  audit: {
    summary: '操作日志（仅管理员）',
    who: 'admin',
    from: `audit_log l LEFT JOIN users u ON u.id = l.actor_id LEFT JOIN organizations o ON o.id = l.org_id`,
    org: 'l.org_id',
    id: 'l.id',
    columns: {
      id: { sql: 'l.id::text', by: 'l.id', sort: true },
      at: { sql: bj('l.at'), sort: true },
      actor: { sql: `coalesce(u.name, l.actor_role)`, sort: true },
      action: { sql: 'l.action', sort: true },
      entity: { sql: `(l.entity || coalesce(' #' || l.entity_id, ''))`, sort: true },
      org: { sql: `coalesce(o.name, '')`, sort: true },
    },
    search: ['l.action', 'l.entity', 'u.name'],
    filters: {
      action: { schema: Type.String({ maxLength: 60 }), sql: 'l.action = ?' },
      orgId: orgFilter('l.org_id'),
    },
    defaultSort: '-id',
  },
  ...PAYMENT_TABLES,
} satisfies Record<string, TableDef>;

export type TableName = keyof typeof TABLES;
