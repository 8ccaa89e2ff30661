import { useMemo } from 'react';
import type { DashboardFigureName } from '@/contract/dashboard';
import type { Scope } from '@/features/dashboard/api';
import { FigureCard } from '@/features/dashboard/components/figure-card';
import { FIGURE_HINTS } from '@/features/dashboard/figure-hints';
import { rangePresets } from '@/features/dashboard/range-presets';

// The two figures a committee member asks about first; the rest are one click away in 数据看板.
// Both pages are H5-only, so chart.js reaches the console's chunk and never the weapp.
const FIGURES: DashboardFigureName[] = ['occupancy', 'volunteer'];

/** The last 12 months at a glance: the district for admins, the first organization otherwise. */
export function HomeCharts({ scope, onMore }: { scope: Scope; onMore: () => void }) {
  const query = useMemo(() => {
    const last12 = rangePresets(new Date())[0]!;
    return { by: 'month' as const, from: last12.from, to: last12.to };
  }, []);
  return (
    <section className="console-charts" data-testid="console-charts">
      <div className="console-charts__head">
        <h2 className="console-charts__title">近12个月</h2>
        <button className="console-charts__more" onClick={onMore}>
          查看全部数据看板 →
        </button>
      </div>
      <div className="console-charts__grid">
        {FIGURES.map((name) => (
          <FigureCard
            key={name}
            name={name}
            scope={scope}
            query={query}
            hint={FIGURE_HINTS[name]}
          />
        ))}
      </div>
    </section>
  );
}
