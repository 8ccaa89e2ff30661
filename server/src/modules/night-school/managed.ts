// What an organizer may manage: terms and courses of their own organizations. Anything else
// answers exactly like a missing one, so ids of other committees' terms reveal nothing.
import type { FastifyInstance } from 'fastify';
import type { AuthUser } from '../../plugins/auth';
import { canManageOrg } from '../../lib/org-access';
import { nsError } from './errors';
import * as repo from './repo';

export async function managedTerm(
  app: FastifyInstance,
  auth: AuthUser,
  termId: string,
): Promise<repo.TermRow> {
  const t = await repo.findTerm(app.db, termId);
  if (!t || !canManageOrg(auth, t.org_id)) throw nsError('TERM_NOT_FOUND', 404);
  return t;
}

export async function managedCourse(
  app: FastifyInstance,
  auth: AuthUser,
  courseId: string,
): Promise<{ course: repo.CourseRow; term: repo.TermRow }> {
  const course = await repo.findCourse(app.db, courseId);
  const term = course && (await repo.findTerm(app.db, course.term_id));
  if (!course || !term || !canManageOrg(auth, term.org_id)) throw nsError('COURSE_NOT_FOUND', 404);
  return { course, term };
}
