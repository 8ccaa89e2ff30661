import { useEffect, useState } from 'react';
import Taro from '@tarojs/taro';
import { Button, Input, Text, View } from '@tarojs/components';
import { ApiError } from '@/lib/api-error';
import { checkIn } from '../api';
import { scannedCode } from '@/lib/wxacode';

/**
 * 扫码签到: in WeChat the camera (Taro.scanCode) reads the organizer's rotating QR code; in the
 * browser build there is no scanner, so the code shown under the QR is typed in.
 */
export function CheckinBox({
  onDone,
  landingCode,
}: {
  onDone: () => void;
  /** A code read by WeChat's own scanner from a 小程序码 (via the landing page): sent at once. */
  landingCode?: string;
}) {
  const [code, setCode] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const isWeapp = process.env.TARO_ENV === 'weapp';

  const submit = async (value: string) => {
    try {
      const r = await checkIn(value.trim());
      setMessage(
        r.alreadyCheckedIn
          ? `「${r.courseTitle}」第${r.sessionNo}次课已签到过`
          : `签到成功：「${r.courseTitle}」第${r.sessionNo}次课`,
      );
      onDone();
    } catch (e) {
      if (e instanceof ApiError) setMessage(e.message);
    }
  };

  useEffect(() => {
    if (landingCode) void submit(landingCode);
    // once per landing code: submit's identity changes every render
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [landingCode]);

  const scan = async () => {
    try {
      const res = await Taro.scanCode({ onlyFromCamera: true, scanType: ['qrCode'] });
      await submit(await scannedCode(res));
    } catch (e) {
      // closing the scanner is no failure; a 小程序码 whose code expired is
      if (e instanceof ApiError) setMessage(e.message);
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
        <View>
          <Input
            className="field-input ns-checkin__input"
            id="ns-checkin-code"
            placeholder="输入组织者二维码下方的签到码"
            value={code}
            onInput={(e) => setCode(e.detail.value)}
          />
          <Button
            className="btn btn-primary"
            disabled={code.trim().length < 8}
            onClick={() => void submit(code)}
          >
            提交签到
          </Button>
        </View>
      )}
      {message ? (
        <Text className="ns-checkin__msg" data-testid="checkin-message">
          {message}
        </Text>
      ) : null}
    </View>
  );
}
