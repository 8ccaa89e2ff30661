// The draw, held at the time announced with the term: the job `night-school.scheduled-draws` runs
// it at its first pass after `draw_at` once the public value is in; staff have no button for it,
// and an admin may only run a draw that is already due (an overdue one, e.g. with jobs switched
// off), audited as such. The ranking and the dealing are src/contract/lottery.ts — the same code
// the public page's 「自己验证」 runs; this file only applies its outcome to the rows.
import type { FastifyInstance } from 'fastify';
import type { Draw } from '@/contract/night-school';
import { computeDraw } from '@/contract/lottery';
import type { Queryable } from '../../db/db';
import type { AuthUser } from '../../plugins/auth';
import { audit, type AuditActor } from '../../lib/audit';
import { canManageOrg } from '../../lib/org-access';
import { beijingTime } from '../../lib/format-time';
import { notify } from '../messages/service';
import { nsError } from './errors';
import { freezeApplicants } from './draw-inputs';
import { getDraw } from './public-draw';
import * as repo from './repo';
import * as lottery from './lottery-repo';
import { limitReason, offerDeadline } from './seats';

const SYSTEM: AuditActor = { id: null, role: 'system' };

/** Draws one due term inside the caller's transaction, the term held FOR UPDATE. */
async function drawTerm(
  app: FastifyInstance,
  tx: Queryable,
  term: repo.TermRow,
  now: Date,
  actor: AuditActor,
): Promise<void> {
  if (term.allocation !== 'lottery') throw nsError('NOT_LOTTERY', 409);
  if (term.drawn_at) throw nsError('ALREADY_DRAWN', 409);
  if (!term.draw_at || now < new Date(term.draw_at)) throw nsError('DRAW_TOO_EARLY', 409);
  if (term.public_value === null) throw nsError('PUBLIC_VALUE_MISSING', 409);
  await freezeApplicants(app, tx, term, now);
  const frozen = await lottery.frozenCourses(tx, term.id);
  const [{ applicant_list_hash: listHash, frozen_held_before: heldBefore }] = await tx.query<{
    applicant_list_hash: string;
    frozen_held_before: Record<string, number> | null;
  }>('SELECT applicant_list_hash, frozen_held_before FROM ns_terms WHERE id = $1', [term.id]);
  // Once per round: the conditional UPDATE lets exactly one draw through.
  if (!(await repo.markDrawn(tx, term.id, now))) throw nsError('ALREADY_DRAWN', 409);

  const result = computeDraw({
    seed: term.seed,
    publicValue: term.public_value,
    maxCoursesPerPerson: term.max_courses_per_person,
    heldBefore: heldBefore ?? {},
    courses: frozen.map((c) => ({
      courseId: c.id,
      capacity: lottery.lotterySeats(c),
      applicants: (c.frozen_applicants ?? []).map((f) => f.p),
    })),
  });
  // the list the draw ranks is the one whose hash was published at the close
  if (result.applicantListHash !== listHash)
    throw new Error(`term ${term.id}: frozen list changed`);
  await lottery.setDrawSeed(tx, term.id, result.drawSeed);

  const deadline = offerDeadline(now, term.confirm_hours);
  for (const c of frozen) {
    const userOf = new Map((c.frozen_applicants ?? []).map((f) => [f.p, f.u]));
    const ranking = result.courses.find((r) => r.courseId === c.id)!.ranking;
    const stored: repo.RankingEntry[] = [];
    for (const e of ranking) {
      const userId = userOf.get(e.pseudonym)!;
      const appId = (await repo.applicationIdOf(tx, c.id, userId))!;
      let reason: string | null = null;
      if (e.outcome === 'offered') {
        // the only seats held before a draw are 优秀学员 ones, outside the dealt capacity and
        // counted in heldBefore, so the guards always pass; if one ever did not, the whole draw
        // rolls back rather than publish what did not happen
        if (
          !(await repo.takeCourseSeat(tx, c.id)) ||
          !(await repo.takePersonSeat(tx, term.id, userId, term.max_courses_per_person))
        )
          throw new Error(`term ${term.id}: seat guard refused a drawn seat`);
        await repo.setStatus(tx, appId, {
          status: 'offered',
          offerExpiresAt: deadline,
          queueNo: e.rank,
          now,
        });
      } else {
        reason =
          e.outcome === 'skipped'
            ? limitReason(term.max_courses_per_person)
            : `未中签（摇号排第${e.rank}位），按摇号顺序候补`;
        await repo.setStatus(tx, appId, { status: e.outcome, reason, queueNo: e.rank, now });
      }
      stored.push({ ...e, userId, reason });
      // every applicant hears the result of every course they applied for, with the reason
      const won = e.outcome === 'offered';
      await notify(app, tx, {
        userId,
        kind: 'lottery_result',
        title: won ? '夜校摇号结果：中签' : '夜校摇号结果：未中签',
        body: won
          ? `${c.title}：恭喜中签！请在 ${beijingTime(deadline)} 前确认，逾期名额顺延。`
          : `${c.title}：${reason}。`,
        link: '/features/night-school/pages/mine/index',
      });
    }
    await lottery.saveRanking(tx, c.id, stored);
  }
  await audit(app, tx, actor, {
    action: 'night_school.draw',
    entity: 'ns_term',
    entityId: term.id,
    orgId: term.org_id,
    after: {
      seed: term.seed,
      drawSeed: result.drawSeed,
      courses: frozen.length,
      overdue: actor.role !== 'system',
    },
  });
}

/** The job: every term whose announced time has come and whose public value is in. */
export async function drawDue(app: FastifyInstance, tx: Queryable, now: Date): Promise<number> {
  let n = 0;
  for (const id of await lottery.termsDue(tx, now)) {
    const term = (await repo.findTerm(tx, id, 'update'))!;
    if (term.drawn_at) continue;
    await drawTerm(app, tx, term, now, SYSTEM);
    n += 1;
  }
  return n;
}

/** An admin runs a draw that is due but has not run (timed jobs off or down); audited by name. */
export async function runOverdueDraw(
  app: FastifyInstance,
  auth: AuthUser,
  termId: string,
): Promise<Draw> {
  await app.db.transaction(async (tx) => {
    const term = await repo.findTerm(tx, termId, 'update');
    if (!term || !canManageOrg(auth, term.org_id)) throw nsError('TERM_NOT_FOUND', 404);
    if (auth.role !== 'admin') throw nsError('DRAW_ONLY_OVERDUE', 403);
    await drawTerm(app, tx, term, app.now(), auth);
  });
  return getDraw(app, termId);
}
