// Chinese names of audited actions, for the audit-log page (TypeBox-free: the client imports it).
// An action missing here is shown by its code.
export const AUDIT_ACTION_LABELS: Record<string, string> = {
  'org.member.add': '授权工作人员',
  'org.member.remove': '取消工作人员授权',
  'user.role': '修改用户角色',
  'childcare.programme.create': '新建托班项目',
  'childcare.period.create': '新建托班期次',
  'childcare.class.create': '新建托班班级',
  'childcare.class.update': '调整托班班级',
  'childcare.notice.post': '发布托班通知',
  'childcare.attendance.drop_off': '登记入园',
  'childcare.attendance.pick_up': '登记接走',
  'station.settings.update': '修改驿站规则',
  'station.booking.approve': '通过驿站预约',
  'station.booking.reject': '驳回驿站预约',
  'station.booking.check_in': '办理入住',
  'station.booking.check_out': '办理退房',
  'station.update': '修改驿站信息',
  'station.room_type.create': '新增房型',
  'station.room_type.update': '调整房型床位',
  'station.night.close': '关闭某晚床位',
  'station.night.open': '重新开放某晚床位',
  'night_school.term.create': '新建夜校学期',
  'night_school.course.create': '新建夜校课程',
  'night_school.course.update': '调整夜校课程',
  'night_school.draw': '夜校摇号开奖',
  'night_school.appeal.decide': '处理缺勤申诉',
  'night_school.attendance.manual': '手工登记考勤',
};

export const ROLE_LABELS: Record<string, string> = { resident: '青年', organizer: '组织者', admin: '管理员' };
