// Talent-station (青年驿站) contract: the server validates and serializes with these schemas; the
// client imports the types only (`import type`) and the pure rules from ./station-rules.
import { Type, type Static } from '@sinclair/typebox';

const DateString = Type.String({
  pattern: '^\\d{4}-\\d{2}-\\d{2}$',
  description: 'YYYY-MM-DD (Asia/Shanghai)',
});
const Id = Type.String({ pattern: '^[0-9]{1,18}$' });
const Nullable = <T extends import('@sinclair/typebox').TSchema>(s: T) =>
  Type.Union([s, Type.Null()]);

/** Stable codes of this service and their Chinese toasts. */
export const STATION_ERRORS = {
  STATION_NOT_FOUND: '未找到该驿站',
  ROOM_TYPE_NOT_FOUND: '未找到该房型',
  BOOKING_NOT_FOUND: '未找到该预订',
  DATE_INVALID: '日期不正确',
  CHECKIN_IN_PAST: '入住日期不能早于今天',
  CHECKIN_TOO_FAR: '只能预订未来6周内的床位',
  NIGHTS_OUT_OF_RANGE: '每次入住1–7晚',
  PROFILE_INCOMPLETE: '请先在“我的”中完成实名信息（身份证号）',
  NOT_ELIGIBLE: '不符合入住条件',
  GENDER_MISMATCH: '该房型仅限同性别入住，请选择其他房型',
  STAY_OVERLAPS: '所选日期与您的另一个预订重叠，请换个日期',
  ALLOWANCE_EXCEEDED: '12个月内免费入住晚数已用完',
  NIGHT_FULL: '所选日期床位已满，请换个日期或房型',
  BOOKING_NOT_CANCELLABLE: '该预订已入住或已结束，不能取消',
  BOOKING_NOT_CHANGEABLE: '该预订已入住或已结束，不能修改日期',
  BOOKING_NOT_PENDING: '该预订不在待审核状态',
  BOOKING_NOT_APPROVED: '该预订尚未通过审核或已处理',
  BOOKING_NOT_CHECKED_IN: '该预订尚未入住',
  CODE_INVALID: '二维码无效，请让住客刷新“我的驿站”后重试',
  CHECKIN_WINDOW_CLOSED: '只能在入住当天14:00–22:00办理入住',
  LATE_ARRIVAL_TIME_INVALID: '到达时间须在入住当晚22:00之后、次日06:00之前',
  LATE_ARRIVAL_PASSED: '该时间已过，无法报告晚到',
  NIGHT_HAS_BOOKINGS: '该晚已有预订，不能关闭；请先与住客协调',
  BEDS_BELOW_BOOKED: '床位数不能少于已预订的床位',
  ROOM_TYPE_EXISTS: '该房型代码已存在',
  PROOF_NOT_FOUND: '未找到该证明材料',
  HOME_DECLARATION_REQUIRED: '请确认您在本市没有自有住房',
  PROOF_REQUIRED: '本驿站需要上传证明材料（面试通知、录用通知或学生证）',
  STAY_HOLD_EXPIRED: '保留时间已过，床位已释放，请重新选择日期',
  BOOKING_NOT_HELD: '该预订不在填写资格信息的状态',
} as const;
export type StationErrorCode = keyof typeof STATION_ERRORS;

export const RoomGenderSchema = Type.Union([
  Type.Literal('any'),
  Type.Literal('male'),
  Type.Literal('female'),
]);
export const DeclaredStatusSchema = Type.Union([
  Type.Literal('job_seeking'),
  Type.Literal('newly_employed'),
  Type.Literal('graduating'),
]);
export const BookingStatusSchema = Type.Union([
  /** Nights held for a short while (holdMinutes) while the guest completes the eligibility form. */
  Type.Literal('held'),
  Type.Literal('requested'),
  Type.Literal('approved'),
  Type.Literal('rejected'),
  Type.Literal('checked_in'),
  Type.Literal('checked_out'),
  Type.Literal('cancelled'),
  Type.Literal('no_show'),
  Type.Literal('expired'),
]);
export type BookingStatus = Static<typeof BookingStatusSchema>;

