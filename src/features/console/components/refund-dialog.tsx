// 退款 of one paid order by staff (POST /payments/admin/orders/:id/refunds): an amount no larger
// than what is left, a reason the audit keeps, and a second look before the money leaves. A
// cancellation is refunded by the rule without staff; this is for what the rule cannot decide.
import { useState } from 'react';
import { yuanToFen } from '@/contract/childcare-rules';
import type { ConsoleRow } from '@/contract/console';
import { REFUND_STATUS_LABELS } from '@/contract/payments-console';
import { newIdempotencyKey } from '@/lib/request';
import { refundOrder } from '../api';
import { yuan } from '../money';
import type { RowDialogProps } from '../tables';
import './refund-dialog.scss';

/** What WeChat took and is not yet refunded or asked to be: the most a refund may be. */
export function refundableFen(r: ConsoleRow): number {
  return typeof r.paidFen === 'number' ? r.paidFen - Number(r.refundedFen ?? 0) : 0;
}

/** The amount typed in yuan, or why it cannot be refunded. */
function readAmount(raw: string, left: number): number | string {
  const fen = yuanToFen(raw);
  if (fen === null || fen === 0) return '请填写退款金额（元，最多两位小数）';
  if (fen > left) return `退款金额不能超过可退金额 ${yuan(left)}`;
  return fen;
}

export function RefundDialog({ row, onClose, onDone }: RowDialogProps) {
  const left = refundableFen(row);
  const [amount, setAmount] = useState((left / 100).toFixed(2));
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  // the amount to confirm, and the key that makes its sending one refund however often it is sent
  const [confirming, setConfirming] = useState<{ fen: number; key: string } | null>(null);
  const [sending, setSending] = useState(false);

  function review() {
    const fen = readAmount(amount, left);
    if (typeof fen === 'string') return setProblem(fen);
    if (reason.trim().length < 2) return setProblem('请填写退款原因（2–80 字），将记入操作记录');
    setProblem(null);
    setConfirming({ fen, key: newIdempotencyKey() });
  }

  async function send({ fen, key }: { fen: number; key: string }) {
    setSending(true);
    try {
      const refund = await refundOrder(row.id, { amountFen: fen, reason: reason.trim() }, key);
      onDone(
        `订单 #${row.id} 已提交退款 ${yuan(fen)}（${REFUND_STATUS_LABELS[refund.status] ?? refund.status}），原路退回付款人微信`,
      );
    } catch (err) {
      // the refusal (more than is left meanwhile, WeChat Pay not configured) stays in view
      setProblem((err as Error).message);
      setConfirming(null);
    } finally {
      setSending(false);
    }
  }

  return (
    <div className="console-dialog__backdrop" onClick={sending ? undefined : onClose}>
      <div
        className="console-dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="refund-title"
        data-testid="refund-dialog"
        onClick={(e) => e.stopPropagation()}
      >
        <h2 id="refund-title" className="console-dialog__title">
          退款 · 订单 #{row.id}
        </h2>
        <dl className="console-dialog__facts">
          <dt>项目</dt>
          <dd>{String(row.offering ?? '—')}</dd>
          <dt>付款人</dt>
          <dd>{String(row.payer || '—')}</dd>
          <dt>实付</dt>
          <dd>{yuan(Number(row.paidFen ?? 0))}</dd>
          <dt>已退</dt>
          <dd>{yuan(Number(row.refundedFen ?? 0))}</dd>
          <dt>可退</dt>
          <dd className="console-dialog__strong" data-testid="refund-left">
            {yuan(left)}
          </dd>
        </dl>
        {confirming === null ? (
          <>
            <label className="console-dialog__field">
              <span>退款金额（元）</span>
              <input
                className="console-input"
                data-testid="refund-amount"
                inputMode="decimal"
                value={amount}
                onChange={(e) => setAmount(e.target.value)}
              />
            </label>
            <label className="console-dialog__field">
              <span>退款原因（必填）</span>
              <textarea
                className="console-input console-dialog__reason"
                data-testid="refund-reason"
                maxLength={80}
                placeholder="如：课程取消、家长因病无法参加，经审核同意退款"
                value={reason}
                onChange={(e) => setReason(e.target.value)}
              />
            </label>
            <p className="console-dialog__note">
              取消报名的退款已按规则自动办理；这里用于规则之外、经核实需要退的款。退款原路退回付款人微信，操作人和原因记入操作记录。
            </p>
          </>
        ) : (
          <p className="console-dialog__confirm" data-testid="refund-confirm-text">
            确认向 {String(row.payer || '付款人')} 退款 <strong>{yuan(confirming.fen)}</strong>
            ？原因：{reason.trim()}。提交后不能撤回。
          </p>
        )}
        {problem ? (
          <p className="console-dialog__problem" data-testid="refund-problem">
            {problem}
          </p>
        ) : null}
        <div className="console-dialog__actions">
          {confirming === null ? (
            <>
              <button className="console-btn" onClick={onClose}>
                取消
              </button>
              <button
                className="console-btn console-btn--primary"
                data-testid="refund-next"
                onClick={review}
              >
                下一步
              </button>
            </>
          ) : (
            <>
              <button
                className="console-btn"
                disabled={sending}
                onClick={() => setConfirming(null)}
              >
                返回修改
              </button>
              <button
                className="console-btn console-btn--danger"
                data-testid="refund-send"
                disabled={sending}
                onClick={() => void send(confirming)}
              >
                {sending ? '提交中…' : `确认退款 ${yuan(confirming.fen)}`}
              </button>
            </>
          )}
        </div>
      </div>
    </div>
  );
}
