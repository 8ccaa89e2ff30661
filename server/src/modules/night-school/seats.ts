// Seat moves shared by withdraw, decline, offer expiry and the draw. Every move is a conditional
// UPDATE on ns_courses (course seats) and ns_term_people (the person's seats in the term), inside
// the caller's transaction, so a seat is never held twice and a course never goes over capacity.
import type { FastifyInstance } from 'fastify';
import type { Queryable } from '../../db/db';
import { beijingTime } from '../../lib/format-time';
import { notify } from '../messages/service';
import * as repo from './repo';

export const limitReason = (limit: number) =>
  `本学期已获得${limit}门课程名额（每人每学期最多${limit}门），此课程名额顺延给下一位`;

export interface TermLimits {
  id: string;
  max_courses_per_person: number;
  confirm_hours: number;
}

export const offerDeadline = (now: Date, hours: number) =>
  new Date(now.getTime() + hours * 3_600_000);

/**
 * Gives free seats of the course to the head of its waitlist, in order, as offers with a confirm
 * deadline. A person who already holds the term's limit is skipped with the reason recorded (and
 * not re-queued). Returns the number of offers made.
 */
export async function fillFromWaitlist(
  app: FastifyInstance,
  tx: Queryable,
  term: TermLimits,
  courseId: string,
  now: Date,
): Promise<number> {
  let offers = 0;
  for (;;) {
    if (!(await repo.takeCourseSeat(tx, courseId))) return offers;
    let placed = false;
    for (;;) {
      const next = await repo.nextWaitlisted(tx, courseId);
      if (!next) break;
      if (await repo.takePersonSeat(tx, term.id, next.user_id, term.max_courses_per_person)) {
        const deadline = offerDeadline(now, term.confirm_hours);
        await repo.setStatus(tx, next.id, { status: 'offered', offerExpiresAt: deadline, now });
        const course = await repo.findCourse(tx, courseId);
        await notify(app, tx, {
          userId: next.user_id,
          kind: 'waitlist',
          title: '夜校候补递补成功',
          body: `${course?.title ?? '您候补的课程'}有名额了，请在 ${beijingTime(deadline)} 前确认，逾期顺延给下一位。`,
          link: '/features/night-school/pages/mine/index',
        });
        offers += 1;
        placed = true;
        break;
      }
      await repo.setStatus(tx, next.id, {
        status: 'skipped',
        reason: limitReason(term.max_courses_per_person),
        now,
      });
    }
    if (!placed) {
      await repo.releaseCourseSeat(tx, courseId);
      return offers;
    }
  }
}

/** Gives back the seat a person held (offered or confirmed) in a course. */
export async function releaseSeat(
  tx: Queryable,
  termId: string,
  courseId: string,
  userId: string,
): Promise<void> {
  await repo.releaseCourseSeat(tx, courseId);
  await repo.releasePersonSeat(tx, termId, userId);
}
