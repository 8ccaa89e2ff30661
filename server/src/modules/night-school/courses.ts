// Organizers create and edit courses. Everything about a course may change, with three promises
// to the people already in it: capacity never drops below the seats taken, the schedule stays
// put once the first session has begun (attendance is kept per session number), and a new time
// or place reaches every applicant in 消息 in the same transaction as the change.
import type { FastifyInstance } from 'fastify';
import type { Course, CreateCourseBody, UpdateCourseBody } from '@/contract/night-school';
import { isCalendarDate } from '@/contract/beijing-time';
import {
  formatSessionDate,
  sessionDates,
  sessionInstant,
  WEEKDAY_LABELS,
  type IsoWeekday,
} from '@/contract/night-school-rules';
import type { AuthUser } from '../../plugins/auth';
import type { Queryable } from '../../db/db';
import { audit } from '../../lib/audit';
import { notify } from '../messages/service';
import { nsError } from './errors';
import { managedCourse, managedTerm } from './managed';
import { toCourse } from './present';
import * as repo from './repo';
import { fillFromWaitlist } from './seats';
import { assertCanCharge } from '../payments/checkout';

type CourseFields = Omit<repo.NewCourse, 'term_id'>;

const SCHEDULE = ['weekday', 'start_time', 'end_time', 'start_date', 'sessions'] as const;
const PLACE = ['venue_name', 'venue_address', 'district', 'lat', 'lng'] as const;

/** The body checked and trimmed into columns, or a 400 with the first thing wrong. */
function validFields(b: CreateCourseBody): CourseFields {
  const f: CourseFields = {
    title: b.title.trim(),
    category: b.category.trim(),
    teacher: b.teacher.trim(),
    description: b.description?.trim() ?? '',
    venue_name: b.venueName.trim(),
    venue_address: b.venueAddress.trim(),
    district: b.district.trim(),
    lat: b.lat,
    lng: b.lng,
    weekday: b.weekday,
    start_time: b.startTime,
    end_time: b.endTime,
    start_date: b.startDate,
    sessions: b.sessions,
    capacity: b.capacity,
    fee_fen: b.feeFen ?? 0,
  };
  if (!f.title || !f.category || !f.teacher || !f.venue_name || !f.venue_address || !f.district)
    throw nsError('COURSE_TEXT_BLANK', 400);
  if (!Number.isInteger(f.capacity) || f.capacity <= 0 || f.capacity > 10_000)
    throw nsError('CAPACITY_INVALID', 400);
  if (!Number.isInteger(f.sessions) || f.sessions < 1 || f.sessions > 40)
    throw nsError('SESSIONS_INVALID', 400);
  if (f.end_time <= f.start_time) throw nsError('SLOT_INVALID', 400);
  if (!isCalendarDate(f.start_date)) throw nsError('START_DATE_INVALID', 400);
  return f;
}

const asBody = (c: repo.CourseRow): CreateCourseBody => ({
  title: c.title,
  category: c.category,
  teacher: c.teacher,
  description: c.description,
  venueName: c.venue_name,
  venueAddress: c.venue_address,
  district: c.district,
  lat: Number(c.lat),
  lng: Number(c.lng),
  weekday: c.weekday,
  startTime: c.start_time,
  endTime: c.end_time,
  startDate: c.start_date,
  sessions: c.sessions,
  capacity: c.capacity,
  feeFen: c.fee_fen,
});

const firstDate = (f: Pick<CourseFields, 'start_date' | 'weekday'>) =>
  sessionDates(f.start_date, f.weekday as IsoWeekday, 1)[0];
const firstSession = (f: Pick<CourseFields, 'start_date' | 'weekday' | 'start_time'>) =>
  new Date(sessionInstant(firstDate(f), f.start_time));

