// A figure as the CSV behind its chart: one row per month or round, one column per series
// (numbers stay numbers, so Excel can sum them).
import type { DashboardFigure, DashboardRow } from '@/contract/dashboard';
import { toCsv, type Csv, type CsvColumn } from '../../lib/csv';

export function figureCsv(f: DashboardFigure): Csv {
  const columns: CsvColumn<DashboardRow>[] = [
    { header: f.by === 'month' ? '月份' : '轮次', value: (r) => r.label },
    ...f.series.map((s, i) => ({
      header: `${s.label}（${s.unit}）`,
      value: (r: DashboardRow) => r.values[i],
    })),
  ];
  return toCsv(columns, f.rows);
}

/** 服务居民-全区-2026-01至2026-12.csv */
export const figureFilename = (f: DashboardFigure) =>
  `${f.title}-${f.scope.name}-${f.from}至${f.to}.csv`;
