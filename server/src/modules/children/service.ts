// Child profiles kept by a parent. Birth date and gender come from the ID number.
import type { FastifyInstance } from 'fastify';
import type { Child, CreateChildBody } from '@/contract/account';
import { isValidName } from '@/contract/name';
import { ageOn, maskIdNumber, parseIdNumber, todayInShanghai } from '@/contract/id-number';
import type { Queryable } from '../../db/db';
import { AppError } from '../../errors';
import { hashIdNumber } from '../../lib/id-hash';
import * as repo from './repo';

function toChild(r: repo.ChildRow, today = todayInShanghai()): Child {
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

export async function listChildren(app: FastifyInstance, parentId: string): Promise<Child[]> {
  return (await repo.listChildren(app.db, parentId)).map((r) => toChild(r));
}

export async function createChild(
  app: FastifyInstance,
  tx: Queryable,
  parentId: string,
  body: CreateChildBody,
): Promise<Child> {
  const name = body.name.trim();
  if (!isValidName(name)) throw new AppError('NAME_INVALID', undefined, 400);
  const parsed = parseIdNumber(body.idNumber);
  if (!parsed.ok) throw new AppError(parsed.code, parsed.message, 400);
  if (body.gender && body.gender !== parsed.gender) {
    throw new AppError('VALIDATION_FAILED', '所选性别与身份证号不一致', 400);
  }
  const row = await repo.insertChild(tx, {
    parentId,
    name,
    gender: parsed.gender,
    birthDate: parsed.birthDate,
    idNumberHmac: hashIdNumber(app.config.idHashSecret, parsed.idNumber),
    idNumberMasked: maskIdNumber(parsed.idNumber),
    school: body.school?.trim() || null,
    grade: body.grade?.trim() || null,
  });
  if (!row) throw new AppError('CHILD_EXISTS', undefined, 409);
  return toChild(row);
}

export async function deleteChild(app: FastifyInstance, parentId: string, id: string): Promise<void> {
  // Someone else's child answers exactly like a missing one: no probing other families.
  if (!(await repo.deleteChild(app.db, parentId, id))) throw new AppError('CHILD_NOT_FOUND', undefined, 404);
}
