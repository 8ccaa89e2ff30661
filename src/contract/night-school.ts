// 青年夜校 contract: terms, courses, applications, the published lottery, attendance. The server
// validates and serializes with these schemas; the client imports only the types (import type).
import { Type, type Static } from '@sinclair/typebox';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(s: T) =>
  Type.Union([s, Type.Null()]);
const Id = Type.String({ pattern: '^[0-9]{1,18}$' });
const DateString = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD' });
const TimeString = Type.String({
  pattern: '^([01]\\d|2[0-3]):[0-5]\\d$',
  description: 'HH:MM, Asia/Shanghai',
});
const Instant = Type.String({ format: 'date-time' });

/** Stable codes and Chinese toasts of the night school (the shared map stays untouched). */
export const NIGHT_SCHOOL_ERRORS = {
  TERM_NOT_FOUND: '未找到该学期',
  COURSE_NOT_FOUND: '未找到该课程',
  APPLICATION_NOT_FOUND: '未找到该报名记录',
  TERM_WINDOW_ORDER: '报名截止时间必须晚于开始时间',
  TERM_AGE_RANGE: '年龄下限不能高于上限',
  CAPACITY_INVALID: '名额必须是大于0的整数',
  CAPACITY_BELOW_TAKEN: '名额不能低于已占用的名额',
  SESSIONS_INVALID: '课次必须在1–40之间',
  SLOT_INVALID: '下课时间必须晚于上课时间',
  COURSE_TEXT_BLANK: '课程名称、类别、老师和上课地点不能为空',
  COURSE_STARTED: '课程已经开课，上课时间不能再改',
  SCHEDULE_IN_PAST: '新的第一次课时间已经过去，请选择以后的日期',
  START_DATE_INVALID: '开课日期不是有效的日期',
  APPLICATION_NOT_OPEN: '本学期报名尚未开始',
  APPLICATION_CLOSED: '本学期报名已截止',
  ALREADY_APPLIED: '你已报名该课程，无需重复报名',
  APPLICATION_LIMIT: '本学期报名课程数已达上限',
  COURSE_LIMIT: '本学期已获得的课程名额已达上限',
  PROFILE_INCOMPLETE: '请先在“我的”中完善实名信息（身份证号）再报名',
  AGE_NOT_ELIGIBLE: '不在本学期课程的年龄范围内',
  BARRED_NO_SHOW: '上学期缺勤次数过多，本学期暂不能报名',
  WITHDRAW_CLOSED: '报名已截止，不能再撤回报名',
  OFFER_NOT_PENDING: '该名额当前无需确认',
  OFFER_EXPIRED: '确认期限已过，名额已顺延给候补',
  NOT_LOTTERY: '本学期按报名先后分配名额，无需摇号',
  DRAW_TOO_EARLY: '还没到公布的摇号时间',
  DRAW_AT_REQUIRED: '摇号的学期需要在建学期时公布摇号时间',
  DRAW_AT_ORDER: '摇号时间必须晚于报名截止时间',
  DRAW_AT_LOCKED: '报名已截止，摇号时间不能再改',
  DRAW_ONLY_OVERDUE: '摇号按公布的时间自动进行；只有管理员能补摇过期未摇的学期',
  PUBLIC_VALUE_MISSING: '还没有录入公开随机数，不能摇号',
  PUBLIC_VALUE_TOO_EARLY: '报名截止后才能录入公开随机数',
  PUBLIC_VALUE_SET: '公开随机数已经录入，不能修改',
  PUBLIC_VALUE_SAME_STAFF: '公开随机数须由建学期以外的另一位工作人员录入',
  ALREADY_DRAWN: '本学期已经摇过号，不能重复摇号',
  CHECKIN_CODE_INVALID: '签到码无效，请重新扫码',
  CHECKIN_CODE_EXPIRED: '签到码已过期，请扫描最新的二维码',
  NOT_ENROLLED: '你没有这门课的正式名额，无法签到',
  SESSION_NOT_FOUND: '该课次不存在',
  CHECKIN_NOT_OPEN: '本次课的签到还没开放',
  CHECKIN_CLOSED: '本次课的签到已结束，如已到场请联系组织者补记',
  CHECKIN_PIN_WRONG: '签到码不对，请核对组织者屏幕上的6位数字',
  SESSION_NOT_STARTED: '这次课还没开始，开始后才能记录出勤',
  APPEAL_NOT_NEEDED: '你目前没有被限制报名，无需申诉',
  APPEAL_EXISTS: '你已就该学期的缺勤提交过申诉',
  APPEAL_NOT_FOUND: '未找到该申诉',
  APPEAL_DECIDED: '该申诉已处理',
  TERM_SEED_FIXED: '摇号种子在建学期时已固定并公开哈希，不能修改',
  TERM_ALLOCATION_LOCKED: '报名开始后不能再更改分配方式',
  TERM_OPENS_LOCKED: '报名已经开始，不能再更改开始时间',
  TERM_CLOSES_LOCKED: '报名名单已冻结，不能再更改报名截止时间',
  TERM_LIMIT_BELOW_HELD: '每人上限不能低于学员已报名或已获得的课程数',
  TERM_NOT_ENDED: '本学期还有课没上完，学期结束后才能评选优秀学员',
  AWARD_NOT_FOUND: '未找到该优秀学员名额',
  AWARD_USED: '优秀学员免抽签名额已经用过了',
  AWARD_WRONG_TERM: '优秀学员名额只能用于本机构下一学期的课程',
  AWARD_COURSE_FULL: '该课程名额已满，请换一门课程',
  AWARD_ALREADY_SEATED: '你已获得该课程名额，请换一门课程',
} as const;
export type NightSchoolErrorCode = keyof typeof NIGHT_SCHOOL_ERRORS;

