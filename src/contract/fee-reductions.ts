// 费用减免 of holiday childcare: a family in hardship applies for one child and one programme; the
// committee approves a percentage off (100: free) or refuses with a reason. The server validates and
// serializes with these schemas; the client imports the types and the pure rules.
import { Type, type Static } from '@sinclair/typebox';

const Id = Type.String({ pattern: '^[0-9]{1,18}$' });
const Instant = Type.String({ format: 'date-time' });
const Nullable = <T extends ReturnType<typeof Type.String>>(s: T) => Type.Union([s, Type.Null()]);

export const REDUCTION_CATEGORIES = {
  dibao: '低保家庭',
  low_income: '低收入家庭',
  tekun: '特困供养',
  disability: '残疾儿童或残疾人家庭',
  other: '其他困难（请说明）',
} as const;
export type ReductionCategory = keyof typeof REDUCTION_CATEGORIES;

export const REDUCTION_ERRORS = {
  REDUCTION_NOT_FOUND: '未找到该减免申请',
  REDUCTION_EXISTS: '该孩子在本项目已有减免申请',
  REDUCTION_NOTE_REQUIRED: '选择“其他困难”时请简要说明情况',
  REDUCTION_REASON_REQUIRED: '不予减免时请写明原因，家长会看到',
  REDUCTION_DECIDED: '该申请已处理',
} as const;
export type ReductionErrorCode = keyof typeof REDUCTION_ERRORS;

/** The fee after an approved reduction, in fen (rounded down to the fen in the family's favour). */
export function reducedFee(feeFen: number, percentOff: number | null): number {
  if (!percentOff) return feeFen;
  return Math.floor((feeFen * (100 - percentOff)) / 100);
}

/** '全免' or '减免50%'. */
export function reductionLabel(percentOff: number): string {
  return percentOff >= 100 ? '全免' : `减免${percentOff}%`;
}

const Category = Type.Union(
  (Object.keys(REDUCTION_CATEGORIES) as ReductionCategory[]).map((c) => Type.Literal(c)),
);
const Status = Type.Union([
  Type.Literal('requested'),
  Type.Literal('approved'),
  Type.Literal('refused'),
  Type.Literal('withdrawn'),
]);

export const ApplyReductionBodySchema = Type.Object(
  {
    programmeId: Id,
    childId: Id,
    category: Category,
    note: Type.Optional(Type.String({ maxLength: 300 })),
    /** an uploaded image (POST /files, purpose reduction_proof) */
    fileId: Type.Optional(Id),
  },
  { additionalProperties: false },
);
export type ApplyReductionBody = Static<typeof ApplyReductionBodySchema>;

export const DecideReductionBodySchema = Type.Object(
  {
    decision: Type.Union([Type.Literal('approve'), Type.Literal('refuse')]),
    /** approve: 1–100 (100: free) */
    percentOff: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
    note: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
);
export type DecideReductionBody = Static<typeof DecideReductionBodySchema>;

export const ReductionSchema = Type.Object({
  id: Type.String(),
  programmeId: Type.String(),
  programmeName: Type.String(),
  childId: Type.String(),
  childName: Type.String(),
  category: Category,
  note: Type.String(),
  /** GET /files/:fileId for the family and the committee */
  fileId: Nullable(Type.String()),
  status: Status,
  percentOff: Type.Union([Type.Integer(), Type.Null()]),
  decisionNote: Nullable(Type.String()),
  createdAt: Instant,
  decidedAt: Nullable(Instant),
});
export type Reduction = Static<typeof ReductionSchema>;
export const ReductionListSchema = Type.Object({ items: Type.Array(ReductionSchema) });
export type ReductionList = Static<typeof ReductionListSchema>;

export const ReductionQuerySchema = Type.Object(
  { programmeId: Type.Optional(Id), status: Type.Optional(Status) },
  { additionalProperties: false },
);
export type ReductionQuery = Static<typeof ReductionQuerySchema>;
