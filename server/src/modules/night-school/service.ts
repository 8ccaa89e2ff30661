// Night-school rules: windows, eligibility, limits, seats, offers. Each state change runs in one
// transaction; the database's conditional UPDATEs and UNIQUE constraints decide races.
import { createHash, randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type {
  Appeal,
  Application,
  Course,
  CourseList,
  CourseListQuery,
  CreateTermBody,
  MyNightSchool,
  NightSchoolErrorCode,
  Term,
  TermStats,
  UpdateTermBody,
} from '@/contract/night-school';
import {
  applicantRatio,
  sessionDates,
  sessionInstant,
  type IsoWeekday,
} from '@/contract/night-school-rules';

import type { AuthUser, TokenUser } from '../../plugins/auth';
import type { IdempotencyClaim } from '../../plugins/idempotency';
import { AppError } from '../../errors';
import { KeyedBatcher } from '../../lib/keyed-batcher';
import { sqlRefusal, type SqlRefusal } from '../../lib/pg-errors';
import { sessionOrKeyRefusal, tapResult } from '../../lib/rush-taps';
import type { Queryable } from '../../db/db';
import { assertOrgAccess, canManageOrg } from '../../lib/org-access';
import { applicationLimitError, courseLimitError, nsError } from './errors';
import { sessionsBegun } from './checkin-window';
import { toApplication, toCourse, toTerm } from './present';
import { audit } from '../../lib/audit';
import { notify } from '../messages/service';
import { beijingTime } from '../../lib/format-time';
import { OFFER_REMINDER_MS } from '../../lib/offer-reminder';
import * as repo from './repo';
import { managedCourse, managedTerm } from './managed';
import { fillFromWaitlist, releaseSeat } from './seats';
import { beijingToday } from '@/contract/beijing-time';
import { payError } from '../payments/errors';
import { paymentsOf } from '../payments/summary';
import { releasePayment, sendReleased } from './pay';

// ---- terms
export async function createTerm(
  app: FastifyInstance,
  auth: AuthUser,
  body: CreateTermBody,
): Promise<Term> {
  assertOrgAccess(auth, body.orgId);
  const opensAt = new Date(body.opensAt);
  const closesAt = new Date(body.closesAt);
  if (!(closesAt > opensAt)) throw nsError('TERM_WINDOW_ORDER', 400);
  const minAge = body.minAge ?? 18;
  const maxAge = body.maxAge ?? 40;
  if (minAge > maxAge) throw nsError('TERM_AGE_RANGE', 400);
  const drawAt = checkDrawAt(body.allocation, closesAt, body.drawAt);
  // The seed is fixed (and its hash published) before anyone applies; it is revealed at the draw.
  const seed = randomBytes(16).toString('hex');
  const id = await app.db.transaction(async (tx) => {
    const termId = await repo.insertTerm(tx, {
      orgId: body.orgId,
      name: body.name.trim(),
      allocation: body.allocation,
      opensAt: opensAt.toISOString(),
      closesAt: closesAt.toISOString(),
      maxApplicationsPerPerson: body.maxApplicationsPerPerson ?? 3,
      maxCoursesPerPerson: body.maxCoursesPerPerson ?? 2,
      minAge,
      maxAge,
      confirmHours: body.confirmHours ?? 48,
      noShowLimit: body.noShowLimit ?? 2,
      seed,
      seedHash: createHash('sha256').update(seed).digest('hex'),
      drawAt,
      // whoever asked for the seed may not also enter the public value that is mixed into it
      createdBy: auth.id,
    });
    // the seed itself stays secret until the draw: only its hash goes into the trail
    await audit(app, tx, auth, {
      action: 'night_school.term.create',
      entity: 'ns_term',
      entityId: termId,
      orgId: body.orgId,
      after: {
        name: body.name.trim(),
        allocation: body.allocation,
        opensAt: body.opensAt,
        closesAt: body.closesAt,
        drawAt,
        seedHash: createHash('sha256').update(seed).digest('hex'),
      },
    });
    return termId;
  });
  return toTerm((await repo.findTerm(app.db, id))!, app.now());
}

/** A lottery announces its draw time with the term, after the window closes; first come has none. */
function checkDrawAt(
  allocation: string,
  closesAt: Date,
  drawAt: string | undefined,
): string | null {
  if (allocation !== 'lottery') return null;
  if (drawAt === undefined) throw nsError('DRAW_AT_REQUIRED', 400);
  if (!(new Date(drawAt) > closesAt)) throw nsError('DRAW_AT_ORDER', 400);
  return new Date(drawAt).toISOString();
}

/** Edit a term. What residents relied on stays fixed: the seed (its hash is public), the allocation
 *  mode and opening time once the window opened, the closing time once drawn, and limits below
 *  what people already hold. */
export async function updateTerm(
  app: FastifyInstance,
  auth: AuthUser,
  termId: string,
  body: UpdateTermBody,
): Promise<Term> {
  await managedTerm(app, auth, termId);
  if (body.seed !== undefined || body.seedHash !== undefined) throw nsError('TERM_SEED_FIXED', 409);
  const now = app.now();
  await app.db.transaction(async (tx) => {
    // the lock keeps a concurrent draw, edit or apply from slipping between the checks and the write
    const t = (await repo.findTerm(tx, termId, 'update'))!;
    const opened = now >= new Date(t.opens_at);
    const same = (a: string | undefined, b: Date | string) =>
      a === undefined || new Date(a).getTime() === new Date(b).getTime();
    if (body.allocation !== undefined && body.allocation !== t.allocation && opened)
      throw nsError('TERM_ALLOCATION_LOCKED', 409);
    if (!same(body.opensAt, t.opens_at) && opened) throw nsError('TERM_OPENS_LOCKED', 409);
    // the applicant list is frozen at the close: moving the close afterwards would change it
    if (!same(body.closesAt, t.closes_at) && (t.drawn_at || t.applicants_frozen_at))
      throw nsError('TERM_CLOSES_LOCKED', 409);
    // the draw time is announced with the term and holds once the window has closed
    if (!same(body.drawAt, t.draw_at ?? '') && t.draw_at && now >= new Date(t.closes_at))
      throw nsError('DRAW_AT_LOCKED', 409);
    const next: repo.TermEdit = {
      name: body.name?.trim() ?? t.name,
      allocation: body.allocation ?? t.allocation,
      opensAt: new Date(body.opensAt ?? t.opens_at).toISOString(),
      closesAt: new Date(body.closesAt ?? t.closes_at).toISOString(),
      drawAt: null,
      maxApplicationsPerPerson: body.maxApplicationsPerPerson ?? t.max_applications_per_person,
      maxCoursesPerPerson: body.maxCoursesPerPerson ?? t.max_courses_per_person,
      minAge: body.minAge ?? t.min_age,
      maxAge: body.maxAge ?? t.max_age,
      confirmHours: body.confirmHours ?? t.confirm_hours,
      noShowLimit: body.noShowLimit ?? t.no_show_limit,
    };
    if (!(new Date(next.closesAt) > new Date(next.opensAt)))
      throw nsError('TERM_WINDOW_ORDER', 400);
    if (next.minAge > next.maxAge) throw nsError('TERM_AGE_RANGE', 400);
    next.drawAt = checkDrawAt(
      next.allocation,
      new Date(next.closesAt),
      body.drawAt ?? (t.draw_at ? new Date(t.draw_at).toISOString() : undefined),
    );
    if (!(await repo.updateTerm(tx, termId, next))) {
      const held = await repo.heldMost(tx, termId);
      throw nsError(
        'TERM_LIMIT_BELOW_HELD',
        409,
        `每人上限不能低于学员已有的数量：已有人报名${held.applications}门、获得${held.seats}门名额`,
      );
    }
    const before: repo.TermEdit = {
      name: t.name,
      allocation: t.allocation,
      opensAt: new Date(t.opens_at).toISOString(),
      closesAt: new Date(t.closes_at).toISOString(),
      drawAt: t.draw_at ? new Date(t.draw_at).toISOString() : null,
      maxApplicationsPerPerson: t.max_applications_per_person,
      maxCoursesPerPerson: t.max_courses_per_person,
      minAge: t.min_age,
      maxAge: t.max_age,
      confirmHours: t.confirm_hours,
      noShowLimit: t.no_show_limit,
    };
    await audit(app, tx, auth, {
      action: 'night_school.term.update',
      entity: 'ns_term',
      entityId: termId,
      orgId: t.org_id,
      before,
      after: next,
    });
  });
  return toTerm((await repo.findTerm(app.db, termId))!, app.now());
}

export async function listTerms(app: FastifyInstance, auth: AuthUser): Promise<Term[]> {
  const rows = await repo.listTermsOfOrgs(app.db, auth.role === 'admin' ? null : auth.orgIds);
  return rows.map((t) => toTerm(t, app.now()));
}

export async function getTerm(app: FastifyInstance, id: string): Promise<Term> {
  const t = await repo.findTerm(app.db, id);
  if (!t) throw nsError('TERM_NOT_FOUND', 404);
  return toTerm(t, app.now());
}

export async function listCourses(app: FastifyInstance, q: CourseListQuery): Promise<CourseList> {
  const term = q.termId
    ? await repo.findTerm(app.db, q.termId)
    : await repo.findCurrentTerm(app.db, app.now());
  if (!term) {
    if (q.termId) throw nsError('TERM_NOT_FOUND', 404);
    return { term: null, items: [] };
  }
  const rows = await repo.listCourses(app.db, {
    termId: term.id,
    category: q.category || undefined,
    weekday: q.weekday,
    district: q.district || undefined,
    q: q.q?.trim() || undefined,
  });
  return { term: toTerm(term, app.now()), items: rows.map(toCourse) };
}

export async function getCourse(
  app: FastifyInstance,
  id: string,
): Promise<{ course: Course; term: Term }> {
  const course = await repo.findCourse(app.db, id);
  if (!course) throw nsError('COURSE_NOT_FOUND', 404);
  return {
    course: toCourse(course),
    term: toTerm((await repo.findTerm(app.db, course.term_id))!, app.now()),
  };
}

// ---- applications
const fmt = (d: Date | string) =>
  new Date(new Date(d).getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');

/** The no-show bar from the organization's previous term, or null (also null once an appeal is accepted). */
async function noShowBar(db: Queryable, term: repo.TermRow, userId: string) {
  const bar = await repo.noShowBar(db, term.id, userId);
  if (!bar) return null;
  const { termId, termName, noShows, limit, appeal } = bar;
  return { termId, termName, noShows, limit, reason: barReason(bar), appeal };
}

const barReason = (bar: { termName: string; noShows: number; limit: number; orgName: string }) =>
  `你在「${bar.termName}」缺勤${bar.noShows}次（上限${bar.limit}次），本学期暂不能报名；如有特殊情况，可在“我的夜校”向${bar.orgName}申诉`;

/**
 * Who may take a place in the term now: the window open, a real-name profile of age, not barred
 * for absences (ns_check_may_apply, migration 0045: the rush's one statement makes the same check).
 */
export async function assertMayApply(
  tx: Queryable,
  termId: string,
  userId: string,
  now: Date,
): Promise<void> {
  try {
    await repo.checkMayApply(tx, termId, userId, now, beijingToday(now));
  } catch (err) {
    const refusal = sqlRefusal(err);
    throw refusal ? applyRefusal(refusal) : err;
  }
}

// ---- apply (the rush)
export type ApplyBatcher = KeyedBatcher<repo.ApplyTap, repo.ApplyAnswer>;

/** How a waitlist place reads (the SQL fills in the place). */
const WAITLIST_REASON = '候补第%s位，有人放弃时按顺序递补';

/**
 * This process's queue of apply taps per course (docs/adr/0028-night-school-apply-in-one-statement.md):
 * while a call for a course is in flight, its next taps wait and then go to the database
 * together, up to `config.enrollBatchMax` in one statement and one commit.
 */
export function applyBatcher(app: FastifyInstance): ApplyBatcher {
  const messages = {
    holdMinutes: app.config.payments.holdMinutes,
    waitlistReason: WAITLIST_REASON,
  };
  return new KeyedBatcher(app.config.enrollBatchMax, (courseId, taps) =>
    repo.applyBatch(app.db, courseId, taps, messages),
  );
}

/**
 * One tap of 报名, in one statement shared with the taps for the same course that arrived
 * meanwhile (applyBatcher). The rules — the session, the window, who may apply, the limits, a
 * first-come seat or a waitlist place — are in the SQL function (ns_apply, migration 0045); the
 * refusals come back here to be worded. `user` is the verified token's (app.authenticateToken).
 */
export async function apply(
  app: FastifyInstance,
  batcher: ApplyBatcher,
  user: TokenUser,
  courseId: string,
  claim: IdempotencyClaim | null,
): Promise<{ replayed: boolean; body: Application }> {
  const now = app.now();
  const r = await batcher.submit(courseId, {
    userId: user.id,
    tokenVersion: user.tokenVersion,
    now,
    today: beijingToday(now),
    claim,
  });
  // a refused tap's part of the call rolled back alone: its application, seat and key claim
  return tapResult(r, applyRefusal);
}

/** A refusal of ns_apply / ns_check_may_apply, in the family's words. */
function applyRefusal(r: SqlRefusal): AppError {
  const common = sessionOrKeyRefusal(r);
  if (common) return common;
  switch (r.code) {
    case 'APPLICATION_NOT_OPEN':
      return nsError(r.code, 409, `本学期报名将于 ${fmt(String(r.opensAt))} 开始`);
    case 'APPLICATION_CLOSED':
      return nsError(r.code, 409, `本学期报名已于 ${fmt(String(r.closesAt))} 截止`);
    case 'AGE_NOT_ELIGIBLE':
      return nsError(
        r.code,
        403,
        `本学期课程面向${String(r.minAge)}–${String(r.maxAge)}周岁青年，你现在${String(r.age)}周岁`,
      );
    case 'BARRED_NO_SHOW':
      return nsError(r.code, 403, barReason(r as unknown as repo.NoShowBar));
    case 'APPLICATION_LIMIT':
      return applicationLimitError(Number(r.limit));
    case 'COURSE_LIMIT':
      return courseLimitError(Number(r.limit));
    default:
      return nsError(r.code as NightSchoolErrorCode, r.status);
  }
}

export async function ownApplication(tx: Queryable, userId: string, id: string) {
  // the term before the application, in the same order as the draw takes them (no deadlock)
  const termId = await repo.applicationTermId(tx, id, userId);
  const term = termId ? await repo.findTerm(tx, termId, 'share') : null;
  const a = await repo.lockApplication(tx, id, userId);
  // Someone else's application answers exactly like a missing one.
  if (!a || !term) throw nsError('APPLICATION_NOT_FOUND', 404);
  return { a, term };
}

/** Withdraw an application, or leave the waitlist (any time), or give up a seat. */
export async function withdraw(
  app: FastifyInstance,
  userId: string,
  id: string,
): Promise<Application> {
  const now = app.now();
  const withdrawn = await app.db.transaction(async (tx) => {
    const { a, term } = await ownApplication(tx, userId, id);
    if (a.status === 'withdrawn')
      return { application: toApplication((await repo.findApplication(tx, id))!), refundId: null };
    const windowOpen = now < new Date(term.closes_at);
    const stillLive = ['applied', 'waitlisted', 'offered', 'confirmed'].includes(a.status);
    if (!stillLive) throw nsError('APPLICATION_NOT_FOUND', 404);
    if (a.status !== 'waitlisted' && !windowOpen && a.status === 'applied')
      throw nsError('WITHDRAW_CLOSED', 409);
    const refundId = await withdrawLocked(app, tx, term, a, '本人撤回', now);
    return { application: toApplication((await repo.findApplication(tx, id))!), refundId };
  });
  await sendReleased(app, withdrawn.refundId);
  return withdrawn.application;
}

/**
 * Withdraws a live application whose term and row the caller has locked; a held seat passes down
 * the waitlist, and its payment is refunded by the rule (the refund to send after commit).
 */
async function withdrawLocked(
  app: FastifyInstance,
  tx: Queryable,
  term: repo.TermRow,
  a: repo.ApplicationRow,
  reason: string,
  now: Date,
): Promise<string | null> {
  const heldSeat = a.status === 'offered' || a.status === 'confirmed';
  const refundId = heldSeat ? await releasePayment(app, tx, a.id, now) : null;
  // After the window, the row stays (status withdrawn) and the person cannot apply again.
  await repo.setStatus(tx, a.id, { status: 'withdrawn', reason, now });
  if (now < new Date(term.closes_at)) await repo.dropApplication(tx, term.id, a.user_id);
  if (heldSeat) {
    await releaseSeat(tx, term.id, a.course_id, a.user_id);
    if (term.allocation === 'first_come' || term.drawn_at)
      await fillFromWaitlist(app, tx, term, a.course_id, now);
  }
  return refundId;
}

/**
 * Account deletion: every live application in a course that has not ended is withdrawn, in the
 * caller's transaction, whatever the usual withdraw deadline; seats pass down the waitlist as on
 * any withdrawal. Returns how many were withdrawn.
 */
export async function withdrawAllOf(
  app: FastifyInstance,
  tx: Queryable,
  userId: string,
  now: Date,
): Promise<number> {
  const today = beijingToday(now);
  let n = 0;
  for (const listed of await repo.listMyApplications(tx, userId, null)) {
    if (!['applied', 'waitlisted', 'offered', 'confirmed'].includes(listed.status)) continue;
    const course = (await repo.findCourse(tx, listed.course_id))!;
    const dates = sessionDates(course.start_date, course.weekday as IsoWeekday, course.sessions);
    if (dates[dates.length - 1] < today) continue;
    const { a, term } = await ownApplication(tx, userId, listed.id);
    await withdrawLocked(app, tx, term, a, '账号已注销', now);
    n += 1;
  }
  return n;
}

export async function confirm(
  app: FastifyInstance,
  userId: string,
  id: string,
): Promise<Application> {
  const now = app.now();
  return app.db.transaction(async (tx) => {
    const { a } = await ownApplication(tx, userId, id);
    if (a.status === 'confirmed') return toApplication((await repo.findApplication(tx, id))!); // a retry
    if (a.status === 'expired') throw nsError('OFFER_EXPIRED', 409);
    if (a.status !== 'offered') throw nsError('OFFER_NOT_PENDING', 409);
    if ((await repo.findCourse(tx, a.course_id))!.fee_fen > 0)
      throw payError('PAYMENT_REQUIRED', 409);
    if (!(await repo.confirmOffer(tx, id, userId, now))) throw nsError('OFFER_EXPIRED', 409);
    return toApplication((await repo.findApplication(tx, id))!);
  });
}

/** Declining frees the seat for the next on the waitlist; the person is never queued again. */
export async function decline(
  app: FastifyInstance,
  userId: string,
  id: string,
): Promise<Application> {
  const now = app.now();
  return app.db.transaction(async (tx) => {
    const { a, term } = await ownApplication(tx, userId, id);
    if (a.status === 'declined') return toApplication((await repo.findApplication(tx, id))!);
    if (a.status !== 'offered') throw nsError('OFFER_NOT_PENDING', 409);
    await repo.setStatus(tx, id, { status: 'declined', reason: '本人放弃名额，已顺延给候补', now });
    await releasePayment(app, tx, id, now); // an offer has no paid order: this only ends a hold
    await releaseSeat(tx, term.id, a.course_id, userId);
    await fillFromWaitlist(app, tx, term, a.course_id, now);
    return toApplication((await repo.findApplication(tx, id))!);
  });
}

/** The job: offers past their deadline expire and their seats pass down the waitlist. */
export async function expireOffers(
  app: FastifyInstance,
  tx: Queryable,
  now: Date,
): Promise<number> {
  const due = await repo.dueOffers(tx, now);
  const touched = new Set<string>();
  for (const o of due) {
    // a paid course's offer is taken by paying: say so, not 确认
    const missed = o.paid ? '未在支付时限内完成支付' : '未在确认期限内确认';
    await repo.setStatus(tx, o.id, {
      status: 'expired',
      reason: `${missed}，名额已顺延给候补`,
      now,
    });
    await notify(app, tx, {
      userId: o.user_id,
      kind: 'offer',
      title: '夜校名额已过期',
      body: `录取名额${missed}，已顺延给候补学员。`,
      link: '/features/night-school/pages/mine/index',
    });
    await releaseSeat(tx, o.term_id, o.course_id, o.user_id);
    touched.add(`${o.term_id}:${o.course_id}`);
  }
  for (const key of touched) {
    const [termId, courseId] = key.split(':');
    const term = (await repo.findTerm(tx, termId))!;
    await fillFromWaitlist(app, tx, term, courseId, now);
  }
  return due.length;
}

// ---- 我的夜校
export async function mine(app: FastifyInstance, userId: string): Promise<MyNightSchool> {
  const now = app.now();
  const current = await repo.findCurrentTerm(app.db, now);
  const apps = await repo.listMyApplications(app.db, userId, null);
  const courseIds = [...new Set(apps.map((a) => a.course_id))];
  const courses = new Map<string, repo.CourseRow>();
  for (const id of courseIds) courses.set(id, (await repo.findCourse(app.db, id))!);
  const marks = await repo.attendanceOf(app.db, userId, courseIds);
  const payments = await paymentsOf(app.db, 'ns_application', userId);
  const items = apps.map((a) => {
    const c = courses.get(a.course_id)!;
    const dates = sessionDates(c.start_date, c.weekday as IsoWeekday, c.sessions);
    const attendance =
      a.status === 'confirmed'
        ? dates.map((date, i) => {
            const mark = marks.find((m) => m.course_id === c.id && m.session_no === i + 1);
            const ended = new Date(sessionInstant(date, c.end_time)) <= now;
            return {
              sessionNo: i + 1,
              date,
              status: mark ? mark.status : ended ? ('unmarked' as const) : ('upcoming' as const),
            };
          })
        : [];
    return {
      application: toApplication(a),
      course: toCourse(c),
      attendance,
      payment: payments.get(a.id) ?? null,
    };
  });
  const barred = current ? await noShowBar(app.db, current, userId) : null;
  return { items, barred };
}

// ---- organizer views
export async function roster(app: FastifyInstance, auth: AuthUser, courseId: string) {
  const { course } = await managedCourse(app, auth, courseId);
  const rows = await repo.listCourseApplications(app.db, courseId);
  const counts = new Map(
    (await repo.attendanceCounts(app.db, courseId)).map((r) => [r.user_id, r]),
  );
  const marks = await repo.courseMarks(app.db, courseId);
  const marksOf = (userId: string) =>
    Array.from(
      { length: course.sessions },
      (_, i) => marks.find((m) => m.user_id === userId && m.session_no === i + 1)?.status ?? null,
    );
  return {
    course: toCourse(course),
    sessionsBegun: sessionsBegun(course, app.now()),
    items: rows.map((r) => ({
      applicationId: r.id,
      userId: r.user_id,
      name: r.name,
      phoneMasked: r.phone_masked,
      status: r.status,
      reason: toApplication(r).reason,
      waitPosition: toApplication(r).waitPosition,
      presentCount: counts.get(r.user_id)?.present ?? 0,
      absentCount: counts.get(r.user_id)?.absent ?? 0,
      marks: marksOf(r.user_id),
    })),
  };
}

export async function termStats(
  app: FastifyInstance,
  auth: AuthUser,
  termId: string,
): Promise<TermStats> {
  const term = await managedTerm(app, auth, termId);
  const courses = await repo.listCourses(app.db, { termId });
  const counts = await repo.countByStatus(app.db, termId);
  const n = (courseId: string, status: string) =>
    counts.find((c) => c.course_id === courseId && c.status === status)?.n ?? 0;
  const seats = courses.reduce((s, c) => s + c.capacity, 0);
  const applicants = await repo.countDistinctApplicants(app.db, termId);
  return {
    term: toTerm(term, app.now()),
    totals: {
      applicants,
      seats,
      confirmed: counts.filter((c) => c.status === 'confirmed').reduce((s, c) => s + c.n, 0),
      ratio: applicantRatio(applicants, seats),
    },
    courses: courses.map((c) => ({
      courseId: c.id,
      title: c.title,
      sessions: c.sessions,
      applicants: c.applicants,
      capacity: c.capacity,
      taken: c.taken,
      confirmed: n(c.id, 'confirmed'),
      offered: n(c.id, 'offered'),
      waitlisted: n(c.id, 'waitlisted'),
      ratio: applicantRatio(c.applicants, c.capacity),
    })),
  };
}

// ---- appeals
function toAppeal(a: repo.AppealRow): Appeal {
  return {
    id: a.id,
    userId: a.user_id,
    name: a.name,
    termId: a.term_id,
    termName: a.term_name,
    reason: a.reason,
    status: a.status,
    createdAt: new Date(a.created_at).toISOString(),
  };
}

/** A barred person explains the absences; staff of the organization decide. */
export async function appeal(
  app: FastifyInstance,
  userId: string,
  reason: string,
): Promise<Appeal> {
  const current = await repo.findCurrentTerm(app.db, app.now());
  const bar = current ? await noShowBar(app.db, current, userId) : null;
  if (!bar) throw nsError('APPEAL_NOT_NEEDED', 409);
  const id = await app.db.transaction((tx) =>
    repo.insertAppeal(tx, userId, bar.termId, reason.trim(), app.now()),
  );
  if (!id) throw nsError('APPEAL_EXISTS', 409);
  return toAppeal((await repo.findAppeal(app.db, id))!);
}

export async function listAppeals(app: FastifyInstance, auth: AuthUser): Promise<Appeal[]> {
  return (await repo.listAppeals(app.db, auth.role === 'admin' ? null : auth.orgIds)).map(toAppeal);
}

export async function decideAppeal(
  app: FastifyInstance,
  auth: AuthUser,
  id: string,
  decision: 'accepted' | 'rejected',
): Promise<Appeal> {
  const a = await repo.findAppeal(app.db, id);
  if (!a || !canManageOrg(auth, a.org_id)) throw nsError('APPEAL_NOT_FOUND', 404);
  const decided = await app.db.transaction(async (tx) => {
    if (!(await repo.decideAppeal(tx, id, decision, auth.id, app.now()))) return false;
    await audit(app, tx, auth, {
      action: 'night_school.appeal.decide',
      entity: 'ns_appeal',
      entityId: id,
      before: { status: 'pending' },
      after: { status: decision },
    });
    return true;
  });
  if (!decided) throw nsError('APPEAL_DECIDED', 409);
  return toAppeal((await repo.findAppeal(app.db, id))!);
}

/** The timed job: a place about to lapse (within 6 h) is pointed out to its holder once. */
export async function offerReminderJob(
  app: FastifyInstance,
  tx: Queryable,
  now: Date,
): Promise<number> {
  const due = await repo.offersToRemind(tx, now, OFFER_REMINDER_MS);
  for (const d of due) {
    const course = await repo.findCourse(tx, d.course_id);
    await notify(app, tx, {
      userId: d.user_id,
      kind: 'offer',
      title: '夜校名额即将过期',
      body: `${course?.title ?? '您的课程'}名额将于 ${beijingTime(new Date(d.offer_expires_at))} 过期，请尽快在「我的夜校」确认。`,
      link: '/features/night-school/pages/mine/index',
    });
  }
  return due.length;
}
