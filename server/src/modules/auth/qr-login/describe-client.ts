// What the phone shows about the PC asking to log in: enough to recognise one's own computer,
// not the full address (the phone's owner does not need it, and the audit log keeps it masked).

/** 203.0.113.7 → 203.0.113.*; an IPv6 address keeps its first three groups. */
export function maskIp(ip: string): string {
  const v4 = ip.replace(/^::ffff:/, '');
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(v4)) return v4.replace(/\.\d{1,3}$/, '.*');
  const groups = ip.split(':').filter(Boolean);
  return groups.length > 3 ? `${groups.slice(0, 3).join(':')}:*` : ip;
}

const BROWSERS: [RegExp, string][] = [
  [/Edg\//, 'Edge'],
  [/MicroMessenger\//, '微信内置浏览器'],
  [/Firefox\//, 'Firefox'],
  [/(Chrome|Chromium)\//, 'Chrome'],
  [/Safari\//, 'Safari'],
];
const SYSTEMS: [RegExp, string][] = [
  [/Windows/, 'Windows'],
  [/Mac OS X|Macintosh/, 'macOS'],
  [/Android/, 'Android'],
  [/iPhone|iPad/, 'iOS'],
  [/Linux/, 'Linux'],
];

const pick = (ua: string, table: [RegExp, string][]) => table.find(([re]) => re.test(ua))?.[1];

/** "Chrome · Windows" from a User-Agent; 未知浏览器 when nothing matches. */
export function describeBrowser(userAgent: string): string {
  const parts = [pick(userAgent, BROWSERS), pick(userAgent, SYSTEMS)].filter(Boolean);
  return parts.length ? parts.join(' · ') : '未知浏览器';
}