export const AllocationSchema = Type.Union([Type.Literal('first_come'), Type.Literal('lottery')]);
export type Allocation = Static<typeof AllocationSchema>;

export const TermSchema = Type.Object({
  id: Type.String(),
  orgId: Type.String(),
  orgName: Type.String(),
  name: Type.String(),
  allocation: AllocationSchema,
  opensAt: Instant,
  closesAt: Instant,
  maxApplicationsPerPerson: Type.Integer(),
  maxCoursesPerPerson: Type.Integer(),
  minAge: Type.Integer(),
  maxAge: Type.Integer(),
  confirmHours: Type.Integer(),
  noShowLimit: Type.Integer(),
  /** SHA-256 (hex) of the seed, committed when the term is created, before the window opens. */
  seedHash: Type.String(),
  /** Revealed at the draw; null before. */
  seed: Nullable(Type.String()),
  drawnAt: Nullable(Instant),
  /** When the draw runs, announced with the term (lottery only); staff cannot pick another moment. */
  drawAt: Nullable(Instant),
  /** The value a second staff member entered after the close, and where it was published. */
  publicValue: Nullable(Type.String()),
  publicValueSource: Nullable(Type.String()),
  phase: Type.Union([
    Type.Literal('upcoming'),
    Type.Literal('open'),
    Type.Literal('closed'),
    Type.Literal('drawn'),
  ]),
});
export type Term = Static<typeof TermSchema>;

export const CreateTermBodySchema = Type.Object(
  {
    orgId: Id,
    name: Type.String({ minLength: 2, maxLength: 60 }),
    allocation: AllocationSchema,
    opensAt: Instant,
    closesAt: Instant,
    /** Required for a lottery: after closesAt. */
    drawAt: Type.Optional(Instant),
    maxApplicationsPerPerson: Type.Optional(Type.Integer({ minimum: 1, maximum: 10 })),
    maxCoursesPerPerson: Type.Optional(Type.Integer({ minimum: 1, maximum: 10 })),
    minAge: Type.Optional(Type.Integer({ minimum: 0, maximum: 120 })),
    maxAge: Type.Optional(Type.Integer({ minimum: 0, maximum: 120 })),
    confirmHours: Type.Optional(Type.Integer({ minimum: 1, maximum: 720 })),
    noShowLimit: Type.Optional(Type.Integer({ minimum: 1, maximum: 40 })),
  },
  { additionalProperties: false },
);
export type CreateTermBody = Static<typeof CreateTermBodySchema>;

/** Edit a term. seed/seedHash are listed only so that trying to change them gets a clear refusal. */
export const UpdateTermBodySchema = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 2, maxLength: 60 })),
    allocation: Type.Optional(AllocationSchema),
    opensAt: Type.Optional(Instant),
    closesAt: Type.Optional(Instant),
    drawAt: Type.Optional(Instant),
    maxApplicationsPerPerson: Type.Optional(Type.Integer({ minimum: 1, maximum: 10 })),
    maxCoursesPerPerson: Type.Optional(Type.Integer({ minimum: 1, maximum: 10 })),
    minAge: Type.Optional(Type.Integer({ minimum: 0, maximum: 120 })),
    maxAge: Type.Optional(Type.Integer({ minimum: 0, maximum: 120 })),
    confirmHours: Type.Optional(Type.Integer({ minimum: 1, maximum: 720 })),
    noShowLimit: Type.Optional(Type.Integer({ minimum: 1, maximum: 40 })),
    seed: Type.Optional(Type.String({ maxLength: 200 })),
    seedHash: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
);
export type UpdateTermBody = Static<typeof UpdateTermBodySchema>;

