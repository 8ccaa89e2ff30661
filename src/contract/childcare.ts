// 爱心暑托班 contract: the server validates and serializes with these schemas; the client imports
// the types only (`import type`) and the pure rules from childcare-rules.ts.
import { Type, type Static, type TSchema } from '@sinclair/typebox';

const Nullable = <T extends TSchema>(s: T) => Type.Union([s, Type.Null()]);
const Id = Type.String({ pattern: '^[0-9]{1,18}$' });
const DateString = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD' });
const Instant = Type.String({ format: 'date-time' });

export const CHILDCARE_ERRORS = {
  CC_PROGRAMME_NOT_FOUND: '未找到该托班项目',
  CC_PERIOD_NOT_FOUND: '未找到该期次',
  CC_CLASS_NOT_FOUND: '未找到该托班班级',
  CC_CHILD_NOT_FOUND: '未找到该孩子的信息',
  CC_GUARDIAN_NOT_FOUND: '未找到该接送人',
  CC_ENROLLMENT_NOT_FOUND: '未找到该报名记录',
  CC_NOT_OPEN: '报名尚未开始，请留意开放时间',
  CC_CLOSED: '报名已截止',
  CC_PERIOD_STARTED: '该期已开班，无法报名或取消',
  CC_GRADE_OUT_OF_RANGE: '孩子的年级不在本班招收范围内',
  CC_PROFILE_INCOMPLETE: '请先在预填期完善孩子的学校和年级',
  CC_PERIOD_TAKEN: '孩子在这一期已报名其他班级（每期限报一个班）',
  CC_DUPLICATE_CHILD: '同一个孩子不能重复提交',
  CC_NOT_CANCELLABLE: '当前状态无法取消',
  CC_NO_OFFER: '当前没有待确认的补位名额',
  CC_OFFER_EXPIRED: '补位名额已过期',
  CC_CAPACITY_BELOW_ENROLLED: '容量不能低于已报名人数',
  CC_CODE_INVALID: '接送码无效，请核对后重试',
  CC_CODE_NOT_TODAY: '今天不在该班的开班日期内',
  CC_PHONE_INVALID: '请输入正确的11位手机号',
  CC_NAME_INVALID: '姓名应为2–20个汉字或字母',
  CC_BAD_DATES: '日期或时间设置不正确',
  CC_SITE_NOT_FOUND: '未找到该托班点',
  CC_GUARDIANS_FULL: '每个孩子最多6位授权接送人，请先移除不再接送的家人',
  CC_CODE_EXPIRED: '接送码已过期（该期已结束）',
  CC_NOT_DROPPED_OFF: '孩子今天还没有入园登记，不能登记接走',
  CC_ALREADY_DROPPED_OFF: '孩子已入园登记，尚未接走',
  CC_NOTICE_NOT_ACCEPTED: '请先阅读并同意本项目的家长须知',
  CC_SCHOOL_NOT_LOCAL: '本项目只招收名单内学校的学生',
  CC_SCHOOLS_INVALID: '学校名单不正确：每行一所学校，2–40个字，最多300所',
  CC_BASKET_EMPTY: '还没有保存一起报名的选择',
  CC_BASKET_NOT_ALL: '有班级已满，孩子们未能一起报上，本次均未报名',
  CC_BASKET_INVALID: '每个孩子只能选一个班，一次最多4个孩子',
} as const;
export type ChildcareErrorCode = keyof typeof CHILDCARE_ERRORS;

// ---- programmes, periods, classes
export const PeriodSchema = Type.Object({
  id: Type.String(),
  seq: Type.Integer(),
  name: Type.String(),
  startsOn: DateString,
  endsOn: DateString,
});
export type Period = Static<typeof PeriodSchema>;

export const ClassSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  periodId: Type.String(),
  periodName: Type.String(),
  programmeName: Type.String(),
  startsOn: DateString,
  endsOn: DateString,
  siteId: Type.String(),
  siteName: Type.String(),
  siteAddress: Nullable(Type.String()),
  /** The site on WeChat's map (GCJ-02); null when the site has no position yet. */
  siteLatitude: Nullable(Type.Number()),
  siteLongitude: Nullable(Type.Number()),
  capacity: Type.Integer(),
  taken: Type.Integer(),
  remaining: Type.Integer(),
  waiting: Type.Integer({ description: 'families on the waitlist now' }),
  gradeMin: Type.Integer(),
  gradeMax: Type.Integer(),
  feeFen: Type.Integer(),
  whatToBring: Type.String(),
});
export type ChildcareClass = Static<typeof ClassSchema>;

