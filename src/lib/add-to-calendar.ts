import Taro from '@tarojs/taro';
import { toIcs, type CalendarEvent } from './ics';
import { saveBlob } from './save-file';

/**
 * 加入日历: the weapp asks WeChat to write the phone's calendar (the user confirms in WeChat's own
 * dialog); the browser downloads an .ics file for the calendar app.
 */
export async function addToCalendar(event: CalendarEvent): Promise<void> {
  if (process.env.TARO_ENV === 'weapp') {
    await Taro.addPhoneCalendar({
      title: event.title,
      startTime: Math.floor(Date.parse(event.startsAt) / 1000),
      // a number, as WeChat documents it; Taro's typing says string
      endTime: Math.floor(Date.parse(event.endsAt) / 1000) as unknown as string,
      location: event.place,
      alarm: true,
      alarmOffset: 12 * 3600,
    });
    return;
  }
  const ics = toIcs(event, new Date());
  saveBlob(new Blob([ics], { type: 'text/calendar;charset=utf-8' }), `${event.title}.ics`);
}
