// Money as the console shows it: fen from the server, yuan with thousands separators for staff.
import type { ConsoleCell } from '@/contract/console';

/** 250000 → ¥2,500.00; nothing yet → —. */
export const yuan = (v: ConsoleCell): string =>
  typeof v === 'number'
    ? `¥${(v / 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`
    : '—';
