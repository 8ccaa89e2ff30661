// Attendance per session. The organizer's phone shows a rotating QR code (a signed token with the
// course, the session and a short expiry); the attendee scans it (Taro.scanCode, or types it in
// H5). A photo of the code sent to a friend stops working within CODE_TTL_SECONDS. Sessions that
// ended with no record count as absent (job), and absences in a term bar the person from the next.
import type { FastifyInstance } from 'fastify';
import type { CheckinCode, CheckinResult } from '@/contract/night-school';
import { sessionDates, type IsoWeekday } from '@/contract/night-school-rules';
import type { AuthUser } from '../../plugins/auth';
import type { Queryable } from '../../db/db';
import { canManageOrg } from '../../lib/org-access';
import { qrDataUrl } from '../../lib/qr';
import { wxacodePath } from '../wxacode/service';
import { signToken, verifyToken } from '../../lib/signed-token';
import { nsError } from './errors';
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

function sessionDate(course: repo.CourseRow, sessionNo: number): string {
  if (sessionNo < 1 || sessionNo > course.sessions) throw nsError('SESSION_NOT_FOUND', 404);
  return sessionDates(course.start_date, course.weekday as IsoWeekday, course.sessions)[
    sessionNo - 1
  ];
}

export async function checkinCode(
  app: FastifyInstance,
  auth: AuthUser,
  courseId: string,
  sessionNo: number,
): Promise<CheckinCode> {
  const course = await managedCourse(app, auth, courseId);
  const date = sessionDate(course, sessionNo);
  const exp = Math.floor(app.now().getTime() / 1000) + CODE_TTL_SECONDS;
  const code = signToken(app.codeSecret, {
    p: CHECKIN_PURPOSE,
    s: `${course.id}:${sessionNo}`,
    exp,
  });
  return {
    code,
    qrDataUrl: await qrDataUrl(code),
    wxacodeUrl: await wxacodePath(app, 'ns-checkin', code, new Date(exp * 1000)),
    expiresAt: new Date(exp * 1000).toISOString(),
    sessionNo,
    date,
  };
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
  const sessionNo = Number(no);
  return app.db.transaction(async (tx) => {
    const course = await repo.findCourse(tx, courseId);
    if (!course) throw nsError('CHECKIN_CODE_INVALID', 400);
    if (!(await repo.hasSeat(tx, courseId, userId))) throw nsError('NOT_ENROLLED', 403);
    const prev = await repo.markAttendance(tx, {
      courseId,
      sessionNo,
      userId,
      status: 'present',
      method: 'scan',
      now,
    });
    return {
      courseId,
      courseTitle: course.title,
      sessionNo,
      status: 'present' as const,
      alreadyCheckedIn: prev === 'present',
    };
  });
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
  sessionDate(course, sessionNo);
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
