// What residents and staff call the fields they fill in, so a refused form names 「名额」, not
// `capacity` (TypeBox-free: the server's validation messages use it). A field missing here is shown
// by its API name, which is still better than no name; add it when a form gains one.
export const FIELD_LABELS: Record<string, string> = {
  // people and accounts
  name: '名称', openid: '账号', role: '角色', phone: '手机号', idNumber: '身份证号', gender: '性别', birthDate: '出生日期',
  school: '学校', grade: '年级', healthNotes: '健康情况', relation: '与孩子关系', contactName: '联系人', contactPhone: '联系电话',
  guardianId: '接送人', childId: '孩子', childIds: '孩子', code: '签到码', reason: '原因', comment: '评价内容', rating: '评分',
  kinds: '消息类型', decision: '处理结果', note: '备注', proofNote: '证明说明',
  // places and time
  title: '名称', category: '类别', teacher: '授课老师', description: '介绍', venueName: '上课地点', venueAddress: '地址',
  district: '区', address: '地址', place: '地点', lat: '纬度', lng: '经度', radiusM: '签到范围', weekday: '星期',
  startTime: '开始时间', endTime: '结束时间', startDate: '开始日期', startsAt: '开始时间', endsAt: '结束时间',
  startsOn: '开始日期', endsOn: '结束日期', date: '日期', checkIn: '入住日期', checkOut: '离店日期', nights: '晚数',
  opensAt: '开始时间', closesAt: '截止时间', prefillOpensAt: '预填开始时间', registrationOpensAt: '报名开始时间',
  registrationClosesAt: '报名截止时间', wantedAt: '期望时间',
  // numbers and settings
  capacity: '名额', sessions: '课次', needed: '需要人数', count: '数量', beds: '床位数', feeFen: '费用',
  gradeMin: '最低年级', gradeMax: '最高年级', minAge: '最小年龄', maxAge: '最大年龄', confirmHours: '确认时限',
  offerHours: '确认时限', noShowLimit: '缺勤上限', maxApplicationsPerPerson: '每人最多报名', maxCoursesPerPerson: '每人最多获得名额',
  maxNightsPerStay: '每次最多入住晚数', allocation: '分配方式', season: '季节', seq: '序号', skills: '技能',
  cancelCutoffMin: '可取消截止', checkinOpenBeforeMin: '提前签到时间', checkoutCloseAfterMin: '签退截止', hours: '时长',
  status: '状态', limit: '条数', q: '搜索词', termId: '学期', courseId: '课程', classId: '班级', periodId: '期次',
  siteId: '办班点', stationId: '驿站', roomTypeId: '房型', shiftId: '班次', taskId: '任务', teamId: '队伍', orgId: '组织',
  orgIds: '组织', projectId: '项目', seed: '摇号种子', seedHash: '种子哈希', nonce: '随机码', scannedAt: '扫码时间',
};

/** 「名额」 for `capacity`; the last named segment of a nested path (`guardians/0/phone` → 手机号). */
export function fieldLabel(path: string): string {
  const last = path.split(/[./]/).filter((p) => p && !/^\d+$/.test(p)).pop() ?? path;
  return FIELD_LABELS[last] ?? last;
}
