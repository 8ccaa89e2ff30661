// Pure rules for the mainland resident ID number (GB 11643-1999). Shared by the server and the
// mini-program (instant form feedback), so: no Node, no Taro imports.
import { beijingToday } from './beijing-time';

export type ParsedIdNumber =
  | { ok: true; idNumber: string; birthDate: string; gender: 'male' | 'female' }
  | { ok: false; code: 'ID_NUMBER_INVALID'; message: string };

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';

function invalid(message: string): ParsedIdNumber {
  return { ok: false, code: 'ID_NUMBER_INVALID', message };
}

function isRealDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  const dt = new Date(Date.UTC(y, m - 1, d));
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d;
}

/**
 * Validates an 18-character ID number and derives birth date and gender from it.
 * `today` (YYYY-MM-DD) is injectable so tests are deterministic; default is today in Shanghai.
 */
export function parseIdNumber(
  raw: string,
  today: string = beijingToday(new Date()),
): ParsedIdNumber {
  const id = String(raw ?? '')
    .trim()
    .toUpperCase();
  if (id.length !== 18) return invalid(`身份证号应为18位，当前为${id.length}位`);
  if (!/^\d{17}[\dX]$/.test(id))
    return invalid('身份证号格式不正确：前17位应为数字，末位为数字或X');
  const y = Number(id.slice(6, 10));
  const m = Number(id.slice(10, 12));
  const d = Number(id.slice(12, 14));
  if (y < 1900 || !isRealDate(y, m, d)) return invalid('身份证号中的出生日期不正确');
  const birthDate = id.slice(6, 10) + '-' + id.slice(10, 12) + '-' + id.slice(12, 14);
  if (birthDate > today) return invalid('身份证号中的出生日期晚于今天');
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(id[i]) * WEIGHTS[i];
  if (CHECK_CHARS[sum % 11] !== id[17]) return invalid('身份证号校验位不正确，请核对后重新输入');
  const gender = Number(id[16]) % 2 === 1 ? 'male' : 'female';
  return { ok: true, idNumber: id, birthDate, gender };
}

/** Whole years between birthDate and today (both YYYY-MM-DD); a birthday counts on the day. */
export function ageOn(birthDate: string, today: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number);
  const [ty, tm, td] = today.split('-').map(Number);
  let age = ty - by;
  if (tm < bm || (tm === bm && td < bd)) age -= 1;
  return age;
}

/** 110105********123X: first 6 (region) and last 4 kept. */
export function maskIdNumber(id: string): string {
  if (id.length <= 10) return '*'.repeat(id.length);
  return id.slice(0, 6) + '*'.repeat(id.length - 10) + id.slice(-4);
}