export const RoomTypeSchema = Type.Object({
  id: Type.String(),
  code: Type.String(),
  name: Type.String(),
  gender: RoomGenderSchema,
  beds: Type.Integer(),
});
export type RoomType = Static<typeof RoomTypeSchema>;

export const StationSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  district: Type.String(),
  address: Nullable(Type.String()),
  summary: Nullable(Type.String()),
  partner: Type.String({ description: 'hotel | apartment' }),
  photos: Type.Array(Type.String()),
  rules: Type.Array(Type.String()),
  contact: Nullable(Type.String()),
  mapUrl: Nullable(Type.String()),
  /** GCJ-02, for WeChat's map; null until the station's staff set them. */
  latitude: Nullable(Type.Number()),
  longitude: Nullable(Type.Number()),
  totalBeds: Type.Integer(),
  /** Free beds summed over room types, per night of the coming week (tonight first). */
  freeThisWeek: Type.Array(Type.Integer()),
  roomTypes: Type.Array(RoomTypeSchema),
});
export type Station = Static<typeof StationSchema>;

export const StationListSchema = Type.Object({ items: Type.Array(StationSchema) });
export type StationList = Static<typeof StationListSchema>;

export const CalendarNightSchema = Type.Object({
  night: DateString,
  roomTypeId: Type.String(),
  beds: Type.Integer(),
  taken: Type.Integer(),
  free: Type.Integer(),
  closed: Type.Boolean(),
});
export type CalendarNight = Static<typeof CalendarNightSchema>;

export const StationDetailSchema = Type.Object({
  station: StationSchema,
  from: DateString,
  to: DateString,
  nights: Type.Array(CalendarNightSchema),
});
export type StationDetail = Static<typeof StationDetailSchema>;

export const StationParamsSchema = Type.Object({ stationId: Id });
export const BookingParamsSchema = Type.Object({ bookingId: Id });
export const RoomTypeParamsSchema = Type.Object({ stationId: Id, roomTypeId: Id });
export const NightParamsSchema = Type.Object({ stationId: Id, roomTypeId: Id, night: DateString });

/**
 * How the free stays are counted over the window: `nights` — at most `allowanceNights` nights,
 * over any number of stays, at any stations; `one_stay` — one stay (of at most `maxNightsPerStay`).
 */
export const AllowanceRuleSchema = Type.Union([Type.Literal('nights'), Type.Literal('one_stay')]);
export type AllowanceRule = Static<typeof AllowanceRuleSchema>;

export const SettingsSchema = Type.Object({
  minAge: Type.Integer({ minimum: 0, maximum: 120 }),
  maxAge: Type.Integer({ minimum: 0, maximum: 120 }),
  maxNightsPerStay: Type.Integer({ minimum: 1, maximum: 30 }),
  allowanceRule: AllowanceRuleSchema,
  allowanceNights: Type.Integer({ minimum: 0, maximum: 365 }),
  allowanceWindowMonths: Type.Integer({ minimum: 1, maximum: 60 }),
  /** A graduate is eligible from this many months before graduation… */
  graduatingWithinMonths: Type.Integer({ minimum: 0, maximum: 60 }),
  /** …to this many months after it. */
  graduatedWithinMonths: Type.Integer({ minimum: 0, maximum: 120 }),
  /** The guest declares, with the booking, that they have no home of their own in this city. */
  noLocalHomeRequired: Type.Boolean(),
  /** A booking must carry a proof (interview notice, offer, student card). */
  proofRequired: Type.Boolean(),
  /** How long a hold keeps its nights while the eligibility form is completed. */
  holdMinutes: Type.Integer({ minimum: 5, maximum: 240 }),
  /** Staff review a request within this many working days; later, the committee sees it. */
  reviewWorkingDays: Type.Integer({ minimum: 1, maximum: 30 }),
  autoApprove: Type.Boolean(),
  horizonDays: Type.Integer({ minimum: 1, maximum: 366 }),
  checkInFrom: Type.String({ pattern: '^([01]\\d|2[0-3]):[0-5]\\d$' }),
  checkInUntil: Type.String({ pattern: '^([01]\\d|2[0-3]):[0-5]\\d$' }),
});
export type Settings = Static<typeof SettingsSchema>;
export const UpdateSettingsBodySchema = Type.Partial(SettingsSchema, {
  additionalProperties: false,
});
export type UpdateSettingsBody = Static<typeof UpdateSettingsBodySchema>;

