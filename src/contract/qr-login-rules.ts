// What a scan-to-login QR code says, and how the phone reads it (TypeBox-free: the mini-program imports it).

/** The mini-program's scanner recognises this prefix; WeChat's own scanner shows the rest as text. */
export const QR_LOGIN_PREFIX = 'youth-hub:pc-login:';
export const TICKET_PATTERN = '^[A-Za-z0-9_-]{32,64}$';

/** The ticket in a scanned text, or null when the text is not a login code of ours. */
export function ticketFromScan(text: string): string | null {
  if (!text.startsWith(QR_LOGIN_PREFIX)) return null;
  const ticket = text.slice(QR_LOGIN_PREFIX.length);
  return new RegExp(TICKET_PATTERN).test(ticket) ? ticket : null;
}