export const ProgrammeSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  season: Type.Union([Type.Literal('summer'), Type.Literal('winter')]),
  prefillOpensAt: Instant,
  registrationOpensAt: Instant,
  registrationClosesAt: Instant,
  offerHours: Type.Integer(),
  notice: Nullable(Type.String()),
  /** null: children of any school; otherwise only children at one of these schools */
  localSchools: Nullable(Type.Array(Type.String())),
});
export type Programme = Static<typeof ProgrammeSchema>;

// The local-school list as staff type it: one school per line (trimmed, blanks and repeats dropped
// by the server). An empty list or null lifts the restriction.
const SchoolList = Nullable(Type.Array(Type.String({ maxLength: 60 }), { maxItems: 300 }));
export const SetLocalSchoolsBodySchema = Type.Object(
  { schools: SchoolList },
  { additionalProperties: false },
);
export type SetLocalSchoolsBody = Static<typeof SetLocalSchoolsBodySchema>;

/** The signed-in parent's agreement to a programme's 家长须知 (null: not yet, or the notice changed). */
export const NoticeAcceptanceSchema = Type.Object({ acceptedAt: Nullable(Instant) });
export type NoticeAcceptance = Static<typeof NoticeAcceptanceSchema>;

// The public catalogue carries no clock: its answers are cached for a second (server/src/plugins/
// public-cache.ts) and by browsers, so countdowns take the server's time from GET /time instead.
export const ProgrammeListSchema = Type.Object({ items: Type.Array(ProgrammeSchema) });
export type ProgrammeList = Static<typeof ProgrammeListSchema>;

export const ProgrammeDetailSchema = Type.Object({
  programme: ProgrammeSchema,
  periods: Type.Array(PeriodSchema),
  classes: Type.Array(ClassSchema),
});
export type ProgrammeDetail = Static<typeof ProgrammeDetailSchema>;

export const ClassDetailSchema = Type.Object({ programme: ProgrammeSchema, class: ClassSchema });
export type ClassDetail = Static<typeof ClassDetailSchema>;

export const CreateProgrammeBodySchema = Type.Object(
  {
    name: Type.String({ minLength: 2, maxLength: 60 }),
    season: Type.Union([Type.Literal('summer'), Type.Literal('winter')]),
    prefillOpensAt: Instant,
    registrationOpensAt: Instant,
    registrationClosesAt: Instant,
    offerHours: Type.Optional(Type.Integer({ minimum: 1, maximum: 168 })),
    notice: Type.Optional(Type.String({ maxLength: 2000 })),
    localSchools: Type.Optional(SchoolList),
  },
  { additionalProperties: false },
);
export type CreateProgrammeBody = Static<typeof CreateProgrammeBodySchema>;

export const CreatePeriodBodySchema = Type.Object(
  {
    seq: Type.Integer({ minimum: 1, maximum: 12 }),
    name: Type.String({ minLength: 1, maxLength: 30 }),
    startsOn: DateString,
    endsOn: DateString,
  },
  { additionalProperties: false },
);
export type CreatePeriodBody = Static<typeof CreatePeriodBodySchema>;

export const CreateClassBodySchema = Type.Object(
  {
    periodId: Id,
    siteId: Id,
    name: Type.String({ minLength: 1, maxLength: 40 }),
    capacity: Type.Integer({ minimum: 1, maximum: 500 }),
    gradeMin: Type.Integer({ minimum: 1, maximum: 9 }),
    gradeMax: Type.Integer({ minimum: 1, maximum: 9 }),
    feeFen: Type.Integer({ minimum: 0, maximum: 10_000_00 }),
    whatToBring: Type.Optional(Type.String({ maxLength: 500 })),
  },
  { additionalProperties: false },
);
export type CreateClassBody = Static<typeof CreateClassBodySchema>;

