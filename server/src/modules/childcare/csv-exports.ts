// Roster and door-log exports for Excel on a site PC: Chinese headers, BOM (lib/csv), masked phones.
// Both lists name children, so each read (on screen or as CSV) is on the audit trail.
import type { AttendanceRecord, Roster } from '@/contract/childcare';
import { formatInstant } from '@/contract/beijing-time';
import { toCsv, type Csv } from '../../lib/csv';

export const rosterRead = (r: Roster) => ({
  action: 'childcare.roster',
  entity: 'cc_class',
  entityId: r.class.id,
  orgId: r.class.siteId,
  rows: r.items.length,
});

export const attendanceRead = (r: {
  class: { id: string; site_id: string };
  items: unknown[];
}) => ({
  action: 'childcare.attendance',
  entity: 'cc_class',
  entityId: r.class.id,
  orgId: r.class.site_id,
  rows: r.items.length,
});

const STATUS_LABEL: Record<string, string> = {
  enrolled: '已报名',
  offered: '补位待确认',
  waitlisted: '候补',
};

export function rosterCsv(r: Roster): Csv {
  return toCsv<Roster['items'][number]>(
    [
      {
        header: '状态',
        value: (x) => (x.awaitingPayment ? '待支付' : (STATUS_LABEL[x.status] ?? x.status)),
      },
      { header: '候补位次', value: (x) => x.position },
      { header: '孩子姓名', value: (x) => x.childName },
      { header: '性别', value: (x) => x.gender },
      { header: '年级', value: (x) => x.grade },
      { header: '学校', value: (x) => x.school },
      { header: '健康情况', value: (x) => x.healthNotes },
      {
        header: '授权接送人',
        value: (x) =>
          x.guardians.map((g) => `${g.name}（${g.relation}，${g.phoneMasked}）`).join('；'),
      },
    ],
    r.items,
  );
}

export function attendanceCsv(items: AttendanceRecord[]): Csv {
  return toCsv<AttendanceRecord>(
    [
      { header: '日期', value: (a) => a.day },
      {
        header: '时间',
        value: (a) => formatInstant(a.recordedAt, 'HH:mm:ss'),
      },
      { header: '类型', value: (a) => (a.kind === 'drop_off' ? '入园' : '接走') },
      { header: '孩子姓名', value: (a) => a.childName },
      { header: '班级', value: (a) => a.className },
      { header: '接送人', value: (a) => a.guardianName },
      { header: '关系', value: (a) => a.guardianRelation },
    ],
    items,
  );
}
