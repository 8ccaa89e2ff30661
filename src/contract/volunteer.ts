// Volunteer contract (/api/v1/volunteer): tasks and shifts, sign-ups, check-ins, the hours ledger,
// certificates and the 点单→派单→接单→评单 requests. The server validates and serializes with
// these schemas; the client imports only the types (`import type`) and volunteer-rules.ts.
import { Type, type Static } from '@sinclair/typebox';
import { REQUEST_ACTIONS, REQUEST_STATES, type CheckinProof } from './volunteer-rules';

export const VOLUNTEER_ERRORS = {
  TASK_NOT_FOUND: '未找到该志愿项目',
  SHIFT_NOT_FOUND: '未找到该班次',
  SIGNUP_NOT_FOUND: '未找到该报名记录',
  REQUEST_NOT_FOUND: '未找到该服务需求',
  CERTIFICATE_NOT_FOUND: '未找到该证书，请核对证书编号',
  ORG_NOT_VOLUNTEER: '只有志愿服务队或团委可以发布志愿项目',
  SHIFT_FULL: '该班次人数已满',
  SHIFT_OVERLAP: '您已报名的班次与该班次时间重叠',
  ALREADY_SIGNED_UP: '您已报名该班次',
  SHIFT_STARTED: '班次已开始，不能报名',
  CANCEL_TOO_LATE: '已过取消截止时间',
  CHECKIN_CODE_INVALID: '签到码无效，请扫描现场的签到码',
  CHECKIN_CODE_EXPIRED: '签到码已过期，请扫描现场最新的签到码',
  CHECKIN_CODE_WRONG_SHIFT: '这不是您报名班次的签到码',
  CHECKIN_PROOF_MISSING: '请扫描现场签到码或开启定位后签到',
  CHECKIN_CODE_REQUIRED: '离线记录需要现场签到码，仅有定位不能补传',
  CHECKIN_GPS_REQUIRED: '该班次需同时扫码并开启定位签到',
  GEOFENCE_OUTSIDE: '不在活动地点范围内',
  CHECKIN_WINDOW_CLOSED: '不在签到时间内',
  SCAN_TIME_INVALID: '扫码时间不正确',
  CHECKIN_SECRET_UNAVAILABLE: '离线签到码只能在活动前 24 小时内至签退截止前下载',
  ALREADY_CHECKED: '已经签到过了',
  NOT_CHECKED_IN: '请先签到再签退',
  NONCE_REUSED: '该离线记录已被使用',
  HOURS_ALREADY_RECORDED: '该班次的时长已记录，如有错误请更正',
  REQUEST_HOURS_NOT_READY: '服务完成并填报时长后才能确认',
  REALNAME_REQUIRED: '请先完成实名信息（姓名、手机号、身份证号）再接单',
  NOTHING_TO_CONFIRM: '该志愿者未签到，不能确认时长',
  ILLEGAL_TRANSITION: '当前状态下不能进行该操作',
  NOT_YOUR_REQUEST: '只有相关人员可以进行该操作',
  TEAM_NOT_FOUND: '未找到该志愿服务队',
  NO_HOURS_YET: '暂无志愿时长，无法开具证书',
  CORRECTION_NOT_FOUND: '未找到该更正申请',
  CORRECTION_PENDING: '该班次已有待处理的更正申请，请等待组织方答复',
  CORRECTION_DECIDED: '该更正申请已处理',
  DECISION_NOTE_REQUIRED: '不予更正时请填写说明',
  HOURS_ALREADY_VOIDED: '该班次的时长已作废',
  VOLUNTEER_BARRED: '您有两次志愿时长被认定造假，已暂停报名；如有异议可在「我的志愿」提出申诉',
  APPEAL_NOT_NEEDED: '您目前没有被暂停报名，无需申诉',
  APPEAL_EXISTS: '您已提交申诉，请等待处理',
  APPEAL_NOT_FOUND: '未找到该申诉',
  APPEAL_DECIDED: '该申诉已处理',
  TEAM_REQUEST_EXISTS: '你已申请加入或已是该队成员',
  TEAM_REQUEST_NOT_FOUND: '未找到该入队申请',
  TEAM_REQUEST_DECIDED: '该入队申请已处理',
  VOLUNTEER_NOT_FOUND: '未找到该志愿者',
  ONE_ADDRESSEE: '派单时请选择一个队伍或一名志愿者，不能同时选择',
} as const;
export type VolunteerErrorCode = keyof typeof VOLUNTEER_ERRORS;

