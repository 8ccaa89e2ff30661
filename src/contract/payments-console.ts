// The console's payments: the states an order is filtered by, the kinds of difference the
// reconciliation finds, and staff's 向微信查询 of one order. Labels live here so the table, the CSV
// and the tests say the same thing.
import { Type, type Static } from '@sinclair/typebox';
import { PaymentOrderSchema, RefundSchema } from './payments';

/** An order's state for staff; 'flagged' cuts across (a flagged order is also paid or refunded). */
export const PAYMENT_STATE_LABELS = {
  pending: '待支付',
  paid: '已支付',
  partly_refunded: '部分退款',
  refunded: '已退款',
  // the hold lapsed unpaid and WeChat closed the order
  closed: '已关闭',
  flagged: '异常',
} as const;
export type PaymentState = keyof typeof PAYMENT_STATE_LABELS;
export const PAYMENT_STATES = Object.keys(PAYMENT_STATE_LABELS) as PaymentState[];

export const PAYMENT_FLAG_LABELS: Record<string, string> = {
  amount_mismatch: '金额不符',
  paid_after_release: '释放后到账',
};

/** A refund's state at WeChat, as staff read it (the payments table, 向微信查询's answer). */
export const REFUND_STATUS_LABELS: Record<string, string> = {
  requested: '待提交',
  processing: '退款中',
  success: '已退款',
  closed: '退款关闭',
  abnormal: '退款异常',
};

/** Where WeChat's word and our records differ, one kind per row of the reconciliation. */
export const RECONCILE_KIND_LABELS = {
  amount_mismatch: '实收金额不符',
  paid_after_release: '释放后到账',
  seat_not_held: '已付款名额未确认',
  hold_not_closed: '超时订单未关闭',
  refund_not_sent: '退款未提交',
  refund_unconfirmed: '退款待确认',
  refund_failed: '退款失败',
} as const;
export type ReconcileKind = keyof typeof RECONCILE_KIND_LABELS;
export const RECONCILE_KINDS = Object.keys(RECONCILE_KIND_LABELS) as ReconcileKind[];

/** An offering that has orders in the caller's scope: the offering filter's options. */
export const PaymentOfferingSchema = Type.Object({ value: Type.String(), label: Type.String() });
export const PaymentOfferingListSchema = Type.Object({ items: Type.Array(PaymentOfferingSchema) });
export type PaymentOfferingList = Static<typeof PaymentOfferingListSchema>;

/** 向微信查询: what WeChat says of the order now, and the order and its refunds after applying it. */
export const PaymentQueryResultSchema = Type.Object({
  /** WeChat's trade_state (SUCCESS, NOTPAY, CLOSED, REFUND…); null: WeChat has no such order. */
  tradeState: Type.Union([Type.String(), Type.Null()]),
  /** What WeChat says the payer paid, in fen (null until paid). */
  wechatPaidFen: Type.Union([Type.Integer(), Type.Null()]),
  order: PaymentOrderSchema,
  refunds: Type.Array(RefundSchema),
});
export type PaymentQueryResult = Static<typeof PaymentQueryResultSchema>;
