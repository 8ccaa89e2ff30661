// One dashboard figure: its series (the columns) and how its rows are read.
import type { DashboardRow, DashboardSeries } from '@/contract/dashboard';
import type { Queryable } from '../../../db/db';
import type { Range, TimeBuckets } from '../range';

export interface FigureInput {
  db: Queryable;
  /** null: the whole district. */
  orgId: string | null;
  range: Range;
  by: 'month' | 'round';
  /** The server's clock (a shift counts as missed only once it has ended). */
  now: Date;
}

export interface Figure {
  series: DashboardSeries[];
  rows(input: FigureInput): Promise<DashboardRow[]>;
}

/** Rows for every bucket, zeros where the SQL found nothing (an empty month is a figure too). */
export function fillBuckets(
  buckets: TimeBuckets,
  found: Array<{ k: string } & Record<string, unknown>>,
  columns: string[],
): DashboardRow[] {
  const byKey = new Map(found.map((r) => [r.k, r]));
  return buckets.keys.map((key) => {
    const row = byKey.get(key);
    return {
      key,
      label: buckets.label(key),
      values: columns.map((c) => Number(row?.[c] ?? 0)),
    };
  });
}

/** a / b rounded to `digits` decimals; 0 when b is 0. */
export function ratio(a: number, b: number, digits = 2): number {
  if (!b) return 0;
  const f = 10 ** digits;
  return Math.round((a / b) * f) / f;
}
