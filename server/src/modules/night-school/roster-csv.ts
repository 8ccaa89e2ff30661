// The roster as a CSV for Excel (BOM, Chinese headers). Phones stay masked, as everywhere.
// It names people, so each read (on screen or as CSV) is on the audit trail.
import type { Roster } from '@/contract/night-school';
import { toCsv, type Csv } from '../../lib/csv';

const STATUS_LABEL: Record<string, string> = {
  applied: '已报名待摇号',
  waitlisted: '候补',
  offered: '待确认',
  confirmed: '已确认',
  skipped: '已跳过',
  declined: '已放弃',
  expired: '逾期未确认',
  withdrawn: '已撤回',
};

type Entry = Roster['items'][number];

export const rosterRead = (roster: Roster) => ({
  action: 'night_school.roster',
  entity: 'ns_course',
  entityId: roster.course.id,
  rows: roster.items.length,
});

export function rosterCsv(roster: Roster): Csv {
  return toCsv<Entry>(
    [
      { header: '序号', value: (r) => roster.items.indexOf(r) + 1 },
      { header: '姓名', value: (r) => r.name ?? '（未填写）' },
      { header: '手机号', value: (r) => r.phoneMasked },
      { header: '状态', value: (r) => STATUS_LABEL[r.status] ?? r.status },
      { header: '候补位次', value: (r) => r.waitPosition },
      { header: '说明', value: (r) => r.reason },
      { header: '出勤次数', value: (r) => r.presentCount },
      { header: '缺勤次数', value: (r) => r.absentCount },
    ],
    roster.items,
  );
}