export const UpdateClassBodySchema = Type.Object(
  {
    capacity: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
    feeFen: Type.Optional(Type.Integer({ minimum: 0, maximum: 10_000_00 })),
    whatToBring: Type.Optional(Type.String({ maxLength: 500 })),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateClassBody = Static<typeof UpdateClassBodySchema>;

export const IdParamsSchema = Type.Object({ id: Id });
export const GuardianParamsSchema = Type.Object({ id: Id, guardianId: Id });

// ---- children (extends the account's children with health notes and guardians)
export const GuardianSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  relation: Type.String(),
  phoneMasked: Type.String(),
});
export type Guardian = Static<typeof GuardianSchema>;

export const CareChildSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  gender: Type.Union([Type.Literal('male'), Type.Literal('female')]),
  birthDate: DateString,
  idNumberMasked: Type.String(),
  school: Nullable(Type.String()),
  grade: Nullable(Type.String()),
  gradeNumber: Nullable(Type.Integer()),
  healthNotes: Nullable(Type.String()),
  guardians: Type.Array(GuardianSchema),
  /** this account added the child first (and decides guardian requests); false for a linked relative */
  isOwner: Type.Boolean(),
});
export type CareChild = Static<typeof CareChildSchema>;
export const CareChildListSchema = Type.Object({ items: Type.Array(CareChildSchema) });
export type CareChildList = Static<typeof CareChildListSchema>;

