// Admin contract: organizer roles scoped to organizations, and the audit trail.
import { Type, type Static } from '@sinclair/typebox';
import { OrgKindSchema, RoleSchema } from './account';

const Id = Type.String({ pattern: '^[0-9]{1,18}$' });

export const AdminUserSchema = Type.Object({
  id: Type.String(),
  name: Type.Union([Type.String(), Type.Null()]),
  phoneMasked: Type.Union([Type.String(), Type.Null()]),
  role: RoleSchema,
  orgIds: Type.Array(Type.String()),
});
export type AdminUser = Static<typeof AdminUserSchema>;

export const AdminUserQuerySchema = Type.Object(
  { q: Type.String({ minLength: 1, maxLength: 20, description: '姓名，或手机号后四位' }) },
  { additionalProperties: false },
);
export const AdminUserListSchema = Type.Object({ items: Type.Array(AdminUserSchema) });

export const UserParamsSchema = Type.Object({ userId: Id });
export const OrgParamsSchema = Type.Object({ orgId: Id });
export const OrgMemberParamsSchema = Type.Object({ orgId: Id, userId: Id });

export const SetRoleBodySchema = Type.Object({ role: RoleSchema }, { additionalProperties: false });

export const OrgMemberRoleSchema = Type.Union([Type.Literal('staff'), Type.Literal('manager')]);
export const AddMemberBodySchema = Type.Object(
  { userId: Id, role: Type.Optional(OrgMemberRoleSchema) },
  { additionalProperties: false },
);

export const OrgMemberSchema = Type.Object({
  userId: Type.String(),
  name: Type.Union([Type.String(), Type.Null()]),
  phoneMasked: Type.Union([Type.String(), Type.Null()]),
  role: OrgMemberRoleSchema,
});
export const OrgMembersSchema = Type.Object({
  org: Type.Object({ id: Type.String(), kind: OrgKindSchema, name: Type.String() }),
  items: Type.Array(OrgMemberSchema),
});
export type OrgMembers = Static<typeof OrgMembersSchema>;

export const AuditQuerySchema = Type.Object(
  {
    actorId: Type.Optional(Id),
    entity: Type.Optional(Type.String({ maxLength: 40 })),
    action: Type.Optional(Type.String({ maxLength: 60 })),
    orgId: Type.Optional(Id),
    from: Type.Optional(Type.String({ format: 'date-time' })),
    to: Type.Optional(Type.String({ format: 'date-time' })),
    before: Type.Optional(Id),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
  },
  { additionalProperties: false },
);
export type AuditQuery = Static<typeof AuditQuerySchema>;

export const AuditEntrySchema = Type.Object({
  id: Type.String(),
  at: Type.String({ format: 'date-time' }),
  actorId: Type.Union([Type.String(), Type.Null()]),
  actorName: Type.Union([Type.String(), Type.Null()]),
  actorRole: Type.String(),
  action: Type.String(),
  entity: Type.String(),
  entityId: Type.Union([Type.String(), Type.Null()]),
  orgId: Type.Union([Type.String(), Type.Null()]),
  before: Type.Unknown(),
  after: Type.Unknown(),
});
export type AuditEntry = Static<typeof AuditEntrySchema>;

export const AuditListSchema = Type.Object({
  items: Type.Array(AuditEntrySchema),
  next: Type.Union([Type.String(), Type.Null()]),
});

const PersonSchema = Type.Object({
  id: Type.String(),
  name: Type.Union([Type.String(), Type.Null()]),
  phoneMasked: Type.Union([Type.String(), Type.Null()]),
});

/** 人工核验: a resident's own ID number was refused because another account holds it. */
export const IdVerificationSchema = Type.Object({
  id: Type.String(),
  createdAt: Type.String({ format: 'date-time' }),
  idNumberMasked: Type.String(),
  requester: PersonSchema,
  /** The account holding the number when the request was made; null once that account is gone. */
  boundTo: Type.Union([PersonSchema, Type.Null()]),
});
export type IdVerification = Static<typeof IdVerificationSchema>;
export const IdVerificationListSchema = Type.Object({ items: Type.Array(IdVerificationSchema) });

export const ADMIN_ERRORS = {
  USER_NOT_FOUND: '未找到该用户',
  ORG_NOT_FOUND: '未找到该组织',
  MEMBER_NOT_FOUND: '该用户不是此组织的工作人员',
  LAST_ADMIN: '不能取消最后一位管理员的权限',
} as const;