export const CourseSchema = Type.Object({
  id: Type.String(),
  termId: Type.String(),
  title: Type.String(),
  category: Type.String(),
  teacher: Type.String(),
  description: Type.String(),
  venueName: Type.String(),
  venueAddress: Type.String(),
  district: Type.String(),
  lat: Type.Number(),
  lng: Type.Number(),
  weekday: Type.Integer({ minimum: 1, maximum: 7 }),
  startTime: Type.String(),
  endTime: Type.String(),
  startDate: DateString,
  sessions: Type.Integer(),
  sessionDates: Type.Array(DateString),
  capacity: Type.Integer(),
  /** The fee in fen, fixed when the course is created; 0 is free (免费). */
  feeFen: Type.Integer(),
  taken: Type.Integer(),
  /** Live applications in the current round (withdrawn ones do not count). */
  applicants: Type.Integer(),
  ratio: Type.Number(),
});
export type Course = Static<typeof CourseSchema>;

export const CourseListSchema = Type.Object({
  term: Nullable(TermSchema),
  items: Type.Array(CourseSchema),
});
export type CourseList = Static<typeof CourseListSchema>;

export const CourseListQuerySchema = Type.Object(
  {
    termId: Type.Optional(Id),
    category: Type.Optional(Type.String({ maxLength: 20 })),
    weekday: Type.Optional(Type.Integer({ minimum: 1, maximum: 7 })),
    district: Type.Optional(Type.String({ maxLength: 20 })),
    q: Type.Optional(Type.String({ maxLength: 40 })),
  },
  { additionalProperties: false },
);
export type CourseListQuery = Static<typeof CourseListQuerySchema>;

export const CreateCourseBodySchema = Type.Object(
  {
    title: Type.String({ minLength: 2, maxLength: 40 }),
    category: Type.String({ minLength: 1, maxLength: 20 }),
    teacher: Type.String({ minLength: 1, maxLength: 40 }),
    description: Type.Optional(Type.String({ maxLength: 500 })),
    venueName: Type.String({ minLength: 1, maxLength: 60 }),
    venueAddress: Type.String({ minLength: 1, maxLength: 120 }),
    district: Type.String({ minLength: 1, maxLength: 20 }),
    lat: Type.Number({ minimum: -90, maximum: 90 }),
    lng: Type.Number({ minimum: -180, maximum: 180 }),
    weekday: Type.Integer({ minimum: 1, maximum: 7 }),
    startTime: TimeString,
    endTime: TimeString,
    startDate: DateString,
    sessions: Type.Integer(),
    capacity: Type.Integer(),
    /** In fen (¥500 = 50000); absent or 0: free. A paid course needs WeChat Pay configured. */
    feeFen: Type.Optional(Type.Integer({ minimum: 0, maximum: 10_000_000 })),
  },
  { additionalProperties: false },
);
export type CreateCourseBody = Static<typeof CreateCourseBodySchema>;

/**
 * Any field of a course may change, the schedule only until the first session begins; never the
 * fee: people applied, and may have paid, at the price announced with the course.
 */
export const UpdateCourseBodySchema = Type.Partial(Type.Omit(CreateCourseBodySchema, ['feeFen']), {
  additionalProperties: false,
});
export type UpdateCourseBody = Static<typeof UpdateCourseBodySchema>;

export const ApplicationStatusSchema = Type.Union([
  Type.Literal('applied'),
  Type.Literal('waitlisted'),
  Type.Literal('offered'),
  Type.Literal('confirmed'),
  Type.Literal('skipped'),
  Type.Literal('declined'),
  Type.Literal('expired'),
  Type.Literal('withdrawn'),
]);
export type ApplicationStatus = Static<typeof ApplicationStatusSchema>;

export const ApplicationSchema = Type.Object({
  id: Type.String(),
  courseId: Type.String(),
  termId: Type.String(),
  status: ApplicationStatusSchema,
  /** Why this person is not (or no longer) selected, in Chinese; null when nothing to explain. */
  reason: Nullable(Type.String()),
  /** 1-based place on the waitlist, when waitlisted. */
  waitPosition: Nullable(Type.Integer()),
  offerExpiresAt: Nullable(Instant),
  createdAt: Instant,
});
export type Application = Static<typeof ApplicationSchema>;