/** The rules a station may set for itself; null means "the district default". */
export const StationOverridesSchema = Type.Object({
  autoApprove: Nullable(Type.Boolean()),
  allowanceRule: Nullable(AllowanceRuleSchema),
  allowanceNights: Nullable(Type.Integer({ minimum: 0, maximum: 365 })),
  maxNightsPerStay: Nullable(Type.Integer({ minimum: 1, maximum: 30 })),
  graduatingWithinMonths: Nullable(Type.Integer({ minimum: 0, maximum: 60 })),
  graduatedWithinMonths: Nullable(Type.Integer({ minimum: 0, maximum: 120 })),
  noLocalHomeRequired: Nullable(Type.Boolean()),
  proofRequired: Nullable(Type.Boolean()),
});
export type StationOverrides = Static<typeof StationOverridesSchema>;
export const StationRulesSchema = Type.Object({
  stationId: Type.String(),
  /** what applies at this station */
  rules: SettingsSchema,
  /** what the station set itself */
  overrides: StationOverridesSchema,
  /** the district defaults (set by the committee) */
  defaults: SettingsSchema,
});
export type StationRules = Static<typeof StationRulesSchema>;
export const UpdateStationRulesBodySchema = Type.Partial(StationOverridesSchema, {
  additionalProperties: false,
  minProperties: 1,
});
export type UpdateStationRulesBody = Static<typeof UpdateStationRulesBodySchema>;

export const AllowanceSchema = Type.Object({
  rule: AllowanceRuleSchema,
  /** Nights: of the window (`nights`), or of the one stay (`one_stay`). */
  total: Type.Integer(),
  used: Type.Integer(),
  /** Nights that may still be booked in this window. */
  remaining: Type.Integer(),
  /** Stays holding nights in this window. */
  staysUsed: Type.Integer(),
  windowMonths: Type.Integer(),
  windowStart: Nullable(DateString),
  windowEnd: Nullable(DateString),
});
export type Allowance = Static<typeof AllowanceSchema>;

export const EligibilityQuerySchema = Type.Object(
  {
    declaredStatus: Type.Optional(DeclaredStatusSchema),
    graduationDate: Type.Optional(DateString),
    on: Type.Optional(DateString),
    /** The station's own rules (graduation window, declaration, proof) instead of the district's. */
    stationId: Type.Optional(Id),
  },
  { additionalProperties: false },
);
export const EligibilitySchema = Type.Object({
  ok: Type.Boolean(),
  code: Nullable(Type.String()),
  reason: Nullable(Type.String()),
  age: Type.Union([Type.Integer(), Type.Null()]),
  gender: Type.Union([Type.Literal('male'), Type.Literal('female'), Type.Null()]),
  maxNightsPerStay: Type.Integer(),
  allowance: AllowanceSchema,
  hasActiveBooking: Type.Boolean(),
  /** What the booking form asks for, from the rules of the station (or the district). */
  requirements: Type.Object({
    graduatingWithinMonths: Type.Integer(),
    graduatedWithinMonths: Type.Integer(),
    noLocalHomeRequired: Type.Boolean(),
    proofRequired: Type.Boolean(),
    holdMinutes: Type.Integer(),
  }),
});
export type Eligibility = Static<typeof EligibilitySchema>;

