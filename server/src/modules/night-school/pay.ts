// Paying for a night-school seat. An offer of a paid course (a lottery win, a waitlist offer, or a
// first-come seat) is confirmed by paying, not by 确认: tapping 去支付 opens the hold's one order,
// and the offer's deadline becomes the hold's end (PAYMENT_HOLD_MINUTES, never later than the
// offer already ran). While an order is pending the expiry job leaves the offer alone; once
// WeChat has closed it unpaid, the ordinary expiry passes the seat down the waitlist.
import type { FastifyInstance } from 'fastify';
import type { PaymentStart } from '@/contract/payments';
import { holdDeadline } from '@/contract/payment-hold';
import { sessionDates, sessionInstant, type IsoWeekday } from '@/contract/night-school-rules';
import type { Queryable } from '../../db/db';
import { checkout, payClient } from '../payments/checkout';
import { payError } from '../payments/errors';
import type { Payable } from '../payments/payables';
import * as payRepo from '../payments/repo';
import { refundByRule, sendRefunds } from '../payments/refunds';
import * as repo from './repo';
import { ownApplication } from './service';

const KIND = 'ns_application';

/** POST /applications/:id/pay: the hold's order and the signed requestPayment parameters. */
export async function pay(app: FastifyInstance, userId: string, id: string): Promise<PaymentStart> {
  payClient(app);
  const now = app.now();
  const order = await app.db.transaction(async (tx) => {
    // the application's lock makes simultaneous taps queue here: the first opens the order
    const { a, term } = await ownApplication(tx, userId, id);
    const course = (await repo.findCourse(tx, a.course_id))!;
    if (course.fee_fen === 0) throw payError('PAYMENT_NOT_REQUIRED', 409);
    const existing = await payRepo.orderOf(tx, KIND, a.id);
    if (existing) return existing;
    if (a.status !== 'offered') throw payError('NOTHING_TO_PAY', 409);
    const offerEnd = new Date(a.offer_expires_at!);
    if (offerEnd <= now) throw payError('HOLD_EXPIRED', 409);
    const holdEnd = holdDeadline(now, app.config.payments.holdMinutes, offerEnd);
    const opened = await payRepo.openOrder(tx, {
      kind: KIND,
      payableId: a.id,
      userId,
      orgId: term.org_id,
      description: `青年夜校·${course.title}`.slice(0, 120),
      amountFen: course.fee_fen,
      holdExpiresAt: holdEnd,
      now,
    });
    await repo.setOfferDeadline(tx, a.id, holdEnd);
    return opened;
  });
  return checkout(app, order);
}

/** When a course starts, and its midpoint: the start of the session after half of them. */
function courseTimes(c: repo.CourseRow): { startsAt: Date; midpointAt: Date } {
  const dates = sessionDates(c.start_date, c.weekday as IsoWeekday, c.sessions);
  return {
    startsAt: new Date(sessionInstant(dates[0], c.start_time)),
    midpointAt: new Date(sessionInstant(dates[Math.floor(c.sessions / 2)], c.start_time)),
  };
}

/**
 * A seat given up (withdraw, decline, account deletion), in the caller's transaction after the
 * application's lock: a pending order's hold ends now, so the job closes it at WeChat; a paid one
 * is refunded by the rule. Returns the refund to send after commit, if any.
 */
export async function releasePayment(
  app: FastifyInstance,
  tx: Queryable,
  applicationId: string,
  now: Date,
): Promise<string | null> {
  const order = await payRepo.orderOf(tx, KIND, applicationId);
  if (!order) return null;
  if (order.status === 'pending') {
    await payRepo.endHold(tx, order.id, now);
    return null;
  }
  if (order.status !== 'paid' || order.flag !== null) return null;
  const course = (await repo.findCourse(tx, (await repo.courseIdOf(tx, applicationId))!))!;
  return refundByRule(app, tx, order, {
    shareFen: order.paid_fen!,
    when: courseTimes(course),
    start: '开课',
    now,
  });
}

/** Sends what releasePayment wrote, once its transaction committed. */
export async function sendReleased(app: FastifyInstance, refundId: string | null): Promise<void> {
  if (refundId) await sendRefunds(app, [refundId]);
}

/** A paid hold becomes a confirmed seat; false when the offer is gone (withdrawn, expired). */
export const nightSchoolPayable: Payable = {
  async lock(tx, payableId) {
    // the term before the application: the lock order of every other seat move
    const [row] = await tx.query<{ term_id: string }>(
      'SELECT term_id::text AS term_id FROM ns_applications WHERE id = $1',
      [payableId],
    );
    if (!row) return;
    await repo.findTerm(tx, row.term_id, 'share');
    await tx.query('SELECT id FROM ns_applications WHERE id = $1 FOR UPDATE', [payableId]);
  },
  settle: (_app, tx, payableId, now) => repo.confirmPaid(tx, payableId, now),
};
