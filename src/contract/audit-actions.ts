// Chinese names of audited actions, for the audit-log page (TypeBox-free: the client imports it).
// An action missing here is shown by its code.
export const AUDIT_ACTION_LABELS: Record<string, string> = {
  'org.member.add': '授权工作人员',
  'org.member.remove': '取消工作人员授权',
  'user.role': '修改用户角色',
};

export const ROLE_LABELS: Record<string, string> = { resident: '青年', organizer: '组织者', admin: '管理员' };
