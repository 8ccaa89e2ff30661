// How an application's status reads to a resident.
import type { ApplicationStatus, MyApplication } from '@/contract/night-school';

export const STATUS_TEXT: Record<ApplicationStatus, string> = {
  applied: '已报名，等待摇号',
  waitlisted: '候补中',
  offered: '已中签，待确认',
  confirmed: '已录取',
  skipped: '未录取',
  declined: '已放弃',
  expired: '逾期未确认',
  withdrawn: '已撤回',
};

export const STATUS_TONE: Record<ApplicationStatus, 'good' | 'wait' | 'off'> = {
  applied: 'wait',
  waitlisted: 'wait',
  offered: 'good',
  confirmed: 'good',
  skipped: 'off',
  declined: 'off',
  expired: 'off',
  withdrawn: 'off',
};

/**
 * A paid course reads in terms of money: an offer is 待支付, a paid seat 已报名, a lapsed hold
 * 逾期未支付, a paid seat given up 已取消 (its refund is shown beside it).
 */
export function statusText({ application: a, course, payment }: MyApplication): string {
  if (course.feeFen > 0) {
    if (a.status === 'offered') return '待支付';
    if (a.status === 'expired') return '逾期未支付';
    if (a.status === 'confirmed' && payment?.status === 'paid') return '已报名';
    if (a.status === 'withdrawn' && payment?.status === 'paid') return '已取消';
  }
  return STATUS_TEXT[a.status];
}
