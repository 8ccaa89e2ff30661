// The console's payment tables, declared like every other table (tables.ts) and read by the same
// builder: the orders, the daily totals per site, and the reconciliation of our records with
// WeChat's. An order belongs to the organization that sold it (payment_orders.org_id), which is an
// organizer's scope. The payer is shown masked: staff reconcile money, they do not need the name.
import { Type } from '@sinclair/typebox';
import { IdSchema } from '@/contract/console';
import { PAYMENT_STATES, RECONCILE_KINDS } from '@/contract/payments-console';
import {
  beijingDay,
  maskedName,
  OFFERING_KEY,
  OFFERING_TITLE,
  ORDER_STATE,
  PAYABLE_JOINS,
  SEAT_STATE,
} from '../payments/order-sql';
import type { TableDef } from './tables';

const bj = (col: string) => `to_char(${col} AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI')`;
const enumOf = (values: readonly string[]) => Type.Union(values.map((v) => Type.Literal(v)));
const Day = Type.String({ format: 'date' });
const orgFilter = (sql: string) => ({ schema: IdSchema, sql: `${sql} = ?::bigint` });

/**
 * How long a difference may be the job's to fix before it is a person's: the reconcile job runs
 * every minute, so a lapsed hold still open, or a refund not confirmed, after this long means its
 * passes did not settle it (WeChat unreachable, a refund stuck at the bank).
 */
export const RECONCILE_GRACE = `interval '10 minutes'`;

const ORDERS_FROM = `payment_orders po
      JOIN users u ON u.id = po.user_id
      JOIN organizations o ON o.id = po.org_id
      ${PAYABLE_JOINS}`;

