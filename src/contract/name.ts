// Kept apart from account.ts (which builds TypeBox schemas) so the mini-program can import the
// rule without bundling TypeBox.
/** Name rule: 2–20 of Chinese characters, letters, middle dot (少数民族/外文姓名). */
export const NAME_PATTERN = /^[\u4e00-\u9fa5A-Za-z·• ]{2,20}$/;
export function isValidName(raw: string): boolean {
  const name = String(raw ?? '').trim();
  return NAME_PATTERN.test(name) && name.length >= 2 && name.length <= 20;
}

/** 王小明 → 王*明, 李四 → 李*: enough for a parent to recognise a relative, not to identify a stranger. */
export function maskName(raw: string): string {
  const name = String(raw ?? '').trim();
  if (name.length <= 1) return name;
  if (name.length === 2) return `${name[0]}*`;
  return `${name[0]}${'*'.repeat(name.length - 2)}${name[name.length - 1]}`;
}
