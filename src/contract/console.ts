// The desktop console's tables and bulk actions: one list shape for every table (server-side
// paging, a whitelisted sort, search and filters) and one per-row answer for every bulk action.
import { Type, type Static, type TSchema } from '@sinclair/typebox';

/** Rows in one CSV export of a console table at most: it is built in memory, so it stays bounded. */
export const EXPORT_MAX_ROWS = 20_000;

export const CONSOLE_ERRORS = {
  LIST_SORT_UNKNOWN: '不能按这一列排序',
  EXPORT_TOO_LARGE: `导出超过${EXPORT_MAX_ROWS}条，请缩小日期范围或增加筛选条件`,
} as const;
export type ConsoleErrorCode = keyof typeof CONSOLE_ERRORS;

/** Rows per page at most: a page is read and rendered whole, so it stays bounded. */
export const MAX_PAGE_SIZE = 100;
/** Ids per bulk action at most: each is its own transaction, so one request stays short. */
export const MAX_BULK_IDS = 100;

/** page, pageSize, sort ("col" ascending, "-col" descending), q, and the table's own (optional) filters. */
export const listQuerySchema = (filters: Record<string, TSchema>) =>
  Type.Object(
    {
      page: Type.Integer({ minimum: 1, maximum: 100_000, default: 1 }),
      pageSize: Type.Integer({ minimum: 1, maximum: MAX_PAGE_SIZE, default: 20 }),
      sort: Type.Optional(Type.String({ pattern: '^-?[a-zA-Z]{1,40}$' })),
      q: Type.Optional(Type.String({ maxLength: 40 })),
      ...Object.fromEntries(Object.entries(filters).map(([k, f]) => [k, Type.Optional(f)])),
    },
    { additionalProperties: false },
  );

export type ConsoleCell = string | number | boolean | null;
export const ConsoleRowSchema = Type.Record(
  Type.String(),
  Type.Union([Type.String(), Type.Number(), Type.Boolean(), Type.Null()]),
);
export type ConsoleRow = Record<string, ConsoleCell> & { id: string };

export const ConsolePageSchema = Type.Object({
  items: Type.Array(ConsoleRowSchema),
  total: Type.Integer(),
  page: Type.Integer(),
  pageSize: Type.Integer(),
  sort: Type.String(),
});
export interface ConsolePage {
  items: ConsoleRow[];
  total: number;
  page: number;
  pageSize: number;
  sort: string;
}

export const IdSchema = Type.String({ pattern: '^[1-9][0-9]{0,17}$' });

export const BulkIdsBodySchema = Type.Object(
  { ids: Type.Array(IdSchema, { minItems: 1, maxItems: MAX_BULK_IDS, uniqueItems: true }) },
  { additionalProperties: false },
);
export type BulkIdsBody = Static<typeof BulkIdsBodySchema>;

export const BulkAttendanceBodySchema = Type.Object(
  {
    courseId: IdSchema,
    sessionNo: Type.Integer({ minimum: 1, maximum: 40 }),
    status: Type.Union([Type.Literal('present'), Type.Literal('absent')]),
    ids: Type.Array(IdSchema, { minItems: 1, maxItems: MAX_BULK_IDS, uniqueItems: true }),
  },
  { additionalProperties: false },
);
export type BulkAttendanceBody = Static<typeof BulkAttendanceBodySchema>;

export const BulkResultSchema = Type.Object({
  done: Type.Integer(),
  failed: Type.Integer(),
  results: Type.Array(
    Type.Object({
      id: Type.String(),
      ok: Type.Boolean(),
      code: Type.Optional(Type.String()),
      message: Type.Optional(Type.String()),
    }),
  ),
});
export type BulkResult = Static<typeof BulkResultSchema>;
