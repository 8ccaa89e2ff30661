import { useEffect, useState } from 'react';
import Taro from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import type { CheckinResult } from '@/contract/night-school';
import { ApiError } from '@/lib/api-error';
import { checkIn, checkInByPin } from '../api';
import { scannedCode } from '@/lib/wxacode';
import { PinCheckin, type PinCourse } from './pin-checkin';

const resultText = (r: CheckinResult) =>
  r.alreadyCheckedIn
    ? `「${r.courseTitle}」第${r.sessionNo}次课已签到过`
    : `签到成功：「${r.courseTitle}」第${r.sessionNo}次课`;

/**
 * 上课签到: in WeChat the camera (Taro.scanCode) reads the organizer's rotating QR code; in the
 * browser build there is no scanner, so the student picks the course and types the 6-digit code
 * shown beside the QR.
 */
export function CheckinBox({
  onDone,
  landingCode,
  courses,
  today,
}: {
  onDone: () => void;
  /** A code read by WeChat's own scanner from a 小程序码 (via the landing page): sent at once. */
  landingCode?: string;
  /** The courses the student holds a seat in (H5: the one to check into is picked from these). */
  courses: PinCourse[];
  /** Today's date (Beijing, from the server's clock): preselects the course meeting today. */
  today: string;
}) {
  const [message, setMessage] = useState<{ text: string; ok: boolean } | null>(null);
  const isWeapp = process.env.TARO_ENV === 'weapp';

  const run = async (send: () => Promise<CheckinResult>) => {
    try {
      const r = await send();
      setMessage({ text: resultText(r), ok: true });
      onDone();
    } catch (e) {
      if (e instanceof ApiError) setMessage({ text: e.message, ok: false });
    }
  };

  useEffect(() => {
    if (landingCode) void run(() => checkIn(landingCode.trim()));
    // once per landing code: run's identity changes every render
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [landingCode]);

  const scan = async () => {
    try {
      const res = await Taro.scanCode({ onlyFromCamera: true, scanType: ['qrCode'] });
      const code = await scannedCode(res);
      await run(() => checkIn(code.trim()));
    } catch (e) {
      // closing the scanner is no failure; a 小程序码 whose code expired is
      if (e instanceof ApiError) setMessage({ text: e.message, ok: false });
    }
  };

  return (
    <View className="card ns-checkin" data-testid="checkin-box">
      <Text className="section-title ns-checkin__title">上课签到</Text>
      {isWeapp ? (
        <Button className="btn btn-primary" onClick={scan}>
          扫码签到
        </Button>
      ) : (
        <PinCheckin
          courses={courses}
          today={today}
          onSubmit={(courseId, pin) => run(() => checkInByPin(courseId, pin))}
        />
      )}
      {message ? (
        <Text
          className={message.ok ? 'ns-checkin__msg' : 'ns-checkin__msg ns-checkin__msg--error'}
          data-testid="checkin-message"
        >
          {message.text}
        </Text>
      ) : null}
    </View>
  );
}
