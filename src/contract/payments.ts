// Payments contract: a seat's order and its WeChat Pay parameters, refunds. The server validates
// and serializes with these schemas; the client imports only the types (import type).
import { Type, type Static } from '@sinclair/typebox';

const Id = Type.String({ pattern: '^[0-9]{1,18}$' });
const Instant = Type.String({ format: 'date-time' });

/** Stable codes and Chinese toasts of payments. */
export const PAYMENT_ERRORS = {
  PAYMENTS_NOT_CONFIGURED: '微信支付尚未配置，暂不能开设或支付收费项目，请联系管理员',
  PAYMENT_NOT_REQUIRED: '该项目免费，无需支付',
  PAYMENT_REQUIRED: '该课程需缴费，请点击「去支付」完成支付后即报名成功',
  HOLD_EXPIRED: '支付时限已过，名额已释放',
  NOTHING_TO_PAY: '当前没有待支付的名额',
  PAYMENT_UNAVAILABLE: '微信支付暂时不可用，请稍后再试',
  PAYMENT_NOTIFY_INVALID: '支付通知验签失败',
  ORDER_NOT_FOUND: '未找到该支付订单',
  ORDER_NOT_PAID: '该订单未支付，无法退款',
  REFUND_TOO_LARGE: '退款金额超过可退金额',
} as const;
export type PaymentErrorCode = keyof typeof PAYMENT_ERRORS;

export const PaymentOrderSchema = Type.Object({
  id: Type.String(),
  /** pending: 待支付; paid: 已支付; closed: 超时未支付 */
  status: Type.Union([Type.Literal('pending'), Type.Literal('paid'), Type.Literal('closed')]),
  description: Type.String(),
  amountFen: Type.Integer(),
  refundedFen: Type.Integer(),
  /** The end of the 待支付 hold, by the server clock. */
  holdExpiresAt: Instant,
  /** Seconds left on the hold at serverNow: the phone counts down from this, not from its clock. */
  secondsLeft: Type.Integer(),
  serverNow: Instant,
  /** A paid order a person must look at (wrong amount, or no seat left to give). */
  flagged: Type.Boolean(),
});
export type PaymentOrder = Static<typeof PaymentOrderSchema>;

/** What Taro.requestPayment takes, signed by the server. */
export const RequestPaymentSchema = Type.Object({
  timeStamp: Type.String(),
  nonceStr: Type.String(),
  package: Type.String(),
  signType: Type.Literal('RSA'),
  paySign: Type.String(),
});

export const PaymentStartSchema = Type.Object({
  order: PaymentOrderSchema,
  /** null once the order is paid. */
  requestPayment: Type.Union([RequestPaymentSchema, Type.Null()]),
  /**
   * Only when the server pays against the local fake WeChat Pay (development and test): the script
   * of its 模拟支付 sheet, which the H5 build opens in place of WeChat's (docs/wechat.md).
   */
  demoCashierUrl: Type.Optional(Type.String()),
});
export type PaymentStart = Static<typeof PaymentStartSchema>;

/** A seat's order as its payer sees it (我的夜校). */
export const PaymentSummarySchema = Type.Object({
  status: Type.Union([Type.Literal('pending'), Type.Literal('paid'), Type.Literal('closed')]),
  amountFen: Type.Integer(),
  paidFen: Type.Union([Type.Integer(), Type.Null()]),
  /** Refunds WeChat has completed (已退款). */
  refundedFen: Type.Integer(),
  /** Refunds asked for and not yet completed (退款中). */
  refundingFen: Type.Integer(),
});
export type PaymentSummary = Static<typeof PaymentSummarySchema>;

export const OrderParamsSchema = Type.Object({ id: Id });

export const StaffRefundBodySchema = Type.Object(
  {
    amountFen: Type.Integer({ minimum: 1, maximum: 100_000_000 }),
    reason: Type.String({ minLength: 2, maxLength: 80 }),
  },
  { additionalProperties: false },
);
export type StaffRefundBody = Static<typeof StaffRefundBodySchema>;

export const RefundSchema = Type.Object({
  id: Type.String(),
  amountFen: Type.Integer(),
  reason: Type.String(),
  /** requested: 待提交; processing: 退款中; success: 已退款; closed/abnormal: 退款失败 */
  status: Type.String(),
});
export type RefundView = Static<typeof RefundSchema>;
