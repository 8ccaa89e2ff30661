import { useEffect, useState } from 'react';
import { Image, Text, View } from '@tarojs/components';
import type { CheckinCode } from '@/contract/night-school';
import { formatSessionDate } from '@/contract/night-school-rules';
import { fetchCheckinCode } from '../api';
import { codeImage } from '@/lib/wxacode';

/** The rotating check-in QR code of one session, shown on the organizer's phone; refreshed every minute. */
export function CheckinQr({ courseId, sessionNo }: { courseId: string; sessionNo: number }) {
  const [code, setCode] = useState<CheckinCode | null>(null);
  useEffect(() => {
    let alive = true;
    const load = () =>
      fetchCheckinCode(courseId, sessionNo).then(
        (c) => alive && setCode(c),
        () => undefined,
      );
    void load();
    const timer = setInterval(load, 60_000);
    return () => {
      alive = false;
      clearInterval(timer);
    };
  }, [courseId, sessionNo]);
  if (!code) return <Text className="muted">正在生成签到码…</Text>;
  return (
    <View className="ns-qr" data-testid="checkin-qr">
      <Text className="ns-qr__title">
        第{code.sessionNo}次课 · {formatSessionDate(code.date)}
      </Text>
      <Image
        className="ns-qr__img"
        src={codeImage(code)}
        mode="aspectFit"
        data-testid="checkin-qr-image"
      />
      <Text className="muted">
        {code.wxacodeUrl && process.env.TARO_ENV === 'weapp'
          ? '学员用微信扫一扫即可签到；小程序码每分钟更新，截图转发无效'
          : '学员在小程序「我的夜校 → 扫码签到」扫描，或输入下方签到码；每分钟更新，截图转发无效'}
      </Text>
      <Text className="ns-qr__code" selectable data-testid="checkin-code-text">
        {code.code}
      </Text>
    </View>
  );
}
