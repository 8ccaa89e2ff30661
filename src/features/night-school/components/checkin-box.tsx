import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Button, Input, Text, View } from '@tarojs/components';
import { ApiError } from '@/lib/api-error';
import { checkIn } from '../api';

/**
 * 扫码签到: in WeChat the camera (Taro.scanCode) reads the organizer's rotating QR code; in the
 * browser build there is no scanner, so the code shown under the QR is typed in.
 */
export function CheckinBox({ onDone }: { onDone: () => void }) {
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

  const scan = async () => {
    try {
      const { result } = await Taro.scanCode({ onlyFromCamera: true, scanType: ['qrCode'] });
      await submit(result);
    } catch {
      // the person closed the scanner
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
