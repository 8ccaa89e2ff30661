// 手机号快速验证: the getPhoneNumber button's code, exchanged through the WeChat adapter for the
// number WeChat verified; stored encrypted and marked verified. Typing a number (PUT /me) stays
// the fallback for H5 and for people who refuse, and clears the mark.
import type { FastifyInstance } from 'fastify';
import type { Me } from '@/contract/account';
import { isValidPhone, maskPhone } from '@/contract/phone';
import { AppError } from '../../errors';
import { encryptPhone } from '../../lib/phone-crypto';
import * as users from '../users/repo';
import { getMe } from './service';

export async function verifyPhoneWithWechat(
  app: FastifyInstance,
  userId: string,
  code: string,
): Promise<Me> {
  const { phone, countryCode } = await app.wechat.phoneNumber(code);
  // the services call and text mainland mobiles only
  if (countryCode !== '86' || !isValidPhone(phone))
    throw new AppError('PHONE_NOT_MAINLAND', undefined, 400);
  await users.updateProfile(app.db, userId, {
    phone: encryptPhone(app.config.phoneKeys, phone),
    phoneMasked: maskPhone(phone),
    phoneVerifiedAt: app.now(),
  });
  return getMe(app, userId);
}
