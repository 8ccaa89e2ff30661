// 费用减免: a family applies for a child, the committee decides. The decision reaches the family as
// a message in the same transaction, and is audited; the family and the committee alone see it.
import type { FastifyInstance } from 'fastify';
import {
  REDUCTION_CATEGORIES,
  REDUCTION_ERRORS,
  reductionLabel,
  type ApplyReductionBody,
  type DecideReductionBody,
  type Reduction,
  type ReductionErrorCode,
  type ReductionList,
  type ReductionQuery,
} from '@/contract/fee-reductions';
import type { AuthUser } from '../../plugins/auth';
import { AppError } from '../../errors';
import { audit } from '../../lib/audit';
import { toIso } from '../../lib/format-time';
import { isUniqueViolation } from '../../lib/pg-errors';
import { ccError } from '../childcare/errors';
import * as childcareRepo from '../childcare/repo';
import { ownFile } from '../files/service';
import { fileError } from '../files/errors';
import { notify } from '../messages/service';
import * as repo from './repo';

const rdError = (code: ReductionErrorCode, status: number) =>
  new AppError(code, REDUCTION_ERRORS[code], status);

const present = (r: repo.ReductionRow): Reduction => ({
  id: r.id,
  programmeId: r.programme_id,
  programmeName: r.programme_name,
  childId: r.child_id,
  childName: r.child_name,
  category: r.category,
  note: r.note,
  fileId: r.file_id,
  status: r.status,
  percentOff: r.percent_off,
  decisionNote: r.decision_note,
  createdAt: toIso(r.created_at),
  decidedAt: r.decided_at ? toIso(r.decided_at) : null,
});

export async function apply(
  app: FastifyInstance,
  auth: AuthUser,
  body: ApplyReductionBody,
): Promise<Reduction> {
  const note = body.note?.trim() ?? '';
  if (body.category === 'other' && !note) throw rdError('REDUCTION_NOTE_REQUIRED', 400);
  if (!(await childcareRepo.findProgramme(app.db, body.programmeId)))
    throw ccError('CC_PROGRAMME_NOT_FOUND', 404);
  // another family's child answers like a missing one
  if (!(await repo.mayActFor(app.db, auth.id, body.childId)))
    throw ccError('CC_CHILD_NOT_FOUND', 404);
  if (body.fileId) await ownFile(app.db, auth, body.fileId, 'reduction_proof');
  try {
    const id = await repo.insertReduction(app.db, {
      programmeId: body.programmeId,
      childId: body.childId,
      applicantId: auth.id,
      category: body.category,
      note,
      fileId: body.fileId ?? null,
      now: app.now(),
    });
    return present((await repo.findReduction(app.db, id))!);
  } catch (err) {
    if (isUniqueViolation(err, 'cc_fee_reductions_live')) throw rdError('REDUCTION_EXISTS', 409);
    if (isUniqueViolation(err, 'cc_fee_reductions_file')) throw fileError('FILE_IN_USE', 409);
    throw err;
  }
}

export async function mine(app: FastifyInstance, userId: string): Promise<ReductionList> {
  return { items: (await repo.familyReductions(app.db, userId)).map(present) };
}

export async function withdraw(
  app: FastifyInstance,
  userId: string,
  id: string,
): Promise<Reduction> {
  const row = await repo.findReduction(app.db, id);
  if (!row || !(await repo.mayActFor(app.db, userId, row.child_id)))
    throw rdError('REDUCTION_NOT_FOUND', 404);
  const done = await repo.decide(app.db, id, {
    status: 'withdrawn',
    percentOff: null,
    note: null,
    by: userId,
    now: app.now(),
  });
  if (!done) throw rdError('REDUCTION_DECIDED', 409);
  return present((await repo.findReduction(app.db, id))!);
}

export async function list(app: FastifyInstance, q: ReductionQuery): Promise<ReductionList> {
  const rows = await repo.listReductions(app.db, {
    programmeId: q.programmeId ?? null,
    status: q.status ?? null,
  });
  return { items: rows.map(present) };
}

export async function decide(
  app: FastifyInstance,
  auth: AuthUser,
  id: string,
  body: DecideReductionBody,
): Promise<Reduction> {
  const note = body.note?.trim() || null;
  if (body.decision === 'refuse' && !note) throw rdError('REDUCTION_REASON_REQUIRED', 400);
  const percentOff = body.decision === 'approve' ? (body.percentOff ?? 100) : null;
  return app.db.transaction(async (tx) => {
    const before = await repo.findReduction(tx, id);
    if (!before) throw rdError('REDUCTION_NOT_FOUND', 404);
    const done = await repo.decide(tx, id, {
      status: body.decision === 'approve' ? 'approved' : 'refused',
      percentOff,
      note,
      by: auth.id,
      now: app.now(),
    });
    if (!done) throw rdError('REDUCTION_DECIDED', 409);
    const after = present((await repo.findReduction(tx, id))!);
    await audit(app, tx, auth, {
      action: 'childcare.reduction.decide',
      entity: 'cc_fee_reduction',
      entityId: id,
      before: { status: before.status },
      after: { status: after.status, percentOff, note },
    });
    const what = `${after.childName}（${REDUCTION_CATEGORIES[after.category]}）在${after.programmeName}的费用减免`;
    await notify(app, tx, {
      userId: before.applicant_id,
      kind: 'fee_reduction',
      title: percentOff ? '费用减免已通过' : '费用减免未通过',
      body: percentOff
        ? `${what}已通过：${reductionLabel(percentOff)}。`
        : `${what}未通过：${note}`,
      link: '/features/childcare/pages/reductions/index',
    });
    return after;
  });
}