const Iso = Type.String({ format: 'date-time' });
const Id = Type.String({ pattern: '^[0-9]{1,15}$' });
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(s: T) =>
  Type.Union([s, Type.Null()]);
const Lat = Type.Number({ minimum: -90, maximum: 90 });
const Lng = Type.Number({ minimum: -180, maximum: 180 });

export const IdParamsSchema = Type.Object({ id: Id });
export const CodeParamsSchema = Type.Object({
  code: Type.String({ minLength: 6, maxLength: 40, pattern: '^[A-Za-z0-9_-]+$' }),
});

// ---- tasks and shifts
export const ShiftSchema = Type.Object({
  id: Type.String(),
  projectId: Type.String(),
  startsAt: Iso,
  endsAt: Iso,
  place: Type.String(),
  lat: Type.Number(),
  lng: Type.Number(),
  radiusM: Type.Integer(),
  needed: Type.Integer(),
  filled: Type.Integer(),
  /** Metres from the caller's position, when the list was asked with lat/lng. */
  distanceM: Nullable(Type.Integer()),
  /** Check-in needs the code AND a position inside the geofence. */
  requireGps: Type.Boolean(),
  /** The caller's active sign-up for this shift, if any. */
  mySignupId: Nullable(Type.String()),
  /** Skills the shift asks for, and whether the caller's profile lists one of them. */
  skills: Type.Array(Type.String()),
  skillMatch: Type.Boolean(),
});
export type Shift = Static<typeof ShiftSchema>;

export const TaskSchema = Type.Object({
  id: Type.String(),
  orgId: Type.String(),
  orgName: Type.String(),
  title: Type.String(),
  category: Type.String(),
  description: Type.String(),
  skills: Type.Array(Type.String()),
  cancelCutoffMin: Type.Integer(),
  checkinOpenBeforeMin: Type.Integer(),
  checkoutCloseAfterMin: Type.Integer(),
  shifts: Type.Array(ShiftSchema),
});
export type Task = Static<typeof TaskSchema>;
export const TaskListSchema = Type.Object({ items: Type.Array(TaskSchema) });
export type TaskList = Static<typeof TaskListSchema>;

