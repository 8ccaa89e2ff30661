import { parseIdNumber } from '@/contract/id-number';
import { isValidPhone } from '@/contract/phone';
import { isValidName } from '@/contract/name';

export interface ProfileDraft {
  name: string;
  phone: string;
  idNumber: string;
}

export type ProfileErrors = Partial<Record<keyof ProfileDraft, string>>;

/**
 * Instant feedback with the server's own rules (src/contract), so the resident sees a wrong ID
 * check digit before pressing save. Empty fields that were already saved are left as they are.
 */
export function checkProfile(
  draft: ProfileDraft,
  saved: { hasPhone: boolean; hasIdNumber: boolean },
): ProfileErrors {
  const errors: ProfileErrors = {};
  const name = draft.name.trim();
  if (!isValidName(name)) errors.name = '请填写 2–20 个字的真实姓名';
  const phone = draft.phone.trim();
  if (phone ? !isValidPhone(phone) : !saved.hasPhone) errors.phone = '请填写 11 位手机号码';
  const id = draft.idNumber.trim();
  if (id) {
    const parsed = parseIdNumber(id);
    if (!parsed.ok) errors.idNumber = parsed.message;
  } else if (!saved.hasIdNumber) {
    errors.idNumber = '请填写 18 位居民身份证号码';
  }
  return errors;
}

/** Only what changed goes to the server: a blank phone or ID keeps the saved one. */
export function toUpdateBody(draft: ProfileDraft) {
  const body: { name: string; phone?: string; idNumber?: string } = { name: draft.name.trim() };
  if (draft.phone.trim()) body.phone = draft.phone.trim();
  if (draft.idNumber.trim()) body.idNumber = draft.idNumber.trim().toUpperCase();
  return body;
}

/** Server codes that belong under one field rather than in a toast. */
export function fieldForCode(code: string): keyof ProfileDraft | null {
  if (code.startsWith('ID_NUMBER')) return 'idNumber';
  if (code.startsWith('PHONE')) return 'phone';
  if (code.startsWith('NAME')) return 'name';
  return null;
}
