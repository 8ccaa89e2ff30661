// One figure as a chart.js chart. chart.js is imported here only, and this page exists only in
// the H5 build (src/app.config.ts), so it never reaches the weapp packages.
import { useEffect, useRef } from 'react';
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LineController,
  LineElement,
  LinearScale,
  PointElement,
  Tooltip,
  type ChartConfiguration,
} from 'chart.js';
import type { DashboardFigure } from '@/contract/dashboard';
import { CHART_SPECS, MAX_ROUND_BARS, PALETTE } from '../chart-specs';

Chart.register(
  BarController,
  BarElement,
  CategoryScale,
  Legend,
  LineController,
  LineElement,
  LinearScale,
  PointElement,
  Tooltip,
);

/** The chart.js configuration for a figure (exported for the page's test). */
export function chartConfig(f: DashboardFigure): ChartConfiguration {
  const spec = CHART_SPECS[f.figure];
  const horizontal = f.by === 'round' && !!spec.horizontalRounds;
  const index = new Map(f.series.map((s, i) => [s.key, i]));
  let rows = f.rows;
  if (horizontal) {
    // the busiest rounds first, by the first bar series
    const first = index.get(spec.bars[0]) ?? 0;
    rows = [...rows].sort((a, b) => b.values[first] - a.values[first]).slice(0, MAX_ROUND_BARS);
  }
  const dataset = (key: string, n: number, type: 'bar' | 'line') => {
    const s = f.series[index.get(key) ?? 0];
    const colour = PALETTE[n % PALETTE.length];
    return {
      type,
      label: `${s.label}（${s.unit}）`,
      data: rows.map((r) => r.values[index.get(key) ?? 0]),
      backgroundColor: type === 'bar' ? colour : '#ffffff',
      borderColor: colour,
      borderWidth: type === 'line' ? 2 : 0,
      yAxisID: type === 'line' && !horizontal ? 'y2' : undefined,
      order: type === 'line' ? 0 : 1,
    };
  };
  const lines = horizontal ? [] : (spec.lines ?? []);
  const valueAxis = horizontal ? 'x' : 'y';
  return {
    type: 'bar',
    data: {
      labels: rows.map((r) => r.label),
      datasets: [
        ...spec.bars.map((k, i) => dataset(k, i, 'bar')),
        ...lines.map((k, i) => dataset(k, spec.bars.length + i, 'line')),
      ] as ChartConfiguration['data']['datasets'],
    },
    options: {
      indexAxis: horizontal ? 'y' : 'x',
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      plugins: { legend: { position: 'bottom', labels: { boxWidth: 12 } } },
      scales: {
        [valueAxis]: { beginAtZero: true, stacked: !!spec.stacked },
        [horizontal ? 'y' : 'x']: { stacked: !!spec.stacked, ticks: { autoSkip: !horizontal } },
        ...(lines.length
          ? { y2: { position: 'right', beginAtZero: true, grid: { drawOnChartArea: false } } }
          : {}),
      },
    },
  };
}

export function FigureChart({ figure }: { figure: DashboardFigure }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (!canvas.current) return;
    const chart = new Chart(canvas.current, chartConfig(figure));
    return () => chart.destroy();
  }, [figure]);
  return (
    <div className="dash-chart">
      <canvas ref={canvas} aria-label={figure.title} role="img" />
    </div>
  );
}
