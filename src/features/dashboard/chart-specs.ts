// How each figure is drawn: which series are bars, which a line on the right-hand axis (a rate or
// a count of people next to nights or hours), and whether bars stack.
import type { DashboardFigureName } from '@/contract/dashboard';

export interface ChartSpec {
  bars: string[];
  /** Drawn as a line against a second axis. */
  lines?: string[];
  stacked?: boolean;
  /** By round, one bar per course/period: lay them out horizontally and keep the busiest. */
  horizontalRounds?: boolean;
}

export const CHART_SPECS: Record<DashboardFigureName, ChartSpec> = {
  served: {
    bars: ['stationYouths', 'childcareHouseholds', 'learners', 'requestResidents'],
    lines: ['total'],
  },
  occupancy: { bars: ['available', 'used'], lines: ['rate'] },
  childcare: { bars: ['seats', 'applicants', 'waiting'], horizontalRounds: true },
  'night-school': { bars: ['perSeat'], horizontalRounds: true },
  volunteer: { bars: ['hours'], lines: ['active'] },
  'no-shows': { bars: ['station', 'nightSchool', 'volunteer'], stacked: true },
};

/** Calm, distinguishable colours (blue, green, amber, violet, rose, slate). */
export const PALETTE = ['#2563eb', '#16a34a', '#d97706', '#7c3aed', '#e11d48', '#475569'];

/** The most rows a horizontal chart shows (the CSV has them all). */
export const MAX_ROUND_BARS = 15;
