// The console's payment tables (收费): the orders, the daily totals per site and the
// reconciliation with WeChat Pay. Configuration for the one table component, like tables.ts.
import type { ConsoleCell, ConsoleRow } from '@/contract/console';
import {
  PAYMENT_FLAG_LABELS,
  PAYMENT_STATE_LABELS,
  RECONCILE_KIND_LABELS,
  REFUND_STATUS_LABELS,
} from '@/contract/payments-console';
import type { PaymentQueryResult } from '@/contract/payments-console';
import type { TableSpec } from './tables';
import { yuan } from './money';
import { RefundDialog, refundableFen } from './components/refund-dialog';

/** The price, and what WeChat took only where it differs. */
const amountWithPaid = (v: ConsoleCell, r: ConsoleRow): string =>
  r.paidFen != null && r.paidFen !== v ? `${yuan(v)}（实付 ${yuan(r.paidFen)}）` : yuan(v);
const label =
  (labels: Record<string, string>) =>
  (v: ConsoleCell): string =>
    v == null ? '—' : (labels[String(v)] ?? String(v));
const options = (labels: Record<string, string>) =>
  Object.entries(labels).map(([value, l]) => ({ value, label: l }));
const SEAT: Record<string, string> = {
  held: '已确认',
  given_up: '本人已退出',
  missing: '未找到',
  not_held: '未确认',
  offered: '待确认',
  expired: '已过期',
};

const TRADE_STATE: Record<string, string> = {
  SUCCESS: '支付成功',
  REFUND: '已转入退款',
  NOTPAY: '未支付',
  CLOSED: '已关闭',
  REVOKED: '已撤销',
  USERPAYING: '用户支付中',
  PAYERROR: '支付失败',
};

/** 向微信查询's answer: what WeChat says, and where our order stands after applying it. */
function describeQuery(result: unknown): string {
  const r = result as PaymentQueryResult;
  const wechat = r.tradeState ? (TRADE_STATE[r.tradeState] ?? r.tradeState) : '无此订单';
  const order = r.order.flagged
    ? '异常待处理'
    : r.order.status === 'paid'
      ? r.order.refundedFen > 0
        ? `已支付，已退 ${yuan(r.order.refundedFen)}`
        : '已支付'
      : PAYMENT_STATE_LABELS[r.order.status];
  const refunds = r.refunds.length
    ? `；退款：${r.refunds.map((x) => `${yuan(x.amountFen)} ${REFUND_STATUS_LABELS[x.status] ?? x.status}`).join('、')}`
    : '';
  return `订单 #${r.order.id}：微信显示「${wechat}」，我方记录为「${order}」${refunds}`;
}

/** The table's filters as the export's query string: the CSV is what the screen shows. */
const exportPath = (f: Record<string, string>) => {
  const qs = new URLSearchParams(Object.entries(f).filter(([, v]) => v)).toString();
  return `/api/v1/console/payments.csv${qs ? `?${qs}` : ''}`;
};

