// Rows → API shapes. Instants leave as ISO strings (the idempotency store keeps responses as JSON).
import type { Application, Course, Term } from '@/contract/night-school';
import { applicantRatio, sessionDates, type IsoWeekday } from '@/contract/night-school-rules';
import type { ApplicationRow, CourseRow, TermRow } from './repo';
import { toIso as iso } from '../../lib/format-time';

const isoOrNull = (v: Date | string | null) => (v === null ? null : iso(v));

export function termPhase(t: TermRow, now: Date): Term['phase'] {
  if (t.drawn_at) return 'drawn';
  if (now < new Date(t.opens_at)) return 'upcoming';
  if (now < new Date(t.closes_at)) return 'open';
  return 'closed';
}

export function toTerm(t: TermRow, now: Date): Term {
  return {
    id: t.id,
    orgId: t.org_id,
    orgName: t.org_name,
    name: t.name,
    allocation: t.allocation,
    opensAt: iso(t.opens_at),
    closesAt: iso(t.closes_at),
    maxApplicationsPerPerson: t.max_applications_per_person,
    maxCoursesPerPerson: t.max_courses_per_person,
    minAge: t.min_age,
    maxAge: t.max_age,
    confirmHours: t.confirm_hours,
    noShowLimit: t.no_show_limit,
    seedHash: t.seed_hash,
    // The seed stays secret until the draw: revealing it earlier would let anyone predict the result.
    seed: t.drawn_at ? t.seed : null,
    drawnAt: isoOrNull(t.drawn_at),
    drawAt: isoOrNull(t.draw_at),
    publicValue: t.public_value,
    publicValueSource: t.public_value_source,
    phase: termPhase(t, now),
  };
}

export function toCourse(c: CourseRow): Course {
  return {
    id: c.id,
    termId: c.term_id,
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
    sessionDates: sessionDates(c.start_date, c.weekday as IsoWeekday, c.sessions),
    capacity: c.capacity,
    feeFen: c.fee_fen,
    taken: c.taken,
    applicants: c.applicants,
    ratio: applicantRatio(c.applicants, c.capacity),
  };
}

export function toApplication(a: ApplicationRow): Application {
  return {
    id: a.id,
    courseId: a.course_id,
    termId: a.term_id,
    status: a.status,
    reason:
      a.status === 'waitlisted' && !a.reason
        ? `候补第${a.wait_position}位，有人放弃时按顺序递补`
        : a.reason,
    waitPosition: a.status === 'waitlisted' ? a.wait_position : null,
    offerExpiresAt: a.status === 'offered' ? isoOrNull(a.offer_expires_at) : null,
    createdAt: iso(a.created_at),
  };
}
