// One error shape for every API failure. `code` is stable (clients branch on it);
// `message` is Chinese and fit for a toast.
import { Type, type Static } from '@sinclair/typebox';

export const ERROR_MESSAGES = {
  VALIDATION_FAILED: '提交的内容不符合要求',
  INVALID_JSON: '请求内容不是有效的 JSON',
  UNSUPPORTED_MEDIA_TYPE: '不支持的请求内容类型，请使用 application/json',
  BODY_TOO_LARGE: '请求内容过大',
  BAD_REQUEST: '请求有误',
  NOT_FOUND: '请求的内容不存在',
  METHOD_NOT_ALLOWED: '不支持该请求方式',
  INTERNAL: '服务器开小差了，请稍后再试',
  UNAUTHORIZED: '请先登录',
  SESSION_REVOKED: '登录已失效，请重新登录',
  FORBIDDEN: '没有权限进行此操作',
  RATE_LIMITED: '操作太频繁，请稍后再试',
  WECHAT_CODE_INVALID: '微信登录凭证无效或已过期，请重新登录',
  WECHAT_RATE_LIMITED: '微信登录过于频繁，请稍后再试',
  WECHAT_USER_BLOCKED: '当前微信账号存在风险，暂时无法登录',
  WECHAT_UNAVAILABLE: '微信服务暂时不可用，请稍后再试',
  WECHAT_NOT_CONFIGURED: '微信登录尚未配置，请联系管理员',
  NAME_INVALID: '姓名应为2–20个汉字或字母',
  PHONE_INVALID: '请输入正确的11位手机号',
  WECHAT_PHONE_CODE_INVALID: '手机号授权已过期，请重新点击获取手机号',
  PHONE_NOT_MAINLAND: '仅支持中国大陆手机号，请手动填写',
  // one answer for every refused ID number, bound elsewhere or not: no oracle for who has an account
  ID_NUMBER_INVALID:
    '身份证号未能通过核验，请核对后重试。如确认无误，请携带身份证到社区团委申请人工核验',
  CHILD_EXISTS: '该孩子已添加，无需重复添加',
  CHILD_NOT_FOUND: '未找到该孩子的信息',
  IDEMPOTENCY_KEY_INVALID: 'Idempotency-Key 应为8–64位字母、数字、-或_',
  IDEMPOTENCY_KEY_REUSED: '同一个请求标识不能用于不同的内容',
  SERVICE_UNAVAILABLE: '服务暂时不可用，请稍后再试',
  SERVER_BUSY: '当前报名人数较多，请稍候，系统会自动重试',
} as const;

export type ErrorCode = keyof typeof ERROR_MESSAGES;

export const ApiErrorSchema = Type.Object(
  {
    statusCode: Type.Integer(),
    code: Type.String({ description: 'stable UPPER_SNAKE error code' }),
    error: Type.String({ description: 'HTTP reason phrase' }),
    message: Type.String({ description: 'Chinese message fit for a toast' }),
  },
  { $id: 'ApiError', title: 'ApiError' },
);
export type ApiErrorBody = Static<typeof ApiErrorSchema>;
