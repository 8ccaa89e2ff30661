// 优秀学员: staff pick one learner per course once the term is over, by the published rule
// (src/contract/excellent-learner.ts); the pick gets one free course of their choice in the
// organization's next term — a confirmed seat outside the lottery, within the per-person limits,
// with no fee. A lottery term's draw deals only the seats left, and counts the pick's seat toward
// its holder's limit (draw-inputs.ts freezes both with the list).
import type { FastifyInstance } from 'fastify';
import type { Award, MyAward, TermAwards } from '@/contract/excellent-awards';
import { pickExcellentLearner } from '@/contract/excellent-learner';
import { maskName } from '@/contract/name';
import type { AuthUser } from '../../plugins/auth';
import type { Queryable } from '../../db/db';
import { audit } from '../../lib/audit';
import { canManageOrg } from '../../lib/org-access';
import { toIso } from '../../lib/format-time';
import { notify } from '../messages/service';
import { courseEnded } from './checkin-window';
import { applicationLimitError, courseLimitError, nsError } from './errors';
import { pseudonymOf } from './pseudonym';
import { assertMayApply } from './service';
import * as repo from './repo';
import * as awards from './excellent-repo';

const MY_NIGHT_SCHOOL = '/features/night-school/pages/mine/index';

function toAward(r: awards.AwardRow, name: string): Award {
  return {
    id: r.id,
    termId: r.term_id,
    termName: r.term_name,
    courseId: r.course_id,
    courseTitle: r.course_title,
    name,
    present: r.present,
    selfCheckIns: r.self_checkins,
    ticket: r.ticket,
    pickedAt: toIso(r.picked_at),
    redeemed:
      r.redeemed_course_id && r.redeemed_at
        ? {
            courseId: r.redeemed_course_id,
            courseTitle: r.redeemed_course_title ?? '',
            at: toIso(r.redeemed_at),
          }
        : null,
  };
}

async function managedTermOrNotFound(tx: Queryable, auth: AuthUser, termId: string, lock = false) {
  const term = await repo.findTerm(tx, termId, lock ? 'update' : undefined);
  if (!term || !canManageOrg(auth, term.org_id)) throw nsError('TERM_NOT_FOUND', 404);
  return term;
}

async function termAwardsOf(tx: Queryable, term: repo.TermRow): Promise<TermAwards> {
  const rows = await awards.termAwards(tx, term.id);
  // the seed is published with the picks: the tie-break tickets can then be checked by anyone
  return {
    termId: term.id,
    seed: term.seed,
    items: rows.map((r) => toAward(r, maskName(r.user_name ?? ''))),
  };
}

export async function listTermAwards(
  app: FastifyInstance,
  auth: AuthUser,
  termId: string,
): Promise<TermAwards> {
  return termAwardsOf(app.db, await managedTermOrNotFound(app.db, auth, termId));
}

/**
 * 评选: every course of a finished term gets its pick, once. Pressing again picks only courses
 * that had none (e.g. marks corrected later never move an existing pick).
 */
export async function pickTerm(
  app: FastifyInstance,
  auth: AuthUser,
  termId: string,
): Promise<TermAwards> {
  const now = app.now();
  return app.db.transaction(async (tx) => {
    const term = await managedTermOrNotFound(tx, auth, termId, true);
    const courses = await repo.listCourses(tx, { termId });
    if (courses.length === 0 || courses.some((c) => !courseEnded(c, now)))
      throw nsError('TERM_NOT_ENDED', 409);
    for (const c of courses) {
      const records = await awards.learnerRecords(tx, c.id);
      const userOf = new Map<string, string>();
      const pick = pickExcellentLearner(
        term.seed,
        c.id,
        records.map((r) => {
          const pseudonym = pseudonymOf(app.config.idHashSecret, term.id, r.user_id);
          userOf.set(pseudonym, r.user_id);
          return { pseudonym, present: r.present, selfCheckIns: r.self_checkins };
        }),
      );
      if (!pick) continue;
      const userId = userOf.get(pick.pseudonym)!;
      const id = await awards.insertAward(tx, {
        termId: term.id,
        courseId: c.id,
        userId,
        present: pick.present,
        selfCheckIns: pick.selfCheckIns,
        ticket: pick.ticket,
        by: auth.id,
        now,
      });
      if (!id) continue;
      await notify(app, tx, {
        userId,
        kind: 'excellent_learner',
        title: '恭喜当选夜校优秀学员',
        body: `${c.title}：你以出勤 ${pick.present} 次当选优秀学员，下学期可免抽签选 1 门课程（仍受每人限报门数约束）。`,
        link: MY_NIGHT_SCHOOL,
      });
      await audit(app, tx, auth, {
        action: 'night_school.excellent.pick',
        entity: 'ns_course',
        entityId: c.id,
        orgId: term.org_id,
        after: { awardId: id, present: pick.present, selfCheckIns: pick.selfCheckIns },
      });
    }
    return termAwardsOf(tx, term);
  });
}

