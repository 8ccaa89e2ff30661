// Time as people read it (Beijing, "7月2日 09:00") and as the API carries it (ISO-8601).
import { formatInstant } from '@/contract/beijing-time';

/** The time written in messages and notices: "7月2日 09:00", Beijing time. */
export function beijingTime(at: Date | string): string {
  return formatInstant(at, 'M月D日 HH:mm');
}

/** A timestamp column as the API carries it (both drivers return timestamptz as a Date or string). */
export function toIso(v: Date | string): string {
  return new Date(v).toISOString();
}