export const ApplyBodySchema = Type.Object({ courseId: Id }, { additionalProperties: false });
export type ApplyBody = Static<typeof ApplyBodySchema>;

export const IdParamsSchema = Type.Object({ id: Id });
export const SessionParamsSchema = Type.Object({
  id: Id,
  no: Type.Integer({ minimum: 1, maximum: 40 }),
});

export const AttendanceRecordSchema = Type.Object({
  sessionNo: Type.Integer(),
  date: DateString,
  status: Type.Union([
    Type.Literal('present'),
    Type.Literal('absent'),
    Type.Literal('upcoming'),
    Type.Literal('unmarked'),
  ]),
});

export const MyApplicationSchema = Type.Object({
  application: ApplicationSchema,
  course: CourseSchema,
  attendance: Type.Array(AttendanceRecordSchema),
});
export type MyApplication = Static<typeof MyApplicationSchema>;

export const MyNightSchoolSchema = Type.Object({
  items: Type.Array(MyApplicationSchema),
  /** Set when a past term's no-shows bar this person from the current term. */
  barred: Nullable(
    Type.Object({
      termId: Type.String(),
      termName: Type.String(),
      noShows: Type.Integer(),
      limit: Type.Integer(),
      reason: Type.String(),
      /** The person's appeal against this bar, if any (an accepted one lifts the bar). */
      appeal: Nullable(
        Type.Object({
          id: Type.String(),
          status: Type.Union([Type.Literal('open'), Type.Literal('rejected')]),
        }),
      ),
    }),
  ),
});
export type MyNightSchool = Static<typeof MyNightSchoolSchema>;

export const RankingEntrySchema = Type.Object({
  rank: Type.Integer(),
  /** Per term and person, not reversible (an HMAC of the user id); 查我的号 tells you yours. */
  pseudonym: Type.String(),
  /** sha256(drawSeed + ':' + courseId + ':' + pseudonym), hex. */
  ticket: Type.String(),
  /** What the draw did for this person: offered / waitlisted / skipped, with a reason. */
  outcome: Type.String(),
  reason: Nullable(Type.String()),
});

export const CourseDrawSchema = Type.Object({
  courseId: Type.String(),
  title: Type.String(),
  /** The seats the lottery dealt: the course's capacity less `reserved`. */
  capacity: Type.Integer(),
  /** Seats taken before the draw by 优秀学员 free courses (fixed when the list froze). */
  reserved: Type.Integer(),
  /** The applicants frozen at the close, by pseudonym, ascending: the list that was hashed. */
  applicants: Type.Array(Type.String()),
  ranking: Type.Array(RankingEntrySchema),
});

/** The public draw: everything needed to recompute it (src/contract/lottery.ts). */
export const DrawSchema = Type.Object({
  termId: Type.String(),
  termName: Type.String(),
  orgName: Type.String(),
  /** 2 = the mixed seed and pseudonyms; 1 = terms drawn before (user ids, seed alone). */
  algorithm: Type.Integer(),
  seedHash: Type.String(),
  seed: Nullable(Type.String()),
  closesAt: Instant,
  drawAt: Nullable(Instant),
  drawnAt: Nullable(Instant),
  applicantsFrozenAt: Nullable(Instant),
  /** sha256 of the frozen applicant list, published at the close. */
  applicantListHash: Nullable(Type.String()),
  publicValue: Nullable(Type.String()),
  publicValueSource: Nullable(Type.String()),
  publicValueAt: Nullable(Instant),
  /** sha256(seed + ':' + applicantListHash + ':' + publicValue): the seed the tickets use. */
  drawSeed: Nullable(Type.String()),
  maxCoursesPerPerson: Type.Integer(),
  /** Seats held before the draw by pseudonym (优秀学员 free courses); they count toward the limit. */
  heldBefore: Type.Record(Type.String(), Type.Integer()),
  courses: Type.Array(CourseDrawSchema),
});
export type Draw = Static<typeof DrawSchema>;

/** 查我的号: the caller's own pseudonym and places, nobody else's. */
export const MyDrawSchema = Type.Object({
  termId: Type.String(),
  pseudonym: Nullable(Type.String()),
  items: Type.Array(
    Type.Object({
      courseId: Type.String(),
      title: Type.String(),
      rank: Nullable(Type.Integer()),
      applicants: Type.Integer(),
      outcome: Nullable(Type.String()),
      reason: Nullable(Type.String()),
    }),
  ),
});
export type MyDraw = Static<typeof MyDrawSchema>;