export async function myAwards(app: FastifyInstance, userId: string): Promise<MyAward[]> {
  const rows = await awards.userAwards(app.db, userId);
  return Promise.all(
    rows.map(async (r) => {
      const nextId = await awards.nextTermId(app.db, r.org_id, toIso(r.term_opens_at));
      const next = nextId ? await repo.findTerm(app.db, nextId) : null;
      return {
        ...toAward(r, r.user_name ?? ''),
        nextTerm: next
          ? {
              id: next.id,
              name: next.name,
              opensAt: toIso(next.opens_at),
              closesAt: toIso(next.closes_at),
            }
          : null,
      };
    }),
  );
}

/** The free course: a confirmed seat in one course of the next term, taken once. */
export async function redeem(
  app: FastifyInstance,
  userId: string,
  awardId: string,
  courseId: string,
): Promise<MyAward> {
  const now = app.now();
  await app.db.transaction(async (tx) => {
    const course = await repo.findCourse(tx, courseId);
    if (!course) throw nsError('COURSE_NOT_FOUND', 404);
    // the term before the award and the application, as every seat move takes them
    const term = (await repo.findTerm(tx, course.term_id, 'share'))!;
    const award = await awards.lockOwnAward(tx, awardId, userId);
    if (!award) throw nsError('AWARD_NOT_FOUND', 404);
    if (award.redeemed_course_id) throw nsError('AWARD_USED', 409);
    const nextId = await awards.nextTermId(tx, award.org_id, toIso(award.term_opens_at));
    if (term.id !== nextId) throw nsError('AWARD_WRONG_TERM', 409);
    await assertMayApply(tx, term.id, userId, now);

    const applicationId = await seatApplication(tx, term, courseId, userId, now);
    if (!(await repo.takeCourseSeat(tx, courseId))) throw nsError('AWARD_COURSE_FULL', 409);
    if (!(await repo.takePersonSeat(tx, term.id, userId, term.max_courses_per_person)))
      throw courseLimitError(term.max_courses_per_person);
    await repo.setStatus(tx, applicationId, { status: 'confirmed', reason: '优秀学员免抽签', now });
    if (!(await awards.markRedeemed(tx, awardId, applicationId, now)))
      throw nsError('AWARD_USED', 409);
    await audit(
      app,
      tx,
      { id: userId, role: 'resident' },
      {
        action: 'night_school.excellent.redeem',
        entity: 'ns_application',
        entityId: applicationId,
        orgId: term.org_id,
        after: { awardId, courseId },
      },
    );
  });
  return (await myAwards(app, userId)).find((a) => a.id === awardId)!;
}

/**
 * The application the free seat lands on: a new one (counted against the application limit), or
 * the learner's own pending one for that course (applied in the lottery, or waiting in line),
 * which then skips the draw.
 */
async function seatApplication(
  tx: Queryable,
  term: repo.TermRow,
  courseId: string,
  userId: string,
  now: Date,
): Promise<string> {
  const id = await repo.insertApplication(tx, { courseId, termId: term.id, userId, now });
  if (id) {
    if (!(await repo.bumpApplications(tx, term.id, userId, term.max_applications_per_person)))
      throw applicationLimitError(term.max_applications_per_person);
    return id;
  }
  const existing = (await repo.applicationIdOf(tx, courseId, userId))!;
  const a = (await repo.lockApplication(tx, existing, userId))!;
  if (a.status === 'applied' || a.status === 'waitlisted') return existing;
  if (a.status === 'offered' || a.status === 'confirmed')
    throw nsError('AWARD_ALREADY_SEATED', 409);
  throw nsError('ALREADY_APPLIED', 409);
}
