import { Text, View } from '@tarojs/components';
import type { CalendarNight } from '@/contract/station';
import { addDays } from '@/contract/beijing-time';
import { dayLabel } from '../labels';
import './night-calendar.scss';

interface Props {
  /** The nights of ONE room type, in date order. */
  nights: CalendarNight[];
  checkIn: string | null;
  nightCount: number;
  onPick: (night: string) => void;
}

const WEEK_HEAD = ['一', '二', '三', '四', '五', '六', '日'];

function mondayIndex(date: string): number {
  const [y, m, d] = date.split('-').map(Number);
  return (new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7;
}

/**
 * Free beds per night, a week per row. Full and closed nights cannot start a stay; the chosen
 * stay [checkIn, checkIn + nights) is highlighted, the check-out day is not.
 */
export function NightCalendar({ nights, checkIn, nightCount, onPick }: Props) {
  if (nights.length === 0) return <Text className="muted">暂无可预订的日期</Text>;
  const lead = mondayIndex(nights[0].night);
  const checkOut = checkIn ? addDays(checkIn, nightCount) : null;
  return (
    <View className="night-calendar" data-testid="night-calendar">
      <View className="night-calendar__row">
        {WEEK_HEAD.map((w) => (
          <Text key={w} className="night-calendar__head">
            {w}
          </Text>
        ))}
      </View>
      <View className="night-calendar__grid">
        {Array.from({ length: lead }, (_, i) => (
          <View key={`pad-${i}`} className="night-calendar__cell night-calendar__cell--pad" />
        ))}
        {nights.map((n) => {
          const inStay =
            checkIn !== null && checkOut !== null && n.night >= checkIn && n.night < checkOut;
          const state = n.closed ? 'closed' : n.free === 0 ? 'full' : n.free <= 3 ? 'few' : 'open';
          const day = Number(n.night.slice(8));
          return (
            <View
              key={n.night}
              className={`night-calendar__cell night-calendar__cell--${state}${inStay ? ' night-calendar__cell--stay' : ''}`}
              data-testid={`night-${n.night}`}
              onClick={() => state !== 'full' && state !== 'closed' && onPick(n.night)}
            >
              <Text className="night-calendar__day">
                {day === 1 ? dayLabel(n.night).replace(/1日$/, '') : day}
              </Text>
              <Text className="night-calendar__free">
                {n.closed ? '停用' : n.free === 0 ? '满' : `余${n.free}`}
              </Text>
            </View>
          );
        })}
      </View>
    </View>
  );
}
