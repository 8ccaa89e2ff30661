// Time as people read it (Beijing, "7月2日 09:00") and as the API carries it (ISO-8601).
const FORMAT = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  month: 'numeric',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});

export function beijingTime(at: Date): string {
  const parts = Object.fromEntries(FORMAT.formatToParts(at).map((p) => [p.type, p.value]));
  return `${parts.month}月${parts.day}日 ${parts.hour}:${parts.minute}`;
}

/** A timestamp column as the API carries it (both drivers return timestamptz as a Date or string). */
export function toIso(v: Date | string): string {
  return new Date(v).toISOString();
}
