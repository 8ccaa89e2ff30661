// One child, many relatives: a second account adding a child already known (by ID number) asks the
// child's first parent, who approves or refuses the request in 孩子资料.
import { Type, type Static } from '@sinclair/typebox';

export const CHILD_GUARDIAN_ERRORS = {
  CHILD_REQUEST_NOT_FOUND: '未找到该监护人申请',
  CHILD_REQUEST_DECIDED: '该申请已处理过了',
  CHILD_ACCOUNTS_FULL: '一个孩子最多关联6个账号，请先移除不再需要的家人账号',
} as const;
export type ChildGuardianErrorCode = keyof typeof CHILD_GUARDIAN_ERRORS;

/**
 * What a requester sees whenever the ID number belongs to another family's child — new request,
 * one already waiting, one refused before: the same words, so the answer tells nothing more.
 */
export const GUARDIAN_REQUEST_SUBMITTED = '已提交，等待孩子的监护人确认';

export const GuardianRequestSubmittedSchema = Type.Object({
  status: Type.Literal('requested'),
  message: Type.String(),
});
export type GuardianRequestSubmitted = Static<typeof GuardianRequestSubmittedSchema>;

export const GuardianRequestSchema = Type.Object({
  id: Type.String(),
  childId: Type.String(),
  childName: Type.String(),
  /** the child's name as the requester typed it */
  statedName: Type.String(),
  requesterNameMasked: Type.Union([Type.String(), Type.Null()]),
  requesterPhoneMasked: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String({ format: 'date-time' }),
});
export type GuardianRequest = Static<typeof GuardianRequestSchema>;
export const GuardianRequestListSchema = Type.Object({ items: Type.Array(GuardianRequestSchema) });
export type GuardianRequestList = Static<typeof GuardianRequestListSchema>;

export const GuardianRequestDecisionSchema = Type.Object({
  id: Type.String(),
  status: Type.Union([Type.Literal('approved'), Type.Literal('refused')]),
});
export type GuardianRequestDecision = Static<typeof GuardianRequestDecisionSchema>;

export const GuardianRequestParamsSchema = Type.Object({
  id: Type.String({ pattern: '^[0-9]{1,18}$' }),
});
