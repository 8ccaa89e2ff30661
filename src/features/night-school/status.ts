// How an application's status reads to a resident.
import type { ApplicationStatus } from '@/contract/night-school';

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
