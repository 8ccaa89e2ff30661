// The payments table as a CSV for Excel, through toCsv (BOM, Chinese headers, formulas
// neutralised): the same rows, scope and filters as on screen, amounts in yuan.
import type { ConsoleRow } from '@/contract/console';
import { PAYMENT_FLAG_LABELS, PAYMENT_STATE_LABELS } from '@/contract/payments-console';
import { toCsv, type Csv } from '../../lib/csv';

const yuan = (fen: unknown) => (typeof fen === 'number' ? (fen / 100).toFixed(2) : '');
const text = (v: unknown) => (v == null ? '' : String(v));

export function paymentsCsv(rows: ConsoleRow[]): Csv {
  return toCsv<ConsoleRow>(
    [
      { header: '订单编号', value: (r) => r.id },
      { header: '商户订单号', value: (r) => text(r.outTradeNo) },
      { header: '下单时间', value: (r) => text(r.createdAt) },
      { header: '付款人', value: (r) => text(r.payer) },
      { header: '手机号', value: (r) => text(r.phone) },
      { header: '项目', value: (r) => text(r.offering) },
      { header: '点位', value: (r) => text(r.site) },
      { header: '应付（元）', value: (r) => yuan(r.amountFen) },
      { header: '实付（元）', value: (r) => yuan(r.paidFen) },
      { header: '已退（元）', value: (r) => yuan(r.refundedFen) },
      {
        header: '状态',
        value: (r) => PAYMENT_STATE_LABELS[r.status as keyof typeof PAYMENT_STATE_LABELS] ?? '',
      },
      { header: '异常', value: (r) => (r.flag ? (PAYMENT_FLAG_LABELS[String(r.flag)] ?? '') : '') },
      { header: '支付时间', value: (r) => text(r.paidAt) },
    ],
    rows,
  );
}
