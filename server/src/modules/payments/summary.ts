// What a payer sees of the orders behind their seats: paid or not, and what came back. Refunds
// count as 已退款 only once WeChat said SUCCESS; before that they are 退款中.
import type { PaymentSummary } from '@/contract/payments';
import type { Queryable } from '../../db/db';
import type { PayableKind } from './repo';

interface Row {
  payable_id: string;
  status: PaymentSummary['status'];
  amount_fen: number;
  paid_fen: number | null;
  refunded: string | number;
  refunding: string | number;
}

/** The payer's orders of one kind, by payable id. */
export async function paymentsOf(
  db: Queryable,
  kind: PayableKind,
  userId: string,
): Promise<Map<string, PaymentSummary>> {
  const rows = await db.query<Row>(
    `SELECT o.payable_id::text AS payable_id, o.status, o.amount_fen, o.paid_fen,
       coalesce(sum(r.amount_fen) FILTER (WHERE r.status = 'success'), 0) AS refunded,
       coalesce(sum(r.amount_fen) FILTER (WHERE r.status IN ('requested', 'processing')), 0) AS refunding
     FROM payment_orders o LEFT JOIN payment_refunds r ON r.order_id = o.id
     WHERE o.payable_kind = $1 AND o.user_id = $2
     GROUP BY o.id`,
    [kind, userId],
  );
  return new Map(
    rows.map((r) => [
      r.payable_id,
      {
        status: r.status,
        amountFen: r.amount_fen,
        paidFen: r.paid_fen,
        // sums are bigint: strings from pg, numbers from PGlite
        refundedFen: Number(r.refunded),
        refundingFen: Number(r.refunding),
      },
    ]),
  );
}