export const TaskQuerySchema = Type.Object({
  date: Type.Optional(Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' })),
  category: Type.Optional(Type.String({ maxLength: 20 })),
  lat: Type.Optional(Lat),
  lng: Type.Optional(Lng),
  maxKm: Type.Optional(Type.Number({ minimum: 0.1, maximum: 500 })),
  orgId: Type.Optional(Id),
});
export type TaskQuery = Static<typeof TaskQuerySchema>;

export const CreateTaskBodySchema = Type.Object(
  {
    orgId: Id,
    title: Type.String({ minLength: 2, maxLength: 60 }),
    category: Type.Optional(Type.String({ minLength: 1, maxLength: 20 })),
    description: Type.Optional(Type.String({ maxLength: 2000 })),
    skills: Type.Optional(
      Type.Array(Type.String({ minLength: 1, maxLength: 20 }), { maxItems: 10 }),
    ),
    cancelCutoffMin: Type.Optional(Type.Integer({ minimum: 0, maximum: 10080 })),
    checkinOpenBeforeMin: Type.Optional(Type.Integer({ minimum: 0, maximum: 240 })),
    checkoutCloseAfterMin: Type.Optional(Type.Integer({ minimum: 0, maximum: 1440 })),
  },
  { additionalProperties: false },
);
export type CreateTaskBody = Static<typeof CreateTaskBodySchema>;

export const CreateShiftBodySchema = Type.Object(
  {
    startsAt: Iso,
    endsAt: Iso,
    place: Type.String({ minLength: 2, maxLength: 100 }),
    lat: Lat,
    lng: Lng,
    radiusM: Type.Optional(Type.Integer({ minimum: 20, maximum: 5000 })),
    needed: Type.Integer({ minimum: 1, maximum: 10000 }),
    /** Ask for the code plus a position inside the geofence (default: the code alone). */
    requireGps: Type.Optional(Type.Boolean()),
    skills: Type.Optional(
      Type.Array(Type.String({ minLength: 1, maxLength: 20 }), { maxItems: 10 }),
    ),
  },
  { additionalProperties: false },
);
export type CreateShiftBody = Static<typeof CreateShiftBodySchema>;

const ProofSchema = Type.Union(
  (['code', 'code_gps', 'gps_flagged', 'offline'] satisfies CheckinProof[]).map((p) =>
    Type.Literal(p),
  ),
);

// ---- sign-ups
export const SignupSchema = Type.Object({
  id: Type.String(),
  shiftId: Type.String(),
  status: Type.Union([Type.Literal('active'), Type.Literal('cancelled')]),
  createdAt: Iso,
});
export type Signup = Static<typeof SignupSchema>;

/** A sign-up as the organizer's roster shows it (phone masked). */
export const RosterEntrySchema = Type.Object({
  signupId: Type.String(),
  userId: Type.String(),
  name: Type.String(),
  phoneMasked: Nullable(Type.String()),
  checkedInAt: Nullable(Iso),
  checkedOutAt: Nullable(Iso),
  offline: Type.Boolean(),
  /** How the sign-up was checked in: its weakest scan. */
  proof: Nullable(ProofSchema),
  /** Checked in, nothing in the ledger yet: the organizer has to confirm (or void) it. */
  awaitingConfirmation: Type.Boolean(),
  /** Hours the scans give while awaiting confirmation (0 with no check-out). */
  pendingHours: Type.Number(),
  /** Hours in the ledger (confirmed, corrected, voided). */
  hours: Type.Number(),
  voided: Type.Boolean(),
});
export const RosterSchema = Type.Object({ items: Type.Array(RosterEntrySchema) });
export type RosterEntry = Static<typeof RosterEntrySchema>;

// ---- check-in
export const CheckinCodeSchema = Type.Object({
  shiftId: Type.String(),
  token: Type.String(),
  /** When the screen must show the next code (the end of this 30 s window). */
  refreshAt: Iso,
  windowSeconds: Type.Integer(),
  qrDataUrl: Type.String(),
  /** The same code as a 小程序码 (path under the API origin) for WeChat's own scanner; null without WeChat. */
  wxacodeUrl: Nullable(Type.String()),
});
export type CheckinCode = Static<typeof CheckinCodeSchema>;

/**
 * A shift's offline-code secret, for its organizers only: with it the organizer's phone shows a
 * valid code every 30 s for the whole shift without network (src/contract/volunteer-offline-code.ts).
 */
export const CheckinSecretSchema = Type.Object({
  shiftId: Type.String(),
  /** base64url of 32 bytes; never shown, never sent to a volunteer. */
  secret: Type.String(),
  windowSeconds: Type.Integer(),
  /** The server's clock when it answered, so the phone mints codes on server time. */
  serverTime: Iso,
  /** The codes are of use until check-out closes; the phone forgets the secret after that. */
  usableUntil: Iso,
});
export type CheckinSecret = Static<typeof CheckinSecretSchema>;

export const CheckinBodySchema = Type.Object(
  {
    shiftId: Id,
    kind: Type.Union([Type.Literal('in'), Type.Literal('out')]),
    /** Made once on the phone per scan; an upload retried (or sent twice) counts once. */
    nonce: Type.String({ minLength: 8, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' }),
    token: Type.Optional(Type.String({ minLength: 1, maxLength: 400 })),
    lat: Type.Optional(Lat),
    lng: Type.Optional(Lng),
    /** The scan time, for scans stored offline and uploaded later. */
    scannedAt: Type.Optional(Iso),
  },
  { additionalProperties: false },
);
export type CheckinBody = Static<typeof CheckinBodySchema>;

export const CheckinResultSchema = Type.Object({
  id: Type.String(),
  signupId: Type.String(),
  kind: Type.Union([Type.Literal('in'), Type.Literal('out')]),
  method: Type.Union([Type.Literal('code'), Type.Literal('geo')]),
  scannedAt: Iso,
  offline: Type.Boolean(),
  distanceM: Nullable(Type.Integer()),
  proof: ProofSchema,
  /** true when this nonce had already been accepted: the same record is answered again. */
  duplicate: Type.Boolean(),
  /** Hours this check-out gives (null for a check-in); they count once the organizer confirms. */
  hours: Nullable(Type.Number()),
  awaitingConfirmation: Type.Boolean(),
});
export type CheckinResult = Static<typeof CheckinResultSchema>;

// ---- hours
export const LedgerEntrySchema = Type.Object({
  id: Type.String(),
  kind: Type.Union([
    Type.Literal('attendance'),
    Type.Literal('confirmed'),
    Type.Literal('correction'),
    Type.Literal('request'),
    Type.Literal('void'),
  ]),
  hours: Type.Number(),
  minutes: Nullable(Type.Integer()),
  reason: Nullable(Type.String()),
  title: Type.String(),
  signupId: Nullable(Type.String()),
  requestId: Nullable(Type.String()),
  createdAt: Iso,
});
export type LedgerEntry = Static<typeof LedgerEntrySchema>;
export const ShiftConfirmationSchema = Type.Object({
  /** Sign-ups whose hours entered the ledger with this tap. */
  confirmed: Type.Integer(),
  hours: Type.Number(),
  /** Left for one-by-one review: GPS-only scans, or checked in without a check-out. */
  leftForReview: Type.Integer(),
});
export type ShiftConfirmation = Static<typeof ShiftConfirmationSchema>;

export const CorrectionBodySchema = Type.Object(
  {
    /** The hours this sign-up should count in total; the ledger appends the difference. */
    hours: Type.Number({ minimum: 0, maximum: 24, multipleOf: 0.5 }),
    reason: Type.String({ minLength: 2, maxLength: 200 }),
  },
  { additionalProperties: false },
);
export type CorrectionBody = Static<typeof CorrectionBodySchema>;

// ---- corrections a volunteer asks for, voids, the bar and its appeal
const DecisionStatus = Type.Union([
  Type.Literal('open'),
  Type.Literal('accepted'),
  Type.Literal('rejected'),
]);

export const CorrectionRequestBodySchema = CorrectionBodySchema;
export const CorrectionRequestSchema = Type.Object({
  id: Type.String(),
  signupId: Type.String(),
  userId: Type.String(),
  name: Type.String(),
  title: Type.String(),
  shiftStartsAt: Iso,
  /** The hours the volunteer says the sign-up should count in total. */
  hours: Type.Number(),
  currentHours: Type.Number(),
  reason: Type.String(),
  status: DecisionStatus,
  decisionNote: Nullable(Type.String()),
  createdAt: Iso,
});
export type CorrectionRequest = Static<typeof CorrectionRequestSchema>;
export const CorrectionRequestListSchema = Type.Object({
  items: Type.Array(CorrectionRequestSchema),
});

// ---- a volunteer's skills: shifts asking for one of them come first in the task list
export const SkillsSchema = Type.Object(
  { skills: Type.Array(Type.String({ minLength: 1, maxLength: 20 }), { maxItems: 10 }) },
  { additionalProperties: false },
);
export type Skills = Static<typeof SkillsSchema>;

// ---- teams: a volunteer asks to join, the team's leader (an organizer of the team) decides
export const TeamMembershipSchema = Type.Object({
  id: Id,
  teamId: Id,
  teamName: Type.String(),
  /** The applicant, masked: the leader decides on the name, not the ID or phone. */
  nameMasked: Type.String(),
  status: Type.Union([Type.Literal('pending'), Type.Literal('approved'), Type.Literal('refused')]),
  createdAt: Iso,
});
export type TeamMembership = Static<typeof TeamMembershipSchema>;
export const TeamMembershipListSchema = Type.Object({ items: Type.Array(TeamMembershipSchema) });
export const DecideTeamMemberBodySchema = Type.Object(
  { decision: Type.Union([Type.Literal('approved'), Type.Literal('refused')]) },
  { additionalProperties: false },
);

// ---- the organizer's pick of a named volunteer for a 点单 request: masked, searchable
export const VolunteerSearchQuerySchema = Type.Object(
  {
    /** Part of the name, the phone's last 4 digits, or a skill; empty lists the first 20. */
    q: Type.Optional(Type.String({ maxLength: 20 })),
  },
  { additionalProperties: false },
);
export const VolunteerPickSchema = Type.Object({
  id: Id,
  nameMasked: Type.String(),
  phoneMasked: Nullable(Type.String()),
  skills: Type.Array(Type.String()),
  /** The teams they are an approved member of. */
  teams: Type.Array(Type.String()),
});
export type VolunteerPick = Static<typeof VolunteerPickSchema>;
export const VolunteerPickListSchema = Type.Object({ items: Type.Array(VolunteerPickSchema) });

export const DecideCorrectionBodySchema = Type.Object(
  {
    decision: Type.Union([Type.Literal('accepted'), Type.Literal('rejected')]),
    /** Why not: required when rejected, shown to the volunteer. */
    note: Type.Optional(Type.String({ minLength: 2, maxLength: 200 })),
  },
  { additionalProperties: false },
);
export type DecideCorrectionBody = Static<typeof DecideCorrectionBodySchema>;

export const VoidBodySchema = Type.Object(
  { reason: Type.String({ minLength: 2, maxLength: 200 }) },
  { additionalProperties: false },
);
export type VoidBody = Static<typeof VoidBodySchema>;

export const StandingSchema = Type.Object({
  /** Sign-ups whose hours were voided as forged. */
  voids: Type.Integer(),
  /** Barred from signing up (two voids, no accepted appeal since). */
  barred: Type.Boolean(),
  appeal: Nullable(Type.Object({ id: Type.String(), status: DecisionStatus, createdAt: Iso })),
});
export type Standing = Static<typeof StandingSchema>;

export const VolunteerAppealSchema = Type.Object({
  id: Type.String(),
  userId: Type.String(),
  name: Type.String(),
  reason: Type.String(),
  voids: Type.Integer(),
  status: DecisionStatus,
  createdAt: Iso,
});
export type VolunteerAppeal = Static<typeof VolunteerAppealSchema>;
export const VolunteerAppealListSchema = Type.Object({ items: Type.Array(VolunteerAppealSchema) });
export const AppealBodySchema = Type.Object(
  { reason: Type.String({ minLength: 5, maxLength: 300 }) },
  { additionalProperties: false },
);
export const DecideAppealBodySchema = Type.Object(
  { decision: Type.Union([Type.Literal('accepted'), Type.Literal('rejected')]) },
  { additionalProperties: false },
);

export const HoursSchema = Type.Object({
  totalHours: Type.Number(),
  entries: Type.Array(LedgerEntrySchema),
  standing: StandingSchema,
});
export type Hours = Static<typeof HoursSchema>;

export const MyShiftSchema = Type.Object({
  signupId: Type.String(),
  status: Type.Union([Type.Literal('active'), Type.Literal('cancelled')]),
  taskId: Type.String(),
  taskTitle: Type.String(),
  orgName: Type.String(),
  shift: ShiftSchema,
  canCancelUntil: Iso,
  checkedInAt: Nullable(Iso),
  checkedOutAt: Nullable(Iso),
  hours: Type.Number(),
  /** Checked in and out, hours not yet confirmed by the organizer. */
  awaitingConfirmation: Type.Boolean(),
});
export type MyShift = Static<typeof MyShiftSchema>;
export const MyShiftListSchema = Type.Object({ items: Type.Array(MyShiftSchema) });

// ---- certificates
export const CertificateSchema = Type.Object({
  code: Type.String(),
  nameMasked: Type.String(),
  hours: Type.Number(),
  entries: Type.Integer(),
  issuedAt: Iso,
  verifyUrl: Type.String(),
  qrDataUrl: Type.String(),
});
export type Certificate = Static<typeof CertificateSchema>;

export const CertificateVerificationSchema = Type.Object({
  valid: Type.Literal(true),
  code: Type.String(),
  nameMasked: Type.String(),
  hours: Type.Number(),
  entries: Type.Integer(),
  issuedAt: Iso,
  issuer: Type.String(),
});
export type CertificateVerification = Static<typeof CertificateVerificationSchema>;

// ---- requests (点单→派单→接单→评单)
export const RequestStateSchema = Type.Union(REQUEST_STATES.map((s) => Type.Literal(s)));
export const RequestActionSchema = Type.Union(REQUEST_ACTIONS.map((a) => Type.Literal(a)));

export const RequestEventSchema = Type.Object({
  action: Type.String(),
  fromState: Nullable(Type.String()),
  toState: Type.String(),
  note: Nullable(Type.String()),
  at: Iso,
});

export const ServiceRequestSchema = Type.Object({
  id: Type.String(),
  committeeId: Type.String(),
  title: Type.String(),
  details: Type.String(),
  /** null for anyone but the resident, the committee and the volunteer who took it. */
  place: Nullable(Type.String()),
  wantedAt: Iso,
  /** Booked length of the service: the cap of the hours the volunteer reports. */
  durationMin: Type.Integer(),
  contactName: Nullable(Type.String()),
  /** The resident and the committee always; the taker from two hours before the service time. */
  contactPhone: Nullable(Type.String()),
  state: RequestStateSchema,
  teamId: Nullable(Type.String()),
  /** Dispatched to this volunteer by name (they alone may take it). */
  volunteerId: Nullable(Type.String()),
  takenByMe: Type.Boolean(),
  report: Nullable(Type.String()),
  hours: Nullable(Type.Number()),
  /** A committee member put the hours into the volunteer's ledger. */
  hoursConfirmed: Type.Boolean(),
  rating: Nullable(Type.Integer()),
  ratingComment: Nullable(Type.String()),
  reason: Nullable(Type.String()),
  createdAt: Iso,
  timeline: Type.Array(RequestEventSchema),
});
export type ServiceRequest = Static<typeof ServiceRequestSchema>;
export const ServiceRequestListSchema = Type.Object({ items: Type.Array(ServiceRequestSchema) });

export const RequestListQuerySchema = Type.Object({
  scope: Type.Optional(
    Type.Union([
      Type.Literal('mine'),
      Type.Literal('committee'),
      Type.Literal('open'),
      Type.Literal('taken'),
    ]),
  ),
});

export const CreateRequestBodySchema = Type.Object(
  {
    committeeId: Id,
    title: Type.String({ minLength: 2, maxLength: 60 }),
    details: Type.Optional(Type.String({ maxLength: 1000 })),
    place: Type.String({ minLength: 2, maxLength: 100 }),
    wantedAt: Iso,
    /** How long the help is booked for (default 60 min). */
    durationMin: Type.Optional(Type.Integer({ minimum: 15, maximum: 480 })),
    contactName: Type.String({ minLength: 1, maxLength: 20 }),
    contactPhone: Type.String({ pattern: '^1[3-9]\\d{9}$' }),
  },
  { additionalProperties: false },
);
export type CreateRequestBody = Static<typeof CreateRequestBodySchema>;

export const RequestActionBodySchema = Type.Object(
  {
    action: RequestActionSchema,
    /** dispatch: a team, or one named volunteer (omit both for all volunteers). */
    teamId: Type.Optional(Id),
    volunteerId: Type.Optional(Id),
    /** reject / cancel: why. */
    reason: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    /** complete: a short report and the minutes served (counted up to the booked duration). */
    report: Type.Optional(Type.String({ minLength: 1, maxLength: 500 })),
    minutes: Type.Optional(Type.Integer({ minimum: 1, maximum: 1440 })),
    /** rate: 1–5 stars and a comment. */
    rating: Type.Optional(Type.Integer({ minimum: 1, maximum: 5 })),
    comment: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
);
export type RequestActionBody = Static<typeof RequestActionBodySchema>;
