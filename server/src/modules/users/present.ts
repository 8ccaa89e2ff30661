// Turns a user row into the API's SessionUser / Me shapes (masked fields only).
import type { Me, SessionUser } from '@/contract/account';
import { ageOn } from '@/contract/id-number';
import type { UserRow } from './repo';
import { beijingToday } from '@/contract/beijing-time';

export function isProfileComplete(u: UserRow): boolean {
  return Boolean(u.name && u.has_phone && u.has_id_number);
}

export function toSessionUser(u: UserRow): SessionUser {
  return {
    id: u.id,
    role: u.role,
    orgIds: u.org_ids,
    name: u.name,
    profileComplete: isProfileComplete(u),
  };
}

export function toMe(u: UserRow, today = beijingToday(new Date())): Me {
  return {
    id: u.id,
    role: u.role,
    orgIds: u.org_ids,
    name: u.name,
    phoneMasked: u.phone_masked,
    phoneVerified: u.phone_verified,
    idNumberMasked: u.id_number_masked,
    birthDate: u.birth_date,
    age: u.birth_date ? ageOn(u.birth_date, today) : null,
    gender: u.gender,
    profileComplete: isProfileComplete(u),
  };
}