const eligibilityFields = {
  declaredStatus: DeclaredStatusSchema,
  graduationDate: Type.Optional(DateString),
  /** "I have no home of my own in this city" (required where noLocalHomeRequired). */
  noLocalHome: Type.Optional(Type.Boolean()),
  proofNote: Type.Optional(Type.String({ maxLength: 200 })),
  /** An image uploaded first with POST /stations/proofs (required where proofRequired). */
  proofId: Type.Optional(Id),
};
const stayFields = {
  roomTypeId: Id,
  checkIn: DateString,
  nights: Type.Integer({ minimum: 0, maximum: 366 }),
};

/** A booking in one step: the stay and the eligibility form together. */
export const CreateBookingBodySchema = Type.Object(
  { ...stayFields, ...eligibilityFields },
  { additionalProperties: false },
);
export type CreateBookingBody = Static<typeof CreateBookingBodySchema>;

/** A hold: the stay's nights, kept for holdMinutes while the eligibility form is completed. */
export const CreateHoldBodySchema = Type.Object(stayFields, { additionalProperties: false });
export type CreateHoldBody = Static<typeof CreateHoldBodySchema>;

/** The eligibility form that turns a hold into a request (or an approved stay). */
export const EligibilityFormBodySchema = Type.Object(eligibilityFields, {
  additionalProperties: false,
});
export type EligibilityFormBody = Static<typeof EligibilityFormBodySchema>;

export const BookingSchema = Type.Object({
  id: Type.String(),
  stationId: Type.String(),
  stationName: Type.String(),
  stationAddress: Nullable(Type.String()),
  roomTypeId: Type.String(),
  roomTypeName: Type.String(),
  checkIn: DateString,
  checkOut: DateString,
  /** Nights of the stay as booked. */
  nights: Type.Integer(),
  /** Nights it holds (or used) now: fewer after an early check-out or a no-show. */
  nightsHeld: Type.Integer(),
  status: BookingStatusSchema,
  /** null only for a hold whose form was never completed */
  declaredStatus: Nullable(DeclaredStatusSchema),
  /** Declared "no home of my own in this city" with the booking. */
  noLocalHomeDeclared: Type.Boolean(),
  /** Until when a hold keeps its nights (server clock); null for any other booking. */
  heldUntil: Nullable(Type.String({ format: 'date-time' })),
  rejectReason: Nullable(Type.String()),
  createdAt: Type.String({ format: 'date-time' }),
  checkedInAt: Nullable(Type.String({ format: 'date-time' })),
  checkedOutAt: Nullable(Type.String({ format: 'date-time' })),
  hasProof: Type.Boolean(),
  /** Reported late arrival on the first night, 'HH:MM' Beijing time (after midnight = next morning). */
  lateArrival: Nullable(Type.String()),
});
export type Booking = Static<typeof BookingSchema>;

/** A guest's 晚到 report: the expected arrival on the first night, Beijing time. */
export const LateArrivalBodySchema = Type.Object(
  { time: Type.String({ pattern: '^([01]\\d|2[0-3]):[0-5]\\d$', description: 'HH:MM' }) },
  { additionalProperties: false },
);
export type LateArrivalBody = Static<typeof LateArrivalBodySchema>;

/** New dates for a stay not yet begun (待审核 or 已通过): same station and room type. */
export const ChangeDatesBodySchema = Type.Object(
  {
    checkIn: DateString,
    nights: Type.Integer({ minimum: 0, maximum: 366 }),
  },
  { additionalProperties: false },
);
export type ChangeDatesBody = Static<typeof ChangeDatesBodySchema>;

/** One of my bookings, with its check-in code once approved (never while 待审核). */
export const MyBookingSchema = Type.Intersect([
  BookingSchema,
  Type.Object({
    code: Nullable(Type.String()),
    qrDataUrl: Nullable(Type.String()),
  }),
]);
export type MyBooking = Static<typeof MyBookingSchema>;

