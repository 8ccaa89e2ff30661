// Child profiles. A child (by ID-number HMAC) exists once: the first account to add it keeps the
// record, and a relative's account adding the same ID number files a guardian request that the
// first parent approves or refuses. Birth date and gender come from the ID number.
import type { FastifyInstance } from 'fastify';
import type { Child, CreateChildBody } from '@/contract/account';
import {
  CHILD_GUARDIAN_ERRORS,
  GUARDIAN_REQUEST_SUBMITTED,
  type ChildGuardianErrorCode,
  type GuardianRequest,
  type GuardianRequestDecision,
  type GuardianRequestSubmitted,
} from '@/contract/child-guardians';

import { isValidName, maskName } from '@/contract/name';
import { ageOn, maskIdNumber, parseIdNumber } from '@/contract/id-number';
import type { Queryable } from '../../db/db';
import type { IdempotentResult } from '../../plugins/idempotency';
import { AppError } from '../../errors';
import { hashIdNumber } from '../../lib/id-hash';
import { isCheckViolation } from '../../lib/pg-errors';
import { notify } from '../messages/service';
import * as repo from './repo';
import { beijingToday } from '@/contract/beijing-time';

const CHILDREN_PAGE = '/features/childcare/pages/children/index';

const childError = (code: ChildGuardianErrorCode, status: number) =>
  new AppError(code, CHILD_GUARDIAN_ERRORS[code], status);

function toChild(r: repo.ChildRow, today = beijingToday(new Date())): Child {
  return {
    id: r.id,
    name: r.name,
    gender: r.gender,
    birthDate: r.birth_date,
    age: ageOn(r.birth_date, today),
    idNumberMasked: r.id_number_masked,
    school: r.school,
    grade: r.grade,
    // ISO string, not Date: the idempotency store keeps the response as JSON.
    createdAt: new Date(r.created_at).toISOString(),
  };
}

export async function listChildren(app: FastifyInstance, userId: string): Promise<Child[]> {
  return (await repo.listChildren(app.db, userId)).map((r) => toChild(r));
}

/** 201 with the new child, or 202 when the ID number is another family's child (a guardian request). */
export async function createChild(
  app: FastifyInstance,
  tx: Queryable,
  userId: string,
  body: CreateChildBody,
): Promise<IdempotentResult<Child | GuardianRequestSubmitted>> {
  const name = body.name.trim();
  if (!isValidName(name)) throw new AppError('NAME_INVALID', undefined, 400);
  const parsed = parseIdNumber(body.idNumber);
  if (!parsed.ok) throw new AppError(parsed.code, parsed.message, 400);
  if (body.gender && body.gender !== parsed.gender) {
    throw new AppError('VALIDATION_FAILED', '所选性别与身份证号不一致', 400);
  }
  const idNumberHmac = hashIdNumber(app.config.idHashSecret, parsed.idNumber);
  const row = await repo.insertChild(tx, {
    parentId: userId,
    name,
    gender: parsed.gender,
    birthDate: parsed.birthDate,
    idNumberHmac,
    idNumberMasked: maskIdNumber(parsed.idNumber),
    school: body.school?.trim() || null,
    grade: body.grade?.trim() || null,
  });
  if (row) return { statusCode: 201, body: toChild(row) };

  const existing = (await repo.findByHmac(tx, idNumberHmac, userId))!;
  if (existing.linked) throw new AppError('CHILD_EXISTS', undefined, 409);
  // Another family's child: ask its first parent. The answer is the same whether this files a new
  // request or not, so repeating it reveals nothing about the child or the family.
  const filed = await repo.fileRequest(tx, existing.id, userId, name, app.now());
  if (filed) {
    await notify(app, tx, {
      userId: filed.owner_id,
      kind: 'child_guardian',
      title: '有家人申请成为孩子的监护人',
      body: `有账号申请关联孩子${filed.child_name}的资料和报名，请在「孩子资料」中同意或拒绝。不认识的申请请拒绝。`,
      link: CHILDREN_PAGE,
    });
  }
  return { statusCode: 202, body: { status: 'requested', message: GUARDIAN_REQUEST_SUBMITTED } };
}

export async function deleteChild(app: FastifyInstance, userId: string, id: string): Promise<void> {
  // Someone else's child answers exactly like a missing one: no probing other families.
  if (!(await repo.removeChildFor(app.db, userId, id)))
    throw new AppError('CHILD_NOT_FOUND', undefined, 404);
}

// ---- guardian requests, decided by the child's first parent

export async function pendingRequests(
  app: FastifyInstance,
  ownerId: string,
): Promise<GuardianRequest[]> {
  return (await repo.pendingRequestsFor(app.db, ownerId)).map((r) => ({
    id: r.id,
    childId: r.child_id,
    childName: r.child_name,
    statedName: r.stated_name,
    requesterNameMasked: r.requester_name ? maskName(r.requester_name) : null,
    requesterPhoneMasked: r.requester_phone_masked,
    createdAt: new Date(r.created_at).toISOString(),
  }));
}

export async function decide(
  app: FastifyInstance,
  ownerId: string,
  id: string,
  status: 'approved' | 'refused',
): Promise<GuardianRequestDecision> {
  return app.db.transaction(async (tx) => {
    const r = await repo.requestForOwner(tx, ownerId, id);
    if (!r) throw childError('CHILD_REQUEST_NOT_FOUND', 404);
    if (r.status !== 'pending') throw childError('CHILD_REQUEST_DECIDED', 409);
    const now = app.now();
    if (status === 'approved') {
      try {
        await repo.linkAccount(tx, r.child_id, r.requester_id);
      } catch (err) {
        if (isCheckViolation(err, 'child_accounts_at_most_5'))
          throw childError('CHILD_ACCOUNTS_FULL', 409);
        throw err;
      }
    }
    await repo.decideRequest(tx, id, status, now);
    await notify(app, tx, {
      userId: r.requester_id,
      kind: 'child_guardian',
      title: status === 'approved' ? '监护人申请已通过' : '监护人申请未通过',
      body:
        status === 'approved'
          ? `孩子的监护人已同意，您现在可以在「孩子资料」查看${r.child_name}，并为孩子报名托班。`
          : '孩子的监护人未同意您的申请。如有疑问，请与孩子的家人联系。',
      link: CHILDREN_PAGE,
    });
    return { id, status };
  });
}
