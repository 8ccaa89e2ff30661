// Mainland mobile numbers: pure rules shared by server and client.

export const PHONE_PATTERN = /^1[3-9]\d{9}$/;

export function isValidPhone(raw: string): boolean {
  return PHONE_PATTERN.test(String(raw ?? '').trim());
}

/** 138****5678 */
export function maskPhone(phone: string): string {
  if (phone.length < 7) return '*'.repeat(phone.length);
  return phone.slice(0, 3) + '*'.repeat(phone.length - 7) + phone.slice(-4);
}