export const MyStationSchema = Type.Object({
  /** Every stay not yet over (待审核, 已通过, 已入住), at any station, the nearest first. */
  upcoming: Type.Array(BookingSchema),
  /** The nearest of them: the one the front desk will scan next. */
  current: Nullable(BookingSchema),
  /** The signed code staff scan, and its QR image (PNG data URL); null until `current` is approved. */
  code: Nullable(Type.String()),
  qrDataUrl: Nullable(Type.String()),
  history: Type.Array(BookingSchema),
  allowance: AllowanceSchema,
});
export type MyStation = Static<typeof MyStationSchema>;

// ---- staff
export const StaffBookingSchema = Type.Intersect([
  BookingSchema,
  Type.Object({
    residentName: Nullable(Type.String()),
    phoneMasked: Nullable(Type.String()),
    idNumberMasked: Nullable(Type.String()),
    age: Type.Union([Type.Integer(), Type.Null()]),
    gender: Type.Union([Type.Literal('male'), Type.Literal('female'), Type.Null()]),
  }),
]);
export type StaffBooking = Static<typeof StaffBookingSchema>;
export const StaffBookingListSchema = Type.Object({ items: Type.Array(StaffBookingSchema) });
export type StaffBookingList = Static<typeof StaffBookingListSchema>;

/** A request staff did not review within the working days set: the committee's list. */
export const OverdueReviewSchema = Type.Intersect([
  StaffBookingSchema,
  Type.Object({
    submittedAt: Type.String({ format: 'date-time' }),
    /** The last day of the review (Beijing date). */
    dueDay: DateString,
  }),
]);
export type OverdueReview = Static<typeof OverdueReviewSchema>;
export const OverdueReviewListSchema = Type.Object({
  workingDays: Type.Integer(),
  items: Type.Array(OverdueReviewSchema),
});
export type OverdueReviewList = Static<typeof OverdueReviewListSchema>;

export const StaffBookingQuerySchema = Type.Object(
  {
    status: Type.Optional(BookingStatusSchema),
    /** arrivals: check-in on `date`; departures: check-out on `date`. */
    view: Type.Optional(
      Type.Union([Type.Literal('arrivals'), Type.Literal('departures'), Type.Literal('all')]),
    ),
    date: Type.Optional(DateString),
  },
  { additionalProperties: false },
);
export type StaffBookingQuery = Static<typeof StaffBookingQuerySchema>;

