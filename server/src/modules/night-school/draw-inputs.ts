// The two inputs of a lottery that nobody holds before the window closes: the applicant list,
// frozen and hashed at the close (a job, or whichever step needs it first), and a value published
// after the close that a second staff member enters — never the one whose request committed the
// seed (also a CHECK in the database). Why: docs/adr/0024-scheduled-mixed-seed-lottery.md.
import type { FastifyInstance } from 'fastify';
import type { Term, PublicValueBody } from '@/contract/night-school';
import { applicantListText } from '@/contract/lottery';
import { sha256Hex } from '@/contract/sha256';
import type { Queryable } from '../../db/db';
import type { AuthUser } from '../../plugins/auth';
import { canManageOrg } from '../../lib/org-access';
import { audit } from '../../lib/audit';
import { nsError } from './errors';
import { pseudonymOf } from './pseudonym';
import { toTerm } from './present';
import * as repo from './repo';
import * as lottery from './lottery-repo';
import * as excellent from './excellent-repo';

/**
 * Freezes a closed lottery term's applicant list (the caller holds the term FOR UPDATE): per
 * course the pseudonyms of those still applied, and the hash of the whole list. Nothing can change
 * the list after the close (applying and withdrawing end there), so freezing later gives the same
 * list; freezing at the close is what lets the hash be published before the public value exists.
 */
export async function freezeApplicants(
  app: FastifyInstance,
  tx: Queryable,
  term: repo.TermRow,
  now: Date,
): Promise<boolean> {
  if (term.allocation !== 'lottery' || term.applicants_frozen_at) return false;
  if (now < new Date(term.closes_at)) return false;
  const courses = await lottery.frozenCourses(tx, term.id);
  const lists: Array<{ courseId: string; applicants: string[] }> = [];
  const owner = new Map<string, string>();
  for (const c of courses) {
    const frozen = (await repo.appliedUserIds(tx, c.id))
      .map((u) => ({ u, p: pseudonymOf(app.config.idHashSecret, term.id, u) }))
      .sort((a, b) => (a.p < b.p ? -1 : a.p > b.p ? 1 : 0));
    // 48 bits make two people sharing a pseudonym in one term a one-in-10^7 event at 2,000
    // applicants; should it happen, stop loudly rather than publish an ambiguous list
    for (const f of frozen) {
      if ((owner.get(f.p) ?? f.u) !== f.u) throw new Error(`term ${term.id}: pseudonym clash`);
      owner.set(f.p, f.u);
    }
    await lottery.saveFrozenCourse(tx, c.id, frozen);
    await excellent.saveFrozenReserved(tx, c.id, await excellent.reservedSeats(tx, c.id));
    lists.push({ courseId: c.id, applicants: frozen.map((f) => f.p) });
  }
  // 优秀学员 free courses taken in the window count toward their holders' limit in the draw
  const heldBefore: Record<string, number> = {};
  for (const h of await excellent.awardHolders(tx, term.id))
    heldBefore[pseudonymOf(app.config.idHashSecret, term.id, h.user_id)] = h.n;
  const hash = sha256Hex(applicantListText(lists));
  return lottery.markFrozen(tx, term.id, { hash, heldBefore }, now);
}

/** The job: every closed lottery term gets its list frozen at the first pass after the close. */
export async function freezeDue(app: FastifyInstance, tx: Queryable, now: Date): Promise<number> {
  let n = 0;
  for (const id of await lottery.termsToFreeze(tx, now)) {
    const term = (await repo.findTerm(tx, id, 'update'))!;
    if (await freezeApplicants(app, tx, term, now)) n += 1;
  }
  return n;
}

/** The second person's value: after the close, once, not by the term's creator. */
export async function enterPublicValue(
  app: FastifyInstance,
  auth: AuthUser,
  termId: string,
  body: PublicValueBody,
): Promise<Term> {
  const now = app.now();
  await app.db.transaction(async (tx) => {
    const term = await repo.findTerm(tx, termId, 'update');
    if (!term || !canManageOrg(auth, term.org_id)) throw nsError('TERM_NOT_FOUND', 404);
    if (term.allocation !== 'lottery') throw nsError('NOT_LOTTERY', 409);
    if (now < new Date(term.closes_at)) throw nsError('PUBLIC_VALUE_TOO_EARLY', 409);
    if (term.created_by === auth.id) throw nsError('PUBLIC_VALUE_SAME_STAFF', 403);
    // the list is fixed before the value is recorded, even if the freeze job has not run yet
    await freezeApplicants(app, tx, term, now);
    const value = body.value.trim();
    const source = body.source.trim();
    if (!(await lottery.setPublicValue(tx, termId, { value, source, by: auth.id, now })))
      throw nsError('PUBLIC_VALUE_SET', 409);
    await audit(app, tx, auth, {
      action: 'night_school.public_value',
      entity: 'ns_term',
      entityId: termId,
      orgId: term.org_id,
      after: { value, source },
    });
  });
  return toTerm((await repo.findTerm(app.db, termId))!, app.now());
}
