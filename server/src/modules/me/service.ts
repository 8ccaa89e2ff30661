// Profile rules: validate, mask, hash. The full ID number and phone never leave this function
// except into the users row (phone, encrypted) and the HMAC (ID number).
import type { FastifyInstance } from 'fastify';
import type { Me, UpdateMeBody } from '@/contract/account';
import { isValidName } from '@/contract/name';
import { maskIdNumber, parseIdNumber } from '@/contract/id-number';
import { isValidPhone, maskPhone } from '@/contract/phone';
import { AppError } from '../../errors';
import { hashIdNumber } from '../../lib/id-hash';
import { encryptPhone } from '../../lib/phone-crypto';
import { isUniqueViolation } from '../../lib/pg-errors';
import * as users from '../users/repo';
import { recordIdVerificationRequest } from './id-verification';
import { toMe } from '../users/present';

export async function getMe(app: FastifyInstance, userId: string): Promise<Me> {
  const row = await users.findUserById(app.db, userId);
  if (!row) throw new AppError('UNAUTHORIZED', undefined, 401);
  return toMe(row);
}

export async function updateMe(
  app: FastifyInstance,
  userId: string,
  body: UpdateMeBody,
): Promise<Me> {
  const patch: users.ProfilePatch = {};
  if (body.name !== undefined) {
    const name = body.name.trim();
    if (!isValidName(name)) throw new AppError('NAME_INVALID', undefined, 400);
    patch.name = name;
  }
  if (body.phone !== undefined) {
    const phone = body.phone.trim();
    if (!isValidPhone(phone)) throw new AppError('PHONE_INVALID', undefined, 400);
    patch.phone = encryptPhone(app.config.phoneKeys, phone);
    // typed by hand: no longer the number WeChat verified
    patch.phoneVerifiedAt = null;
    patch.phoneMasked = maskPhone(phone);
  }
  // Every refused ID number gets the same 400 ID_NUMBER_INVALID and message, whether it is malformed
  // or bound to another account: the answer must not tell whether a number has an account. (The
  // form shows the precise format mistake itself, with the same rules, before anything is sent.)
  const refused = () => new AppError('ID_NUMBER_INVALID', undefined, 400);
  if (body.idNumber !== undefined) {
    const parsed = parseIdNumber(body.idNumber);
    if (!parsed.ok) throw refused();
    patch.idNumberHmac = hashIdNumber(app.config.idHashSecret, parsed.idNumber);
    patch.idNumberMasked = maskIdNumber(parsed.idNumber);
    patch.birthDate = parsed.birthDate;
    patch.gender = parsed.gender;
  }
  try {
    await users.updateProfile(app.db, userId, patch);
  } catch (err) {
    // The UNIQUE constraint decides, not a prior SELECT: two accounts racing get one winner.
    if (!isUniqueViolation(err)) throw err;
    await recordIdVerificationRequest(app.db, {
      userId,
      idNumberHmac: patch.idNumberHmac!,
      idNumberMasked: patch.idNumberMasked!,
      now: app.now(),
    });
    throw refused();
  }
  return getMe(app, userId);
}
