// Paying for childcare seats (docs/adr/0027-wechat-pay-holds.md). A paid class's seats won in the
// rush are a 待支付 hold from the tap (migration 0038); a waitlist offer becomes one when accepted.
// The seats one request holds are a pay group and siblings pay once: 去支付 opens the group's one
// order, priced here from each child's approved 减免. Paying confirms the whole group; an unpaid
// hold lapses through the offers job once the payments job has closed its order at WeChat.
import type { FastifyInstance } from 'fastify';
import type { PaymentStart } from '@/contract/payments';
import { holdDeadline } from '@/contract/payment-hold';
import { reducedFee } from '@/contract/fee-reductions';
import type { Queryable } from '../../db/db';
import { checkout, payClient } from '../payments/checkout';
import { payError } from '../payments/errors';
import type { Payable } from '../payments/payables';
import * as payRepo from '../payments/repo';
import { refundByRule } from '../payments/refunds';
import { ccError } from './errors';
import * as holds from './pay-repo';
import * as repo from './repo';

export const KIND = 'cc_hold';

/** The hold's length, or null when WeChat Pay is not configured (the fee is then only shown). */
export function holdMinutes(app: FastifyInstance): number | null {
  return app.wechatPay ? app.config.payments.holdMinutes : null;
}

/**
 * 确认 of a waitlist offer in a paid class, under the class lock: the group becomes a hold of
 * PAYMENT_HOLD_MINUTES (never longer than the offer had left), or 已报名 at once when no child
 * of it has anything to pay. Null for a free class (the caller enrolls as before).
 */
export async function holdAcceptedOffer(
  app: FastifyInstance,
  tx: Queryable,
  e: repo.EnrollmentRow,
  now: Date,
): Promise<'held' | 'enrolled' | null> {
  const minutes = holdMinutes(app);
  if (minutes === null) return null;
  if (e.pay_group)
    throw payError('PAYMENT_REQUIRED', 409, '托班名额需缴费，请点击「去支付」完成支付后即报名成功');
  const members = await holds.offerMembers(tx, e.group_key, e.parent_id);
  if (members.every((m) => reducedFee(m.fee_fen, m.percent_off) === 0)) return null;
  const until = holdDeadline(
    now,
    minutes,
    e.offer_expires_at ? new Date(e.offer_expires_at) : null,
  );
  await holds.holdOffer(tx, e.group_key, e.parent_id, until, now);
  return 'held';
}

/** POST /childcare/enrollments/:id/pay: the group's one order and the signed requestPayment. */
export async function pay(app: FastifyInstance, userId: string, id: string): Promise<PaymentStart> {
  payClient(app);
  const now = app.now();
  const first = await repo.findOwnEnrollment(app.db, userId, id);
  if (!first) throw ccError('CC_ENROLLMENT_NOT_FOUND', 404);
  const opened = await app.db.transaction(async (tx) => {
    // the classes first, in id order (as every seat move): simultaneous taps queue here
    const classes = first.pay_group ? await holds.groupClasses(tx, first.pay_group) : [];
    for (const c of classes.length ? classes : [first.class_id]) await repo.lockClass(tx, c);
    let e = (await repo.findOwnEnrollment(tx, userId, id))!;
    if ((await repo.findClass(tx, e.class_id))!.fee_fen === 0)
      throw payError('PAYMENT_NOT_REQUIRED', 409);
    if (e.pay_group) {
      const existing = await payRepo.orderOf(tx, KIND, e.pay_group);
      if (existing) return existing;
    }
    if (e.status !== 'offered') throw payError('NOTHING_TO_PAY', 409);
    if (!e.pay_group) {
      // a waitlist offer not yet accepted: paying accepts it (a group with nothing to pay enrolls)
      if ((await holdAcceptedOffer(app, tx, e, now)) !== 'held') {
        await repo.setGroupStatus(tx, e.group_key, e.parent_id, 'offered', 'enrolled', now);
        return 'free';
      }
      e = (await repo.findOwnEnrollment(tx, userId, id))!;
    }
    const members = await holds.holdMembers(tx, e.pay_group!);
    const end = new Date(Math.min(...members.map((m) => new Date(m.offer_expires_at).getTime())));
    if (members.length === 0 || end <= now) throw payError('HOLD_EXPIRED', 409);
    const prices = members.map((m) => ({ id: m.id, fen: reducedFee(m.fee_fen, m.percent_off) }));
    const amount = prices.reduce((sum, p) => sum + p.fen, 0);
    await holds.setPrices(tx, prices);
    if (amount === 0) {
      // a reduction approved since the tap made the whole group free
      await holds.confirmGroup(tx, e.pay_group!, now);
      return 'free';
    }
    return payRepo.openOrder(tx, {
      kind: KIND,
      payableId: e.pay_group!,
      userId,
      orgId: members[0].site_id,
      description: `爱心暑托班·${members[0].programme_name}`.slice(0, 120),
      amountFen: amount,
      holdExpiresAt: end,
      now,
    });
  });
  if (opened === 'free') throw payError('PAYMENT_NOT_REQUIRED', 409);
  return checkout(app, opened);
}

/** A period starts at midnight of its first day (Beijing); its midpoint is its middle day. */
function periodTimes(startsOn: string, endsOn: string): { startsAt: Date; midpointAt: Date } {
  const startsAt = new Date(`${startsOn}T00:00:00+08:00`);
  const days = Math.round((Date.parse(endsOn) - Date.parse(startsOn)) / 86_400_000) + 1;
  return { startsAt, midpointAt: new Date(startsAt.getTime() + Math.floor(days / 2) * 86_400_000) };
}

/**
 * A seat of a pay group given up (cancel, decline, account deletion) in the caller's transaction,
 * after its class lock and after its status changed. An open order's hold ends now (the payments
 * job closes it) and the seats still held move to a group of their own; a paid seat's share is
 * refunded by the rule. Returns the refund to send after commit, if any.
 */
export async function releasePaidSeat(
  app: FastifyInstance,
  tx: Queryable,
  e: repo.EnrollmentRow,
  now: Date,
): Promise<string | null> {
  if (!e.pay_group) return null;
  const order = await payRepo.orderOf(tx, KIND, e.pay_group);
  if (!order) return null;
  if (order.status === 'pending') {
    await payRepo.endHold(tx, order.id, now);
    await holds.regroup(tx, e.pay_group);
    return null;
  }
  const share = e.price_fen ?? 0;
  if (e.status !== 'enrolled' || order.status !== 'paid' || order.flag !== null || share <= 0)
    return null;
  const period = (await repo.findPeriod(tx, e.period_id))!;
  return refundByRule(app, tx, order, {
    shareFen: share,
    when: periodTimes(period.starts_on, period.ends_on),
    start: '开班',
    now,
  });
}

/** A paid group becomes 已报名 in the settling transaction; false when its seats are gone. */
export const childcarePayable: Payable = {
  async lock(tx, payGroup) {
    for (const c of await holds.groupClasses(tx, payGroup)) await repo.lockClass(tx, c);
  },
  settle: async (_app, tx, payGroup, now) => (await holds.confirmGroup(tx, payGroup, now)) > 0,
};