export const UpdateCareProfileBodySchema = Type.Object(
  {
    healthNotes: Type.Optional(Type.String({ maxLength: 500 })),
    school: Type.Optional(Type.String({ maxLength: 60 })),
    grade: Type.Optional(Type.String({ maxLength: 20 })),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateCareProfileBody = Static<typeof UpdateCareProfileBodySchema>;

export const CreateGuardianBodySchema = Type.Object(
  {
    name: Type.String({ maxLength: 40 }),
    relation: Type.String({ minLength: 1, maxLength: 10 }),
    phone: Type.String({ maxLength: 20 }),
  },
  { additionalProperties: false },
);
export type CreateGuardianBody = Static<typeof CreateGuardianBodySchema>;

// ---- enrollments
export const EnrollBodySchema = Type.Object(
  {
    classId: Id,
    childIds: Type.Array(Id, { minItems: 1, maxItems: 4 }),
  },
  { additionalProperties: false },
);
export type EnrollBody = Static<typeof EnrollBodySchema>;

// ---- 兄弟姐妹一起报名: one class per child saved in the pre-fill days, one tap at the opening
export const BasketModeSchema = Type.Union([Type.Literal('all'), Type.Literal('each')], {
  description: 'all: every child seated or none; each: every class on its own',
});
export type BasketMode = Static<typeof BasketModeSchema>;
export const BasketItemSchema = Type.Object(
  { classId: Id, childIds: Type.Array(Id, { minItems: 1, maxItems: 4 }) },
  { additionalProperties: false },
);
export type BasketItem = Static<typeof BasketItemSchema>;
export const SaveBasketBodySchema = Type.Object(
  { mode: BasketModeSchema, items: Type.Array(BasketItemSchema, { minItems: 1, maxItems: 4 }) },
  { additionalProperties: false },
);
export type SaveBasketBody = Static<typeof SaveBasketBodySchema>;
export const BasketSchema = Type.Object({
  mode: BasketModeSchema,
  items: Type.Array(Type.Object({ classId: Type.String(), childIds: Type.Array(Type.String()) })),
  updatedAt: Instant,
});
export type Basket = Static<typeof BasketSchema>;
export const MyBasketSchema = Type.Object({ basket: Nullable(BasketSchema) });
export type MyBasket = Static<typeof MyBasketSchema>;
export const BasketEnrollBodySchema = Type.Object(
  { programmeId: Id },
  { additionalProperties: false },
);
export type BasketEnrollBody = Static<typeof BasketEnrollBodySchema>;
export const BasketItemResultSchema = Type.Object({
  classId: Type.String(),
  childIds: Type.Array(Type.String()),
  /** held: a paid class's seats, 待支付 until the family pays (one order for the whole tap) */
  status: Type.Union([
    Type.Literal('enrolled'),
    Type.Literal('held'),
    Type.Literal('waitlisted'),
    Type.Literal('refused'),
  ]),
  position: Nullable(Type.Integer()),
  message: Type.String(),
  enrollmentIds: Type.Array(Type.String()),
  /** the refusal's stable code; null when enrolled or waitlisted */
  code: Nullable(Type.String()),
});
export type BasketItemResult = Static<typeof BasketItemResultSchema>;
export const BasketResultSchema = Type.Object({
  mode: BasketModeSchema,
  items: Type.Array(BasketItemResultSchema),
  message: Type.String(),
});
export type BasketResult = Static<typeof BasketResultSchema>;

export const EnrollmentStatusSchema = Type.Union([
  Type.Literal('enrolled'),
  Type.Literal('waitlisted'),
  Type.Literal('offered'),
  Type.Literal('cancelled'),
  Type.Literal('left'),
  Type.Literal('declined'),
  Type.Literal('expired'),
]);
export type EnrollmentStatus = Static<typeof EnrollmentStatusSchema>;

export const EnrollResultSchema = Type.Object({
  /** held: a paid class's seats, 待支付 until paid (POST /childcare/enrollments/:id/pay) */
  status: Type.Union([Type.Literal('enrolled'), Type.Literal('held'), Type.Literal('waitlisted')]),
  /** 1-based place on the waitlist now (for the whole sibling group: the first of its places). */
  position: Nullable(Type.Integer()),
  message: Type.String(),
  enrollmentIds: Type.Array(Type.String()),
  classId: Type.String(),
  /** held: when the hold lapses unpaid (the server's clock) */
  holdExpiresAt: Type.Optional(Instant),
});
export type EnrollResult = Static<typeof EnrollResultSchema>;

export const PickupCodeSchema = Type.Object({
  guardianId: Type.String(),
  guardianName: Type.String(),
  relation: Type.String(),
  code: Type.String(),
  qr: Type.String({ description: 'PNG data URL of the code' }),
});

export const AttendanceEntrySchema = Type.Object({
  kind: Type.Union([Type.Literal('drop_off'), Type.Literal('pick_up')]),
  day: DateString,
  recordedAt: Instant,
  guardianName: Nullable(Type.String()),
});
export type AttendanceEntry = Static<typeof AttendanceEntrySchema>;

export const NoticeSchema = Type.Object({
  id: Type.String(),
  body: Type.String(),
  createdAt: Instant,
});
export type Notice = Static<typeof NoticeSchema>;
export const CreateNoticeBodySchema = Type.Object(
  { body: Type.String({ minLength: 1, maxLength: 1000 }) },
  { additionalProperties: false },
);
export type CreateNoticeBody = Static<typeof CreateNoticeBodySchema>;

/**
 * The fee side of a seat in a paid class. hold: 待支付 until holdExpiresAt (one order for the
 * family's group); offer: a waitlist offer, which becomes a hold once accepted; paid: 已支付;
 * free: nothing to pay (a full 减免); refunding / refunded: a cancelled paid seat's refund, asked
 * for / confirmed by WeChat (refundFen).
 */
export const CarePaymentSchema = Type.Object({
  state: Type.Union([
    Type.Literal('hold'),
    Type.Literal('offer'),
    Type.Literal('paid'),
    Type.Literal('free'),
    Type.Literal('refunding'),
    Type.Literal('refunded'),
  ]),
  /** this child's fee after its approved reduction, in fen */
  priceFen: Type.Integer(),
  /**
   * the group's one payment (siblings pay once): its order's amount, or before it opens what the
   * group's held seats cost together; null when there is neither
   */
  amountFen: Nullable(Type.Integer()),
  holdExpiresAt: Nullable(Instant),
  /** refunding / refunded: what this child's cancellation refunds, in fen */
  refundFen: Type.Optional(Type.Integer()),
});
export type CarePayment = Static<typeof CarePaymentSchema>;

export const MyEnrollmentSchema = Type.Object({
  id: Type.String(),
  status: EnrollmentStatusSchema,
  position: Nullable(Type.Integer()),
  offerExpiresAt: Nullable(Instant),
  childId: Type.String(),
  childName: Type.String(),
  class: ClassSchema,
  programmeName: Type.String(),
  notice: Nullable(Type.String()),
  pickupCodes: Type.Array(PickupCodeSchema),
  attendance: Type.Array(AttendanceEntrySchema),
  /** from the class's site staff, newest first */
  notices: Type.Array(NoticeSchema),
  /** null for a free class */
  payment: Type.Optional(Nullable(CarePaymentSchema)),
  createdAt: Instant,
});
export type MyEnrollment = Static<typeof MyEnrollmentSchema>;
export const MyEnrollmentListSchema = Type.Object({
  items: Type.Array(MyEnrollmentSchema),
  serverNow: Instant,
});
export type MyEnrollmentList = Static<typeof MyEnrollmentListSchema>;

export const EnrollmentActionResultSchema = Type.Object({
  id: Type.String(),
  status: EnrollmentStatusSchema,
});
export type EnrollmentActionResult = Static<typeof EnrollmentActionResultSchema>;

// ---- staff
export const RosterRowSchema = Type.Object({
  enrollmentId: Type.String(),
  status: EnrollmentStatusSchema,
  position: Nullable(Type.Integer()),
  childName: Type.String(),
  gender: Type.String(),
  grade: Nullable(Type.String()),
  school: Nullable(Type.String()),
  healthNotes: Nullable(Type.String()),
  guardians: Type.Array(GuardianSchema),
  /** an offered seat held for payment (待支付), not a waitlist offer waiting for 确认 */
  awaitingPayment: Type.Boolean(),
});
export type RosterRow = Static<typeof RosterRowSchema>;
export const RosterSchema = Type.Object({ class: ClassSchema, items: Type.Array(RosterRowSchema) });
export type Roster = Static<typeof RosterSchema>;

export const StaffClassListSchema = Type.Object({ items: Type.Array(ClassSchema) });
export type StaffClassList = Static<typeof StaffClassListSchema>;

export const CountsRowSchema = Type.Object({
  siteId: Type.String(),
  siteName: Type.String(),
  periodId: Type.String(),
  periodName: Type.String(),
  capacity: Type.Integer(),
  enrolled: Type.Integer(),
  offered: Type.Integer(),
  waitlisted: Type.Integer(),
});
export const CountsSchema = Type.Object({ items: Type.Array(CountsRowSchema) });
export type Counts = Static<typeof CountsSchema>;
export const CountsQuerySchema = Type.Object({ programmeId: Id }, { additionalProperties: false });

export const AttendanceBodySchema = Type.Object(
  {
    code: Type.String({ minLength: 1, maxLength: 400 }),
    kind: Type.Union([Type.Literal('drop_off'), Type.Literal('pick_up')]),
  },
  { additionalProperties: false },
);
export type AttendanceBody = Static<typeof AttendanceBodySchema>;

export const AttendanceRecordSchema = Type.Object({
  id: Type.String(),
  kind: Type.Union([Type.Literal('drop_off'), Type.Literal('pick_up')]),
  day: DateString,
  recordedAt: Instant,
  childName: Type.String(),
  className: Type.String(),
  guardianName: Nullable(Type.String()),
  guardianRelation: Nullable(Type.String()),
});
export type AttendanceRecord = Static<typeof AttendanceRecordSchema>;
export const AttendanceListSchema = Type.Object({ items: Type.Array(AttendanceRecordSchema) });

/** 未接走: children of a class dropped off today (Shanghai) whose pick-up is not recorded yet. */
export const UncollectedRowSchema = Type.Object({
  enrollmentId: Type.String(),
  childName: Type.String(),
  droppedOffAt: Instant,
  droppedOffBy: Nullable(Type.String({ description: 'guardian name and relation at drop-off' })),
  /** who may collect the child, phones masked, for staff to call */
  guardians: Type.Array(GuardianSchema),
});
export type UncollectedRow = Static<typeof UncollectedRowSchema>;
export const UncollectedListSchema = Type.Object({
  day: DateString,
  className: Type.String(),
  items: Type.Array(UncollectedRowSchema),
});
export type UncollectedList = Static<typeof UncollectedListSchema>;
