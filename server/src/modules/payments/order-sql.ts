// SQL over payment orders for the staff's views (the console's payments, daily totals and
// reconciliation tables, the CSV export) and the privacy export. What an order paid for lives in
// the service that sold it, so each payable kind says here, once, how to reach its offering and
// its seat; every view joins through PAYABLE_JOINS and reads the expressions below.
import type { PayableKind } from './repo';

interface PayableSql {
  /** LEFT JOINs from `po` (payment_orders) to the seat and the offering, matching this kind only. */
  join: string;
  /** The offering's title (course, class). */
  title: string;
  /** A key naming the offering across kinds ("ns_course:12"), for the offering filter. */
  key: string;
  /**
   * The seat's state as reconciliation reads it: 'held' (the payer's, as paid for), 'given_up'
   * (the payer withdrew; the refund rule answered for the money), anything else is a difference.
   */
  seat: string;
}

export const PAYABLES_SQL: Record<PayableKind, PayableSql> = {
  ns_application: {
    join: `LEFT JOIN ns_applications pns ON po.payable_kind = 'ns_application' AND pns.id = po.payable_id
      LEFT JOIN ns_courses kns ON kns.id = pns.course_id`,
    title: 'kns.title',
    key: `('ns_course:' || kns.id::text)`,
    seat: `CASE pns.status WHEN 'confirmed' THEN 'held' WHEN 'withdrawn' THEN 'given_up' ELSE coalesce(pns.status, 'missing') END`,
  },
  // a childcare pay group: the seats one request held (siblings), in one or more classes
  cc_hold: {
    join: `LEFT JOIN LATERAL (SELECT min(e.class_id) AS class_id, count(DISTINCT e.class_id) AS classes,
          count(*) AS seats, bool_or(e.status = 'enrolled') AS held,
          bool_and(e.status IN ('cancelled', 'left', 'declined')) AS given_up
        FROM cc_enrollments e WHERE po.payable_kind = 'cc_hold' AND e.pay_group = po.payable_id) pcc ON true
      LEFT JOIN cc_classes kcc ON kcc.id = pcc.class_id`,
    title: `(kcc.name || CASE WHEN pcc.classes > 1 THEN ' 等' ELSE '' END)`,
    key: `('cc_class:' || kcc.id::text)`,
    seat: `CASE WHEN pcc.seats = 0 THEN 'missing' WHEN pcc.held THEN 'held'
      WHEN pcc.given_up THEN 'given_up' ELSE 'not_held' END`,
  },
};

const kinds = Object.entries(PAYABLES_SQL) as Array<[PayableKind, PayableSql]>;
const byKind = (pick: (p: PayableSql) => string, otherwise: string) =>
  `(CASE po.payable_kind ${kinds.map(([k, p]) => `WHEN '${k}' THEN ${pick(p)}`).join(' ')} ELSE ${otherwise} END)`;

export const PAYABLE_JOINS = kinds.map(([, p]) => p.join).join('\n');
/** The offering's title; the order's own description if its offering is gone. */
export const OFFERING_TITLE = `coalesce(${byKind((p) => p.title, 'NULL')}, po.description)`;
export const OFFERING_KEY = byKind((p) => p.key, 'NULL');
export const SEAT_STATE = byKind((p) => p.seat, `'missing'`);

/**
 * pending / paid / partly_refunded / refunded / closed. Refunds count once asked for and not
 * failed (refunded_fen), as the order's balance does; whether WeChat confirmed them is the
 * reconciliation's business.
 */
export const ORDER_STATE = `(CASE WHEN po.status <> 'paid' THEN po.status
  WHEN po.refunded_fen >= po.paid_fen THEN 'refunded'
  WHEN po.refunded_fen > 0 THEN 'partly_refunded' ELSE 'paid' END)`;

/** maskName() of src/contract/name.ts in SQL: 王小明 → 王*明, 李四 → 李*. */
export const maskedName = (
  col: string,
) => `(CASE WHEN ${col} IS NULL OR char_length(${col}) = 0 THEN ''
  WHEN char_length(${col}) = 1 THEN ${col}
  WHEN char_length(${col}) = 2 THEN left(${col}, 1) || '*'
  ELSE left(${col}, 1) || repeat('*', char_length(${col}) - 2) || right(${col}, 1) END)`;

/** A Beijing calendar day of an instant column, as a date. */
export const beijingDay = (col: string) => `(${col} AT TIME ZONE 'Asia/Shanghai')::date`;