export const PAYMENT_TABLES = {
  payments: {
    summary: '收费订单（分页、排序、搜索、按状态/点位/项目/日期筛选）',
    who: 'staff',
    from: ORDERS_FROM,
    org: 'po.org_id',
    id: 'po.id',
    columns: {
      id: { sql: 'po.id::text', by: 'po.id', sort: true },
      createdAt: { sql: bj('po.created_at'), by: 'po.created_at', sort: true },
      payer: { sql: maskedName('u.name') },
      phone: { sql: `coalesce(u.phone_masked, '')` },
      offering: { sql: OFFERING_TITLE, sort: true },
      site: { sql: 'o.name', sort: true },
      amountFen: { sql: 'po.amount_fen', sort: true },
      paidFen: { sql: 'po.paid_fen', sort: true },
      refundedFen: { sql: 'po.refunded_fen', sort: true },
      // where the latest refund stands at WeChat (退款中, 已退款, 退款异常): the 已退 amount counts
      // a refund once asked for, staff also need to see whether the money has reached the payer
      refundStatus: {
        sql: `(SELECT r.status FROM payment_refunds r WHERE r.order_id = po.id ORDER BY r.id DESC LIMIT 1)`,
      },
      status: { sql: ORDER_STATE, sort: true },
      flag: { sql: 'po.flag' },
      paidAt: { sql: bj('po.paid_at'), by: 'po.paid_at', sort: true },
      outTradeNo: { sql: 'po.out_trade_no' },
    },
    // a WeChat bill line names the out_trade_no and the transaction id: both find the order
    search: [OFFERING_TITLE, 'po.out_trade_no', `coalesce(po.transaction_id, '')`],
    filters: {
      // a flagged order is also paid or refunded: 'flagged' picks it whatever its money says
      status: {
        schema: enumOf(PAYMENT_STATES),
        sql: `?::text IN (${ORDER_STATE}, CASE WHEN po.flag IS NOT NULL THEN 'flagged' END)`,
      },
      orgId: orgFilter('po.org_id'),
      offering: {
        schema: Type.String({ pattern: '^[a-z_]{2,20}:[0-9]{1,18}$' }),
        sql: `${OFFERING_KEY} = ?`,
      },
      from: { schema: Day, sql: `${beijingDay('po.created_at')} >= ?::date` },
      to: { schema: Day, sql: `${beijingDay('po.created_at')} <= ?::date` },
    },
    defaultSort: '-createdAt',
    roster: { action: 'payments.orders', entity: 'payment_order' },
  },
  'payments-daily': {
    summary: '每日收费合计（按点位、北京时间自然日：实收、退款、净额、笔数）',
    who: 'staff',
    // money in on the Beijing day WeChat took it, money out on the day WeChat confirmed the refund
    from: `(SELECT m.org_id, m.day, sum(m.paid)::int AS paid_fen, sum(m.paid_n)::int AS paid_count,
              sum(m.refunded)::int AS refunded_fen, sum(m.refund_n)::int AS refund_count
            FROM (
              SELECT po.org_id, ${beijingDay('po.paid_at')} AS day, po.paid_fen AS paid, 1 AS paid_n,
                     0 AS refunded, 0 AS refund_n
                FROM payment_orders po WHERE po.status = 'paid'
              UNION ALL
              SELECT po.org_id, ${beijingDay('r.settled_at')}, 0, 0, r.amount_fen, 1
                FROM payment_refunds r JOIN payment_orders po ON po.id = r.order_id
               WHERE r.status = 'success'
            ) m GROUP BY m.org_id, m.day) d
      JOIN organizations o ON o.id = d.org_id`,
    org: 'd.org_id',
    id: `(d.org_id::text || '/' || to_char(d.day, 'YYYY-MM-DD'))`,
    columns: {
      id: { sql: `(d.org_id::text || '/' || to_char(d.day, 'YYYY-MM-DD'))` },
      day: { sql: `to_char(d.day, 'YYYY-MM-DD')`, by: 'd.day', sort: true },
      site: { sql: 'o.name', sort: true },
      paidFen: { sql: 'd.paid_fen', sort: true },
      paidCount: { sql: 'd.paid_count', sort: true },
      refundedFen: { sql: 'd.refunded_fen', sort: true },
      refundCount: { sql: 'd.refund_count', sort: true },
      netFen: { sql: '(d.paid_fen - d.refunded_fen)', sort: true },
    },
    search: ['o.name'],
    filters: {
      orgId: orgFilter('d.org_id'),
      from: { schema: Day, sql: 'd.day >= ?::date' },
      to: { schema: Day, sql: 'd.day <= ?::date' },
    },
    defaultSort: '-day',
  },
  'payments-reconciliation': {
    summary: '对账：我方记录与微信支付不一致的订单',
    who: 'staff',
    // one row per difference; {now} is the server clock (list.ts binds it)
    from: `(SELECT 'o' || po.id::text AS rid, po.flag AS kind, po.id AS order_id, po.paid_at AS since,
                   NULL::integer AS refund_fen
              FROM payment_orders po
             WHERE po.status = 'paid' AND po.flag IS NOT NULL
               AND (po.refunded_fen < po.paid_fen OR EXISTS (SELECT 1 FROM payment_refunds r
                      WHERE r.order_id = po.id AND r.status IN ('requested', 'processing')))
            UNION ALL
            SELECT 's' || po.id::text, 'seat_not_held', po.id, po.paid_at, NULL
              FROM payment_orders po ${PAYABLE_JOINS}
             WHERE po.status = 'paid' AND po.flag IS NULL AND ${SEAT_STATE} NOT IN ('held', 'given_up')
            UNION ALL
            SELECT 'h' || po.id::text, 'hold_not_closed', po.id, po.hold_expires_at, NULL
              FROM payment_orders po
             WHERE po.status = 'pending' AND po.hold_expires_at <= {now} - ${RECONCILE_GRACE}
            UNION ALL
            SELECT 'r' || r.id::text,
                   CASE r.status WHEN 'requested' THEN 'refund_not_sent'
                     WHEN 'processing' THEN 'refund_unconfirmed' ELSE 'refund_failed' END,
                   r.order_id, r.created_at, r.amount_fen
              FROM payment_refunds r
             WHERE (r.status IN ('requested', 'processing') AND r.created_at <= {now} - ${RECONCILE_GRACE})
                -- a refund WeChat closed or could not pay, until a later refund of the order replaces it
                OR (r.status IN ('closed', 'abnormal') AND NOT EXISTS (SELECT 1 FROM payment_refunds n
                      WHERE n.order_id = r.order_id AND n.id > r.id AND n.status NOT IN ('closed', 'abnormal')))
          ) d
      JOIN payment_orders po ON po.id = d.order_id
      JOIN users u ON u.id = po.user_id
      JOIN organizations o ON o.id = po.org_id
      ${PAYABLE_JOINS}`,
    org: 'po.org_id',
    id: 'd.rid',
    columns: {
      id: { sql: 'd.rid' },
      kind: { sql: 'd.kind', sort: true },
      orderId: { sql: 'po.id::text', by: 'po.id', sort: true },
      since: { sql: bj('d.since'), by: 'd.since', sort: true },
      payer: { sql: maskedName('u.name') },
      offering: { sql: OFFERING_TITLE, sort: true },
      site: { sql: 'o.name', sort: true },
      amountFen: { sql: 'po.amount_fen' },
      paidFen: { sql: 'po.paid_fen' },
      refundedFen: { sql: 'po.refunded_fen' },
      refundFen: { sql: 'd.refund_fen' },
      status: { sql: ORDER_STATE },
      seat: { sql: SEAT_STATE },
      outTradeNo: { sql: 'po.out_trade_no' },
    },
    search: [OFFERING_TITLE, 'po.out_trade_no'],
    filters: {
      kind: { schema: enumOf(RECONCILE_KINDS), sql: 'd.kind = ?' },
      orgId: orgFilter('po.org_id'),
    },
    defaultSort: 'since',
    roster: { action: 'payments.reconciliation', entity: 'payment_order' },
  },
} satisfies Record<string, TableDef>;
