// The ranges offered on the page, counted back from the current Beijing month.
import { beijingToday } from '@/contract/beijing-time';

export interface RangePreset {
  key: string;
  label: string;
  from: string;
  to: string;
}

const shift = (month: string, by: number) => {
  const i = Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1 + by;
  return `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
};

export function rangePresets(now: Date): RangePreset[] {
  const current = beijingToday(now).slice(0, 7);
  const year = Number(current.slice(0, 4));
  return [
    { key: '12m', label: '近12个月', from: shift(current, -11), to: current },
    { key: '24m', label: '近24个月', from: shift(current, -23), to: current },
    { key: 'this-year', label: `${year}年`, from: `${year}-01`, to: current },
    { key: 'last-year', label: `${year - 1}年`, from: `${year - 1}-01`, to: `${year - 1}-12` },
  ];
}
