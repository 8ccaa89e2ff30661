// The verifiable lottery. At the draw the seed is revealed and, per course:
//   applicantIds     = ids of the course's applicants, ascending as integers
//   applicantListHash = sha256(applicantIds.join('\n'))
//   ticket(user)     = sha256(seed + ':' + courseId + ':' + userId), hex
//   ranking          = applicants by ticket ascending (ties by user id)
// Seats then go round by round — every course's rank 1, then every course's rank 2, … (courses by
// id) — so no course's order decides a person's chances in another. A person who already holds
// the term's limit of seats is skipped with the reason; the rest of each ranking forms the
// course's waitlist in ranking order. Anyone can recompute this from GET /terms/:id/draw.
import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { Draw } from '@/contract/night-school';
import {
  applicantListText,
  rankByTickets,
  sortApplicantIds,
  ticketText,
} from '@/contract/night-school-rules';
import type { AuthUser } from '../../plugins/auth';
import { canManageOrg } from '../../lib/org-access';
import { nsError } from './errors';
import { audit } from '../../lib/audit';
import { beijingTime } from '../../lib/format-time';
import { notify } from '../messages/service';
import * as repo from './repo';
import { limitReason, offerDeadline } from './seats';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

export function rankCourse(seed: string, courseId: string, applicantIds: string[]) {
  return rankByTickets(applicantIds, (userId) => sha256(ticketText(seed, courseId, userId)));
}

export async function runDraw(app: FastifyInstance, auth: AuthUser, termId: string): Promise<Draw> {
  const now = app.now();
  await app.db.transaction(async (tx) => {
    const term = await repo.findTerm(tx, termId, 'update');
    if (!term || !canManageOrg(auth, term.org_id)) throw nsError('TERM_NOT_FOUND', 404);
    if (term.allocation !== 'lottery') throw nsError('NOT_LOTTERY', 409);
    if (now < new Date(term.closes_at)) throw nsError('DRAW_TOO_EARLY', 409);
    // Once per round: the conditional UPDATE lets exactly one draw through.
    if (!(await repo.markDrawn(tx, termId, now))) throw nsError('ALREADY_DRAWN', 409);

    const courses = await repo.listCourses(tx, { termId });
    courses.sort((a, b) => Number(a.id) - Number(b.id));
    const rankings = new Map<string, Array<repo.RankingEntry>>();
    const appIds = new Map<string, string>();
    for (const c of courses) {
      const ids = sortApplicantIds(await repo.appliedUserIds(tx, c.id));
      const ranking = rankCourse(term.seed, c.id, ids).map((r, i) => ({
        rank: i + 1,
        ...r,
        outcome: 'waitlisted',
        reason: null as string | null,
      }));
      rankings.set(c.id, ranking);
      for (const r of ranking)
        appIds.set(`${c.id}:${r.userId}`, (await repo.applicationIdOf(tx, c.id, r.userId))!);
    }

    const depth = Math.max(0, ...[...rankings.values()].map((r) => r.length));
    const full = new Set<string>();
    for (let rank = 0; rank < depth; rank++) {
      for (const c of courses) {
        const entry = rankings.get(c.id)![rank];
        if (!entry) continue;
        const appId = appIds.get(`${c.id}:${entry.userId}`)!;
        if (!full.has(c.id) && (await repo.takeCourseSeat(tx, c.id))) {
          if (await repo.takePersonSeat(tx, term.id, entry.userId, term.max_courses_per_person)) {
            entry.outcome = 'offered';
            await repo.setStatus(tx, appId, {
              status: 'offered',
              offerExpiresAt: offerDeadline(now, term.confirm_hours),
              queueNo: entry.rank,
              now,
            });
          } else {
            await repo.releaseCourseSeat(tx, c.id);
            entry.outcome = 'skipped';
            entry.reason = limitReason(term.max_courses_per_person);
            await repo.setStatus(tx, appId, {
              status: 'skipped',
              reason: entry.reason,
              queueNo: entry.rank,
              now,
            });
          }
        } else {
          full.add(c.id);
          entry.reason = `未中签（摇号排第${entry.rank}位），按摇号顺序候补`;
          await repo.setStatus(tx, appId, {
            status: 'waitlisted',
            reason: entry.reason,
            queueNo: entry.rank,
            now,
          });
        }
      }
    }
    for (const c of courses) {
      const ids = sortApplicantIds(rankings.get(c.id)!.map((r) => r.userId));
      await repo.publishDraw(tx, c.id, ids, sha256(applicantListText(ids)), rankings.get(c.id)!);
      // every applicant hears the result of every course they applied for, with the reason
      for (const entry of rankings.get(c.id)!) {
        const won = entry.outcome === 'offered';
        await notify(app, tx, {
          userId: entry.userId,
          kind: 'lottery_result',
          title: won ? '夜校摇号结果：中签' : '夜校摇号结果：未中签',
          body: won
            ? `${c.title}：恭喜中签！请在 ${beijingTime(offerDeadline(now, term.confirm_hours))} 前确认，逾期名额顺延。`
            : `${c.title}：${entry.reason ?? '未中签'}。`,
          link: '/features/night-school/pages/mine/index',
        });
      }
    }
    await audit(app, tx, auth, {
      action: 'night_school.draw',
      entity: 'ns_term',
      entityId: termId,
      orgId: term.org_id,
      after: { seed: term.seed, courses: courses.length },
    });
  });
  return getDraw(app, termId);
}

/** The published draw: anyone may read it and recompute the ranking. */
export async function getDraw(app: FastifyInstance, termId: string): Promise<Draw> {
  const term = await repo.findTerm(app.db, termId);
  if (!term) throw nsError('TERM_NOT_FOUND', 404);
  const courses = term.drawn_at ? await repo.listCourses(app.db, { termId }) : [];
  courses.sort((a, b) => Number(a.id) - Number(b.id));
  return {
    termId: term.id,
    seedHash: term.seed_hash,
    seed: term.drawn_at ? term.seed : null,
    drawnAt: term.drawn_at ? new Date(term.drawn_at).toISOString() : null,
    courses: courses.map((c) => ({
      courseId: c.id,
      title: c.title,
      capacity: c.capacity,
      applicantIds: c.applicant_ids ?? [],
      applicantListHash: c.applicant_list_hash ?? sha256(''),
      ranking: c.ranking ?? [],
    })),
  };
}
