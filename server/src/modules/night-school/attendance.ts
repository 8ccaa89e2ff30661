// Attendance per session. The organizer's phone shows a rotating QR code (a signed token with the
// course, the session and a short expiry) and beside it a 6-digit code for H5, where there is no
// scanner (checkin-pin.ts). A photo of the code sent to a friend stops working within
// CODE_TTL_SECONDS. Either works only inside the session's check-in window (checkin-window.ts);
// staff mark by hand once a session has begun. Sessions that ended with no record count as absent
// (job), and absences in a term bar the person from the next.
import type { FastifyInstance } from 'fastify';
import type { CheckinCode, CheckinResult } from '@/contract/night-school';
import type { AuthUser } from '../../plugins/auth';
import type { Queryable } from '../../db/db';
import { canManageOrg } from '../../lib/org-access';
import { qrDataUrl } from '../../lib/qr';
import { wxacodePath } from '../wxacode/service';
import { signToken, verifyToken } from '../../lib/signed-token';
import { nsError } from './errors';
import { assertBegun, assertOpen, sessionForNow, sessionWindow } from './checkin-window';
import { currentPin, pinMatches } from './checkin-pin';
import * as repo from './repo';
import { audit } from '../../lib/audit';

export const CHECKIN_PURPOSE = 'ns-checkin';
export const CODE_TTL_SECONDS = 90;
/** Minutes after a session ends before a missing check-in counts as a no-show (hand marks first). */
export const ABSENCE_GRACE_MINUTES = 12 * 60;

async function managedCourse(app: FastifyInstance, auth: AuthUser, courseId: string) {
  const course = await repo.findCourse(app.db, courseId);
  const term = course && (await repo.findTerm(app.db, course.term_id));
  if (!course || !term || !canManageOrg(auth, term.org_id)) throw nsError('COURSE_NOT_FOUND', 404);
  return course;
}

export async function checkinCode(
  app: FastifyInstance,
  auth: AuthUser,
  courseId: string,
  sessionNo: number,
): Promise<CheckinCode> {
  const course = await managedCourse(app, auth, courseId);
  const now = app.now();
  const window = sessionWindow(course, sessionNo, now);
  if (window.state !== 'open')
    return { ...window, code: null, qrDataUrl: null, wxacodeUrl: null, expiresAt: null, pin: null };
  const exp = Math.floor(now.getTime() / 1000) + CODE_TTL_SECONDS;
  const code = signToken(app.codeSecret, {
    p: CHECKIN_PURPOSE,
    s: `${course.id}:${sessionNo}`,
    exp,
  });
  return {
    ...window,
    code,
    qrDataUrl: await qrDataUrl(code),
    wxacodeUrl: await wxacodePath(app, 'ns-checkin', code, new Date(exp * 1000)),
    expiresAt: new Date(exp * 1000).toISOString(),
    pin: currentPin(app.codeSecret, course.id, sessionNo, now).pin,
  };
}

/** Marks the student present (self check-in), inside the session's window; a second time says so. */
async function selfCheckIn(
  app: FastifyInstance,
  course: repo.CourseRow,
  sessionNo: number,
  userId: string,
  now: Date,
): Promise<CheckinResult> {
  return app.db.transaction(async (tx) => {
    if (!(await repo.hasSeat(tx, course.id, userId))) throw nsError('NOT_ENROLLED', 403);
    assertOpen(sessionWindow(course, sessionNo, now));
    const prev = await repo.markAttendance(tx, {
      courseId: course.id,
      sessionNo,
      userId,
      status: 'present',
      method: 'scan',
      now,
    });
    return {
      courseId: course.id,
      courseTitle: course.title,
      sessionNo,
      status: 'present' as const,
      alreadyCheckedIn: prev === 'present',
    };
  });
}

export async function checkIn(
  app: FastifyInstance,
  userId: string,
  code: string,
): Promise<CheckinResult> {
  const now = app.now();
  const v = verifyToken(app.codeSecret, code, CHECKIN_PURPOSE, now);
  if (!v.ok)
    throw v.reason === 'expired'
      ? nsError('CHECKIN_CODE_EXPIRED', 410)
      : nsError('CHECKIN_CODE_INVALID', 400);
  const [courseId, no] = v.payload.s.split(':');
  const course = await repo.findCourse(app.db, courseId);
  if (!course) throw nsError('CHECKIN_CODE_INVALID', 400);
  return selfCheckIn(app, course, Number(no), userId, now);
}

/**
 * H5 check-in by the 6-digit code: the student names the course, the session is the one whose
 * window is open now. Seat and window are checked before the code, so the code is only ever
 * compared for an enrolled student during a session (and every attempt counts against the
 * per-person limit on the route).
 */
export async function checkInByPin(
  app: FastifyInstance,
  userId: string,
  courseId: string,
  pin: string,
): Promise<CheckinResult> {
  const now = app.now();
  const course = await repo.findCourse(app.db, courseId);
  if (!course) throw nsError('COURSE_NOT_FOUND', 404);
  if (!(await repo.hasSeat(app.db, courseId, userId))) throw nsError('NOT_ENROLLED', 403);
  const window = sessionForNow(course, now);
  assertOpen(window);
  if (!pinMatches(app.codeSecret, courseId, window.sessionNo, pin, now))
    throw nsError('CHECKIN_PIN_WRONG', 400);
  return selfCheckIn(app, course, window.sessionNo, userId, now);
}

export async function markByHand(
  app: FastifyInstance,
  auth: AuthUser,
  courseId: string,
  sessionNo: number,
  userId: string,
  status: 'present' | 'absent',
): Promise<{ ok: true }> {
  const course = await managedCourse(app, auth, courseId);
  assertBegun(course, sessionNo, app.now());
  await app.db.transaction(async (tx) => {
    if (!(await repo.hasSeat(tx, courseId, userId)))
      throw nsError('NOT_ENROLLED', 404, '该学员没有这门课的正式名额');
    await repo.markAttendance(tx, {
      courseId,
      sessionNo,
      userId,
      status,
      method: 'manual',
      now: app.now(),
    });
    await audit(app, tx, auth, {
      action: 'night_school.attendance.manual',
      entity: 'ns_attendance',
      entityId: `${courseId}/${sessionNo}/${userId}`,
      after: { status },
    });
  });
  return { ok: true };
}

export function markMissed(tx: Queryable, now: Date): Promise<number> {
  return repo.markMissedSessions(tx, now, ABSENCE_GRACE_MINUTES);
}
