// Account contract: auth, profile, children, organizations, health. The server validates and
// serializes with these schemas; the client imports the types (and the pure rules next door).
import { Type, type Static } from '@sinclair/typebox';

export { ApiErrorSchema, type ApiErrorBody } from './errors';

const Nullable = <T extends ReturnType<typeof Type.String>>(s: T) => Type.Union([s, Type.Null()]);
const DateString = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD' });

export const RoleSchema = Type.Union([
  Type.Literal('resident'),
  Type.Literal('organizer'),
  Type.Literal('admin'),
]);
export type Role = Static<typeof RoleSchema>;

/** Who runs a service: the committee, a youth station, a childcare site, a volunteer team. */
export const OrgKindSchema = Type.Union([
  Type.Literal('committee'),
  Type.Literal('station'),
  Type.Literal('site'),
  Type.Literal('team'),
]);
export type OrgKind = Static<typeof OrgKindSchema>;

export const GenderSchema = Type.Union([Type.Literal('male'), Type.Literal('female')]);
export type Gender = Static<typeof GenderSchema>;

// ---- auth
export const WechatLoginBodySchema = Type.Object(
  { code: Type.String({ minLength: 1, maxLength: 128 }) },
  { additionalProperties: false },
);
export type WechatLoginBody = Static<typeof WechatLoginBodySchema>;

export const DevLoginBodySchema = Type.Object(
  {
    openid: Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' }),
    role: Type.Optional(RoleSchema),
    /** For an organizer: the kind of organization whose staff they act as (demo: every one of it). */
    orgKind: Type.Optional(OrgKindSchema),
  },
  { additionalProperties: false },
);
export type DevLoginBody = Static<typeof DevLoginBodySchema>;

export const SessionUserSchema = Type.Object({
  id: Type.String(),
  role: RoleSchema,
  orgIds: Type.Array(Type.String()),
  name: Nullable(Type.String()),
  profileComplete: Type.Boolean(),
});
export type SessionUser = Static<typeof SessionUserSchema>;

export const SessionSchema = Type.Object({
  token: Type.String(),
  expiresAt: Type.String({ format: 'date-time' }),
  user: SessionUserSchema,
});
export type Session = Static<typeof SessionSchema>;

// ---- profile
// What a session knows about the user, plus the (masked) real-name profile.
export const MeSchema = Type.Composite([
  SessionUserSchema,
  Type.Object({
    phoneMasked: Nullable(Type.String()),
    /** true when the phone came from WeChat's 手机号快速验证; false when typed by hand (or none). */
    phoneVerified: Type.Boolean(),
    idNumberMasked: Nullable(Type.String()),
    birthDate: Nullable(DateString),
    age: Type.Union([Type.Integer(), Type.Null()]),
    gender: Type.Union([GenderSchema, Type.Null()]),
  }),
]);
export type Me = Static<typeof MeSchema>;

export const UpdateMeBodySchema = Type.Object(
  {
    name: Type.Optional(Type.String({ maxLength: 40 })),
    phone: Type.Optional(Type.String({ maxLength: 20 })),
    idNumber: Type.Optional(Type.String({ maxLength: 32 })),
  },
  { additionalProperties: false },
);
export type UpdateMeBody = Static<typeof UpdateMeBodySchema>;

/** The `code` of a getPhoneNumber button tap (手机号快速验证), exchanged by the server with WeChat. */
export const WechatPhoneBodySchema = Type.Object(
  { code: Type.String({ minLength: 1, maxLength: 128, pattern: '^[A-Za-z0-9_-]+$' }) },
  { additionalProperties: false },
);
export type WechatPhoneBody = Static<typeof WechatPhoneBodySchema>;

// ---- children
export const ChildSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  gender: GenderSchema,
  birthDate: DateString,
  age: Type.Integer(),
  idNumberMasked: Type.String(),
  school: Nullable(Type.String()),
  grade: Nullable(Type.String()),
  createdAt: Type.String({ format: 'date-time' }),
});
export type Child = Static<typeof ChildSchema>;

export const ChildListSchema = Type.Object({ items: Type.Array(ChildSchema) });
export type ChildList = Static<typeof ChildListSchema>;

export const CreateChildBodySchema = Type.Object(
  {
    name: Type.String({ maxLength: 40 }),
    gender: Type.Optional(GenderSchema),
    idNumber: Type.String({ maxLength: 32 }),
    school: Type.Optional(Type.String({ maxLength: 60 })),
    grade: Type.Optional(Type.String({ maxLength: 20 })),
  },
  { additionalProperties: false },
);
export type CreateChildBody = Static<typeof CreateChildBodySchema>;

export const ChildParamsSchema = Type.Object({ id: Type.String({ pattern: '^[0-9]{1,18}$' }) });

// ---- organizations

export const OrganizationSchema = Type.Object({
  id: Type.String(),
  kind: OrgKindSchema,
  name: Type.String(),
  district: Type.String(),
  address: Nullable(Type.String()),
  summary: Nullable(Type.String()),
});
export type Organization = Static<typeof OrganizationSchema>;

export const OrgListQuerySchema = Type.Object(
  { kind: Type.Optional(OrgKindSchema) },
  { additionalProperties: false },
);
export const OrgListSchema = Type.Object({ items: Type.Array(OrganizationSchema) });
export type OrgList = Static<typeof OrgListSchema>;

// ---- health
export const HealthSchema = Type.Object({
  status: Type.Union([Type.Literal('ok'), Type.Literal('degraded')]),
  db: Type.Object({
    kind: Type.Union([Type.Literal('pglite'), Type.Literal('postgres')]),
    ok: Type.Boolean(),
    latencyMs: Type.Number(),
  }),
});
export type Health = Static<typeof HealthSchema>;

/** The server's clock, for countdowns that must not trust the phone's clock. */
export const ServerTimeSchema = Type.Object({ now: Type.String({ format: 'date-time' }) });
export type ServerTime = Static<typeof ServerTimeSchema>;

export { NAME_PATTERN, isValidName } from './name';