export async function createCourse(
  app: FastifyInstance,
  auth: AuthUser,
  termId: string,
  body: CreateCourseBody,
): Promise<Course> {
  await managedTerm(app, auth, termId);
  const fields = validFields(body);
  // a paid course nobody could pay for would hold its seats for nothing
  assertCanCharge(app, fields.fee_fen);
  const id = await app.db.transaction(async (tx) => {
    const courseId = await repo.insertCourse(tx, { term_id: termId, ...fields });
    await audit(app, tx, auth, {
      action: 'night_school.course.create',
      entity: 'ns_course',
      entityId: courseId,
      after: { termId, title: fields.title, capacity: fields.capacity, feeFen: fields.fee_fen },
    });
    return courseId;
  });
  return toCourse((await repo.findCourse(app.db, id))!);
}

export async function updateCourse(
  app: FastifyInstance,
  auth: AuthUser,
  courseId: string,
  body: UpdateCourseBody,
): Promise<Course> {
  const { course } = await managedCourse(app, auth, courseId);
  const now = app.now();
  await app.db.transaction(async (tx) => {
    // the term first, then the course: the lock order of applications and the draw
    const term = (await repo.findTerm(tx, course.term_id, 'share'))!;
    const before = (await repo.findCourse(tx, courseId, true))!;
    const next = validFields({ ...asBody(before), ...body });
    const changed = (Object.keys(next) as Array<keyof CourseFields>).filter(
      (k) => String(next[k]) !== String(before[k]),
    );
    if (changed.length === 0) return;
    const scheduleChanged = changed.some((k) => (SCHEDULE as readonly string[]).includes(k));
    if (scheduleChanged) {
      if (firstSession(before) <= now) throw nsError('COURSE_STARTED', 409);
      if (firstSession(next) <= now) throw nsError('SCHEDULE_IN_PAST', 400);
    }
    if (!(await repo.updateCourse(tx, courseId, next))) {
      throw nsError('CAPACITY_BELOW_TAKEN', 409, `名额不能低于已占用的${before.taken}个名额`);
    }
    // Raised capacity goes to the waitlist at once (first come), or after the draw (lottery).
    if (next.capacity > before.capacity && (term.allocation === 'first_come' || term.drawn_at)) {
      await fillFromWaitlist(app, tx, term, courseId, now);
    }
    const placeChanged = changed.some((k) => (PLACE as readonly string[]).includes(k));
    if (scheduleChanged || placeChanged)
      await tellApplicants(app, tx, courseId, next, scheduleChanged, placeChanged);
    const pick = (f: CourseFields | repo.CourseRow) =>
      Object.fromEntries(changed.map((k) => [k, f[k]]));
    await audit(app, tx, auth, {
      action: 'night_school.course.update',
      entity: 'ns_course',
      entityId: courseId,
      orgId: term.org_id,
      before: pick(before),
      after: pick(next),
    });
  });
  return toCourse((await repo.findCourse(app.db, courseId))!);
}

/** "「陶艺入门」改为每周三 19:00–20:30，共8次，1月13日 周三开课；上课地点改为 …". */
function changeText(f: CourseFields, schedule: boolean, place: boolean): string {
  const parts: string[] = [];
  if (schedule) {
    parts.push(
      `上课时间改为每${WEEKDAY_LABELS[f.weekday]} ${f.start_time}–${f.end_time}，共${f.sessions}次，${formatSessionDate(firstDate(f))}开课`,
    );
  }
  if (place) parts.push(`上课地点改为${f.venue_name}（${f.venue_address}）`);
  return `「${f.title}」${parts.join('；')}。`;
}

async function tellApplicants(
  app: FastifyInstance,
  tx: Queryable,
  courseId: string,
  f: CourseFields,
  schedule: boolean,
  place: boolean,
) {
  const body = changeText(f, schedule, place);
  for (const userId of await repo.liveApplicantIds(tx, courseId)) {
    await notify(app, tx, {
      userId,
      kind: 'course_change',
      title: '夜校课程有变更',
      body,
      link: `/features/night-school/pages/course/index?id=${courseId}`,
    });
  }
}
