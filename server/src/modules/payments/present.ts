// Rows to the contract's shapes.
import type { PaymentOrder, RefundView } from '@/contract/payments';
import { holdSecondsLeft } from '@/contract/payment-hold';
import type { OrderRow, RefundRow } from './repo';

export function toOrder(o: OrderRow, now: Date): PaymentOrder {
  const holdExpiresAt = new Date(o.hold_expires_at);
  return {
    id: o.id,
    status: o.status,
    description: o.description,
    amountFen: o.amount_fen,
    refundedFen: o.refunded_fen,
    holdExpiresAt: holdExpiresAt.toISOString(),
    secondsLeft: o.status === 'pending' ? holdSecondsLeft(now, holdExpiresAt) : 0,
    serverNow: now.toISOString(),
    flagged: o.flag !== null,
  };
}

export function toRefund(r: RefundRow): RefundView {
  return { id: r.id, amountFen: r.amount_fen, reason: r.reason, status: r.status };
}
