// What the public draw page shows: the committed hash, and after the close the frozen list and its
// hash, the public value, and after the draw the seed, the mixed seed and every ranking — by
// pseudonym only. 查我的号 tells a signed-in resident which pseudonym and places are theirs.
import type { FastifyInstance } from 'fastify';
import type { Draw, MyDraw } from '@/contract/night-school';
import { toIso } from '../../lib/format-time';
import { nsError } from './errors';
import { pseudonymOf } from './pseudonym';
import * as repo from './repo';
import * as lottery from './lottery-repo';

const isoOrNull = (v: Date | string | null) => (v === null ? null : toIso(v));

export async function getDraw(app: FastifyInstance, termId: string): Promise<Draw> {
  const term = await repo.findTerm(app.db, termId);
  if (!term) throw nsError('TERM_NOT_FOUND', 404);
  const courses =
    term.applicants_frozen_at || term.drawn_at ? await lottery.frozenCourses(app.db, termId) : [];
  const drawn = term.drawn_at !== null;
  // terms drawn before algorithm 2 stored user ids only: they are shown by pseudonym too
  const nameOf = (userId: string) => pseudonymOf(app.config.idHashSecret, termId, userId);
  return {
    termId: term.id,
    termName: term.name,
    orgName: term.org_name,
    algorithm: term.draw_algorithm,
    seedHash: term.seed_hash,
    seed: drawn ? term.seed : null,
    closesAt: toIso(term.closes_at),
    drawAt: isoOrNull(term.draw_at),
    drawnAt: isoOrNull(term.drawn_at),
    applicantsFrozenAt: isoOrNull(term.applicants_frozen_at),
    applicantListHash: term.applicant_list_hash,
    publicValue: term.public_value,
    publicValueSource: term.public_value_source,
    publicValueAt: isoOrNull(term.public_value_at),
    drawSeed: term.draw_seed,
    maxCoursesPerPerson: term.max_courses_per_person,
    heldBefore: term.frozen_held_before ?? {},
    courses: courses.map((c) => ({
      courseId: c.id,
      title: c.title,
      capacity: lottery.lotterySeats(c),
      reserved: c.frozen_reserved ?? 0,
      applicants: (c.frozen_applicants ?? []).map((f) => f.p),
      ranking: drawn
        ? (c.ranking ?? []).map((r) => ({
            rank: r.rank,
            pseudonym: r.pseudonym ?? nameOf(r.userId),
            ticket: r.ticket,
            outcome: r.outcome,
            reason: r.reason,
          }))
        : [],
    })),
  };
}

/** 查我的号: only the caller's own entries; a person who did not apply gets no pseudonym. */
export async function myDraw(
  app: FastifyInstance,
  userId: string,
  termId: string,
): Promise<MyDraw> {
  const term = await repo.findTerm(app.db, termId);
  if (!term) throw nsError('TERM_NOT_FOUND', 404);
  const mine = await repo.listMyApplications(app.db, userId, termId);
  if (mine.length === 0) return { termId, pseudonym: null, items: [] };
  const courses = new Map((await lottery.frozenCourses(app.db, termId)).map((c) => [c.id, c]));
  const pseudonym = pseudonymOf(app.config.idHashSecret, termId, userId);
  return {
    termId,
    pseudonym,
    items: mine.flatMap((a) => {
      const c = courses.get(a.course_id);
      if (!c) return [];
      const entry = term.drawn_at ? c.ranking?.find((r) => r.userId === userId) : undefined;
      return [
        {
          courseId: c.id,
          title: c.title,
          rank: entry?.rank ?? null,
          applicants: c.frozen_applicants?.length ?? 0,
          outcome: entry?.outcome ?? null,
          reason: entry?.reason ?? null,
        },
      ];
    }),
  };
}