export const PAYMENT_TABLES: Record<string, TableSpec> = {
  payments: {
    table: 'payments',
    title: '收费订单',
    searchPlaceholder: '搜索项目、商户订单号、微信支付单号',
    columns: [
      { key: 'id', title: '订单', sortable: true, width: 56 },
      { key: 'createdAt', title: '下单时间', sortable: true, width: 100 },
      { key: 'payer', title: '付款人', width: 72, nowrap: true },
      { key: 'offering', title: '项目', sortable: true, width: 170 },
      { key: 'site', title: '点位', sortable: true, width: 190 },
      // may wrap before （实付 …）: with 退款 and 操作 on a 1,280 px screen, one line of it would
      // squeeze the offering and the site into four
      { key: 'amountFen', title: '金额', sortable: true, width: 96, format: amountWithPaid },
      { key: 'refundedFen', title: '已退', sortable: true, width: 90, nowrap: true, format: yuan },
      {
        key: 'refundStatus',
        title: '退款',
        width: 72,
        nowrap: true,
        format: (v) => (v ? (REFUND_STATUS_LABELS[String(v)] ?? String(v)) : ''),
        tone: (r) =>
          r.refundStatus === 'success'
            ? 'ok'
            : r.refundStatus === 'closed' || r.refundStatus === 'abnormal'
              ? 'danger'
              : r.refundStatus
                ? 'warn'
                : null,
      },
      {
        key: 'status',
        title: '状态',
        sortable: true,
        width: 80,
        nowrap: true,
        format: label(PAYMENT_STATE_LABELS),
        tone: (r) =>
          r.flag ? 'danger' : r.status === 'pending' ? 'warn' : r.status === 'paid' ? 'ok' : null,
      },
      {
        key: 'flag',
        title: '异常',
        width: 90,
        nowrap: true,
        format: (v) => (v ? (PAYMENT_FLAG_LABELS[String(v)] ?? String(v)) : ''),
        tone: (r) => (r.flag ? 'danger' : null),
      },
      { key: 'paidAt', title: '支付时间', sortable: true, width: 100 },
    ],
    filters: [
      { key: 'status', title: '状态', options: options(PAYMENT_STATE_LABELS) },
      { key: 'orgId', title: '点位', orgKind: ['committee', 'site'] },
      { key: 'offering', title: '项目', optionsPath: '/api/v1/console/payments/offerings' },
      { key: 'from', title: '从', date: true },
      { key: 'to', title: '至', date: true },
    ],
    export: { label: '导出 CSV', filename: '收费订单.csv', path: exportPath },
    rowDialog: {
      label: '退款',
      // WeChat took money and not all of it is refunded or asked to be (a flagged order too)
      when: (r) => (r.status === 'paid' || r.status === 'partly_refunded') && refundableFen(r) > 0,
      Dialog: RefundDialog,
    },
    hint: '日期按北京时间的下单日筛选；付款人姓名已脱敏（导出的 CSV 含脱敏手机号）；已关闭为支付时限内未付款、已在微信关闭的订单。',
  },
  'payments-daily': {
    table: 'payments-daily',
    title: '每日合计',
    searchPlaceholder: '搜索点位',
    defaultSort: '-day',
    columns: [
      { key: 'day', title: '日期（北京时间）', sortable: true, width: 140 },
      { key: 'site', title: '点位', sortable: true, width: 260 },
      { key: 'paidFen', title: '实收', sortable: true, width: 110, nowrap: true, format: yuan },
      { key: 'paidCount', title: '收款笔数', sortable: true, width: 90 },
      { key: 'refundedFen', title: '退款', sortable: true, width: 110, format: yuan },
      { key: 'refundCount', title: '退款笔数', sortable: true, width: 90 },
      {
        key: 'netFen',
        title: '净额',
        sortable: true,
        width: 120,
        format: yuan,
        tone: (r) => (Number(r.netFen) < 0 ? 'danger' : 'strong'),
      },
    ],
    filters: [
      { key: 'orgId', title: '点位', orgKind: ['committee', 'site'] },
      { key: 'from', title: '从', date: true },
      { key: 'to', title: '至', date: true },
    ],
    hint: '实收按微信支付成功的北京日期计，退款按微信确认退款成功的日期计；处理中的退款不计入。',
  },
  'payments-reconciliation': {
    table: 'payments-reconciliation',
    title: '对账',
    searchPlaceholder: '搜索项目、商户订单号',
    defaultSort: 'since',
    columns: [
      { key: 'orderId', title: '订单', sortable: true, width: 64 },
      {
        key: 'kind',
        title: '差异',
        sortable: true,
        width: 120,
        nowrap: true,
        format: label(RECONCILE_KIND_LABELS),
        tone: () => 'danger',
      },
      { key: 'since', title: '发生时间', sortable: true, width: 140 },
      { key: 'payer', title: '付款人', width: 72, nowrap: true },
      { key: 'offering', title: '项目', sortable: true, width: 160 },
      { key: 'site', title: '点位', sortable: true, width: 160 },
      { key: 'amountFen', title: '金额', width: 96, format: amountWithPaid },
      { key: 'refundFen', title: '本笔退款', width: 90, nowrap: true, format: yuan },
      { key: 'seat', title: '名额', width: 90, nowrap: true, format: label(SEAT) },
    ],
    filters: [
      { key: 'kind', title: '差异', options: options(RECONCILE_KIND_LABELS) },
      { key: 'orgId', title: '点位', orgKind: ['committee', 'site'] },
    ],
    rowAction: {
      label: '向微信查询',
      path: (r) => `/payments/orders/${r.orderId}/query`,
      // a wrong amount or a seat we lost is a person's decision, not a query's
      when: (r) =>
        r.kind === 'hold_not_closed' ||
        r.kind === 'refund_not_sent' ||
        r.kind === 'refund_unconfirmed',
      describe: describeQuery,
    },
    hint: '支付时限已过未关闭、退款未提交或未确认的订单，可「向微信查询」立即按微信的答复处理（与每分钟运行的对账任务相同）；金额不符、名额未确认的订单需人工核实后处理。',
  },
};