export const RejectBodySchema = Type.Object(
  { reason: Type.String({ minLength: 2, maxLength: 200 }) },
  { additionalProperties: false },
);
export const ScanCheckInBodySchema = Type.Object(
  {
    code: Type.String({ minLength: 1, maxLength: 400 }),
    /** Required to check a guest in after the window closes (22:00); kept in the audit log. */
    reason: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
);
export const ScanBodySchema = Type.Object(
  { code: Type.String({ minLength: 1, maxLength: 400 }) },
  { additionalProperties: false },
);

export const RangeQuerySchema = Type.Object(
  { from: Type.Optional(DateString), to: Type.Optional(DateString) },
  { additionalProperties: false },
);

export const OccupancySchema = Type.Object({
  from: DateString,
  to: DateString,
  roomTypes: Type.Array(RoomTypeSchema),
  nights: Type.Array(CalendarNightSchema),
});
export type Occupancy = Static<typeof OccupancySchema>;

export const CreateRoomTypeBodySchema = Type.Object(
  {
    code: Type.String({ pattern: '^[a-z0-9-]{1,20}$' }),
    name: Type.String({ minLength: 1, maxLength: 30 }),
    gender: RoomGenderSchema,
    beds: Type.Integer({ minimum: 0, maximum: 2000 }),
  },
  { additionalProperties: false },
);
export type CreateRoomTypeBody = Static<typeof CreateRoomTypeBodySchema>;
export const UpdateRoomTypeBodySchema = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 30 })),
    beds: Type.Optional(Type.Integer({ minimum: 0, maximum: 2000 })),
  },
  { additionalProperties: false },
);
export type UpdateRoomTypeBody = Static<typeof UpdateRoomTypeBodySchema>;
/** Both halves of a position together, so a station never has a latitude without a longitude. */
export const CoordinatesSchema = Type.Object(
  {
    latitude: Type.Number({ minimum: -90, maximum: 90 }),
    longitude: Type.Number({ minimum: -180, maximum: 180 }),
  },
  { additionalProperties: false },
);
export type Coordinates = Static<typeof CoordinatesSchema>;
export const UpdateStationBodySchema = Type.Object(
  {
    summary: Type.Optional(Type.String({ maxLength: 200 })),
    contact: Type.Optional(Type.String({ maxLength: 100 })),
    mapUrl: Type.Optional(Type.String({ maxLength: 300, pattern: '^https://' })),
    /** Where the map opens (GCJ-02, as chooseLocation returns it); null takes the station off the map. */
    coordinates: Type.Optional(Nullable(CoordinatesSchema)),
    rules: Type.Optional(
      Type.Array(Type.String({ minLength: 1, maxLength: 100 }), { maxItems: 12 }),
    ),
    photos: Type.Optional(
      Type.Array(Type.String({ maxLength: 300, pattern: '^https://' }), { maxItems: 9 }),
    ),
  },
  { additionalProperties: false },
);
export type UpdateStationBody = Static<typeof UpdateStationBodySchema>;
export const ProofKindSchema = Type.Union([
  Type.Literal('interview'),
  Type.Literal('offer'),
  Type.Literal('student_card'),
  Type.Literal('other'),
]);
/** The image is uploaded first (POST /files, purpose station_proof); the proof names its kind. */
export const CreateProofBodySchema = Type.Object(
  { kind: ProofKindSchema, fileId: Id },
  { additionalProperties: false },
);
export type CreateProofBody = Static<typeof CreateProofBodySchema>;
export const ProofSchema = Type.Object({
  id: Type.String(),
  kind: ProofKindSchema,
  bytes: Type.Integer(),
  createdAt: Type.String({ format: 'date-time' }),
});
export type Proof = Static<typeof ProofSchema>;
/**
 * A proof for its owner or the booking's station staff: `fileId` (read it with GET /files/:id)
 * for proofs uploaded as files; `dataUrl` only for proofs kept from before files existed, until the
 * retention job deletes them.
 */
export const ProofImageSchema = Type.Object({
  kind: ProofKindSchema,
  fileId: Type.Union([Type.String(), Type.Null()]),
  dataUrl: Type.Union([Type.String(), Type.Null()]),
});
export type ProofImage = Static<typeof ProofImageSchema>;
export const CloseNightBodySchema = Type.Object(
  { closed: Type.Boolean() },
  { additionalProperties: false },
);

// ---- the working-day calendar the review deadline is counted in (the committee's)
export const CalendarDayKindSchema = Type.Union(
  [Type.Literal('holiday'), Type.Literal('workday')],
  {
    description: 'holiday: a weekday off (法定节假日); workday: a weekend day worked (调休)',
  },
);
export const CalendarDaySchema = Type.Object({
  day: DateString,
  kind: CalendarDayKindSchema,
  note: Type.String({ maxLength: 20 }),
});
export type CalendarDay = Static<typeof CalendarDaySchema>;
export const CalendarDayListSchema = Type.Object({ items: Type.Array(CalendarDaySchema) });
export type CalendarDayList = Static<typeof CalendarDayListSchema>;
export const CalendarDayParamsSchema = Type.Object({ day: DateString });
export const CalendarDayQuerySchema = Type.Object({
  year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100 })),
});
export const PutCalendarDayBodySchema = Type.Object(
  {
    kind: CalendarDayKindSchema,
    note: Type.Optional(Type.String({ maxLength: 20 })),
  },
  { additionalProperties: false },
);
export type PutCalendarDayBody = Static<typeof PutCalendarDayBodySchema>;
