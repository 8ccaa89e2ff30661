// Dates go through this one module: plugins and the Chinese locale are registered once, and the
// business time zone is Asia/Shanghai whatever the phone's own setting
// (docs/adr/0009-business-time-is-beijing-time.md).
import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc';
import timezone from 'dayjs/plugin/timezone';
import 'dayjs/locale/zh-cn';

dayjs.extend(utc);
dayjs.extend(timezone);
dayjs.locale('zh-cn');

export const BUSINESS_TZ = 'Asia/Shanghai';

/** An instant shown in Beijing time, e.g. "11月23日 周一 19:00". */
export function formatInstant(iso: string, pattern = 'M月D日 ddd HH:mm'): string {
  return dayjs(iso).tz(BUSINESS_TZ).format(pattern);
}

export default dayjs;
