// The kinds of messages the services send (TypeBox-free: the client imports it).
// Each kind maps to one WeChat subscribe-message template, configured in WECHAT_SUBSCRIBE_TEMPLATES.
export const MESSAGE_KINDS = [
  'lottery_result',
  'offer',
  'waitlist',
  'booking',
  'checkin_reminder',
  'shift_reminder',
  'session_reminder',
  'request_update',
  'hours_confirmed',
  'course_change',
  'child_guardian',
  'fee_reduction',
  'excellent_learner',
  'team_membership',
] as const;

export type MessageKind = (typeof MESSAGE_KINDS)[number];

export const MESSAGE_KIND_LABELS: Record<MessageKind, string> = {
  lottery_result: '摇号结果',
  offer: '名额待确认',
  waitlist: '候补递补',
  booking: '预约审核',
  checkin_reminder: '入住提醒',
  shift_reminder: '活动提醒',
  session_reminder: '上课提醒',
  request_update: '点单进度',
  hours_confirmed: '时长确认',
  course_change: '课程变更',
  child_guardian: '孩子监护人',
  fee_reduction: '费用减免',
  excellent_learner: '优秀学员',
  team_membership: '入队审核',
};
