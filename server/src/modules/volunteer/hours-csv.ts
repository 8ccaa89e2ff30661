// Columns of the hours exports (per project for organizers, per volunteer for "我的志愿").
import { HOURS_KIND_LABELS } from '@/contract/volunteer-rules';
import { formatInstant } from '@/contract/beijing-time';
import type { CsvColumn } from '../../lib/csv';
import type { LedgerRow } from './repo';

/** A project's hours name its volunteers: the organizer's export is on the audit trail. */
export const projectHoursRead = (project: { id: string; org_id: string }, rows: LedgerRow[]) => ({
  action: 'volunteer.hours',
  entity: 'volunteer_project',
  entityId: project.id,
  orgId: project.org_id,
  rows: rows.length,
});

const shanghai = (d: Date | string | null) =>
  d === null ? '' : formatInstant(d, 'YYYY-MM-DD HH:mm:ss');

export const hoursCsvColumns: CsvColumn<LedgerRow>[] = [
  { header: '志愿者', value: (r) => r.user_name ?? '（未实名）' },
  { header: '项目/需求', value: (r) => r.title },
  { header: '班次开始', value: (r) => shanghai(r.starts_at) },
  { header: '类型', value: (r) => HOURS_KIND_LABELS[r.kind] },
  // a number, not text: Excel sums it, and a negative correction is not taken for a formula
  { header: '时长（小时）', value: (r) => Number(r.hours) },
  { header: '实际分钟', value: (r) => r.minutes },
  { header: '原因', value: (r) => r.reason },
  { header: '记录时间', value: (r) => shanghai(r.created_at) },
];
