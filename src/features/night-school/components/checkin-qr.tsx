import { useEffect, useState } from 'react';
import { Image, Text, View } from '@tarojs/components';
import type { CheckinCode } from '@/contract/night-school';
import { formatSessionDate } from '@/contract/night-school-rules';
import { formatInstant } from '@/contract/beijing-time';
import { fetchCheckinCode } from '../api';
import { codeImage } from '@/lib/wxacode';

const at = (iso: string) => formatInstant(iso, 'M月D日 HH:mm');

/**
 * The check-in codes of one session on the organizer's phone, refreshed every minute: the rotating
 * QR, and beside it the 6-digit code students on H5 type in. Outside the session's window (the
 * server decides) there is no code, only when it opens or that it has closed.
 */
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
  if (!code || code.sessionNo !== sessionNo) return <Text className="muted">正在生成签到码…</Text>;
  const title = (
    <Text className="ns-qr__title">
      第{code.sessionNo}次课 · {formatSessionDate(code.date)}
    </Text>
  );
  if (code.state !== 'open' || !code.qrDataUrl || !code.pin)
    return (
      <View className="ns-qr" data-testid="checkin-qr-closed">
        {title}
        <Text className="ns-qr__when">
          {code.state === 'closed'
            ? `签到已于 ${at(code.closesAt)} 结束`
            : `签到将于 ${at(code.opensAt)} 开放`}
        </Text>
        <Text className="muted">
          签到时段：上课当天开课前30分钟至下课（{formatInstant(code.opensAt, 'HH:mm')}–
          {formatInstant(code.closesAt, 'HH:mm')}）
        </Text>
      </View>
    );
  return (
    <View className="ns-qr" data-testid="checkin-qr">
      {title}
      <Image
        className="ns-qr__img"
        src={codeImage({ qrDataUrl: code.qrDataUrl, wxacodeUrl: code.wxacodeUrl })}
        mode="aspectFit"
        data-testid="checkin-qr-image"
      />
      <Text className="muted">
        {code.wxacodeUrl && process.env.TARO_ENV === 'weapp'
          ? '学员用微信扫一扫即可签到；小程序码每分钟更新，截图转发无效'
          : '学员在小程序「我的夜校 → 扫码签到」扫描；每分钟更新，截图转发无效'}
      </Text>
      <Text className="ns-qr__pin-label">网页版学员输入6位签到码</Text>
      <Text className="ns-qr__pin" data-testid="checkin-pin">
        {code.pin}
      </Text>
      <Text className="muted">签到开放至 {at(code.closesAt)}</Text>
    </View>
  );
}