export const PublicValueBodySchema = Type.Object(
  {
    value: Type.String({ minLength: 1, maxLength: 100, pattern: '\\S' }),
    source: Type.String({ minLength: 2, maxLength: 100, pattern: '\\S' }),
  },
  { additionalProperties: false },
);
export type PublicValueBody = Static<typeof PublicValueBodySchema>;

export const CheckinCodeSchema = Type.Object({
  sessionNo: Type.Integer(),
  date: DateString,
  /** Self check-in window of the session (server clock): from 30 min before the start to its end. */
  opensAt: Instant,
  closesAt: Instant,
  state: Type.Union([Type.Literal('not_open'), Type.Literal('open'), Type.Literal('closed')]),
  /** The codes below are null outside the window: nothing to show before it opens or after it closes. */
  code: Nullable(Type.String()),
  qrDataUrl: Nullable(Type.String()),
  /** The same code as a 小程序码 (path under the API origin) for WeChat's own scanner; null without WeChat. */
  wxacodeUrl: Nullable(Type.String()),
  expiresAt: Nullable(Instant),
  /** The 6-digit code for students on H5, who type it in; rotates with the QR. */
  pin: Nullable(Type.String({ pattern: '^[0-9]{6}$' })),
});
export type CheckinCode = Static<typeof CheckinCodeSchema>;

export const CheckinBodySchema = Type.Object(
  { code: Type.String({ minLength: 8, maxLength: 400 }) },
  { additionalProperties: false },
);
/** H5 check-in: the student picks the course; the session is the one open now (server clock). */
export const PinCheckinBodySchema = Type.Object(
  { courseId: Id, pin: Type.String({ pattern: '^[0-9]{6}$' }) },
  { additionalProperties: false },
);
export type PinCheckinBody = Static<typeof PinCheckinBodySchema>;
export const CheckinResultSchema = Type.Object({
  courseId: Type.String(),
  courseTitle: Type.String(),
  sessionNo: Type.Integer(),
  status: Type.Literal('present'),
  alreadyCheckedIn: Type.Boolean(),
});
export type CheckinResult = Static<typeof CheckinResultSchema>;

export const MarkAttendanceBodySchema = Type.Object(
  { userId: Id, status: Type.Union([Type.Literal('present'), Type.Literal('absent')]) },
  { additionalProperties: false },
);

export const RosterEntrySchema = Type.Object({
  applicationId: Type.String(),
  userId: Type.String(),
  name: Nullable(Type.String()),
  phoneMasked: Nullable(Type.String()),
  status: ApplicationStatusSchema,
  reason: Nullable(Type.String()),
  waitPosition: Nullable(Type.Integer()),
  presentCount: Type.Integer(),
  absentCount: Type.Integer(),
  /** One entry per session (index = session number − 1): present, absent, or null when unmarked. */
  marks: Type.Array(Nullable(Type.Union([Type.Literal('present'), Type.Literal('absent')]))),
});
export const RosterSchema = Type.Object({
  course: CourseSchema,
  /** Sessions that have begun (server clock): staff may mark these by hand, not later ones. */
  sessionsBegun: Type.Integer(),
  items: Type.Array(RosterEntrySchema),
});
export type Roster = Static<typeof RosterSchema>;

export const TermStatsSchema = Type.Object({
  term: TermSchema,
  totals: Type.Object({
    applicants: Type.Integer(),
    seats: Type.Integer(),
    confirmed: Type.Integer(),
    ratio: Type.Number(),
  }),
  courses: Type.Array(
    Type.Object({
      courseId: Type.String(),
      title: Type.String(),
      sessions: Type.Integer(),
      applicants: Type.Integer(),
      capacity: Type.Integer(),
      taken: Type.Integer(),
      confirmed: Type.Integer(),
      offered: Type.Integer(),
      waitlisted: Type.Integer(),
      ratio: Type.Number(),
    }),
  ),
});
export type TermStats = Static<typeof TermStatsSchema>;

export const AppealSchema = Type.Object({
  id: Type.String(),
  userId: Type.String(),
  name: Nullable(Type.String()),
  termId: Type.String(),
  termName: Type.String(),
  reason: Type.String(),
  status: Type.Union([Type.Literal('open'), Type.Literal('accepted'), Type.Literal('rejected')]),
  createdAt: Instant,
});
export type Appeal = Static<typeof AppealSchema>;
export const AppealBodySchema = Type.Object(
  { reason: Type.String({ minLength: 5, maxLength: 300 }) },
  { additionalProperties: false },
);
export const DecideAppealBodySchema = Type.Object(
  { decision: Type.Union([Type.Literal('accepted'), Type.Literal('rejected')]) },
  { additionalProperties: false },
);
