import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import { formatInstant } from '@/contract/beijing-time';
import { useVolunteer } from '../store';
import { dismissRefusal } from '../offline/queue';
import './scan-queue.scss';

/** What the volunteer can do about a refusal, by the server's code. */
const NEXT_STEP: Record<string, string> = {
  SCAN_TIME_INVALID: '请在手机设置中开启“自动设置时间”。如确实到场，请联系组织方确认时长。',
  CHECKIN_CODE_EXPIRED: '请在手机设置中开启“自动设置时间”。如确实到场，请联系组织方确认时长。',
  CHECKIN_WINDOW_CLOSED: '如确实到场，请联系组织方确认时长。',
  SIGNUP_NOT_FOUND: '该班次的报名已取消，记录不会计入时长。',
  ALREADY_CHECKED: '此前的记录已被接受，本条无需再传。',
};
const DEFAULT_STEP = '如确实到场，请联系组织方确认时长。';
const what = (kind: 'in' | 'out') => (kind === 'in' ? '签到' : '签退');

/**
 * The scans kept on the phone: 待上传 n 条 with each scan, an upload button, and every refusal
 * with the server's reason until the volunteer has read it.
 */
export function ScanQueue() {
  const queue = useVolunteer((s) => s.queue);
  const refused = useVolunteer((s) => s.refused);
  const [busy, setBusy] = useState(false);
  if (!queue.length && !refused.length) return null;

  const upload = async () => {
    setBusy(true);
    try {
      const n = await useVolunteer.getState().flushScans();
      const left = useVolunteer.getState().queue.length;
      void Taro.showToast({
        title: left ? '网络仍不可用，联网后会自动上传' : `已上传 ${n} 条`,
        icon: 'none',
      });
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className="card scan-queue" data-testid="scan-queue">
      {queue.length ? (
        <View className="scan-queue__pending">
          <View className="scan-queue__head">
            <Text className="scan-queue__title" data-testid="scan-queue-count">
              待上传 {queue.length} 条
            </Text>
            <Button
              className="btn btn-plain scan-queue__btn"
              onClick={() => void upload()}
              disabled={busy || undefined}
            >
              {busy ? '上传中…' : '立即上传'}
            </Button>
          </View>
          <Text className="muted">
            已保存在手机上（含扫码时间），联网后自动上传，请勿删除小程序。
          </Text>
          {queue.map((s) => (
            <View key={s.body.nonce} className="scan-queue__row" data-testid="scan-queued">
              <Text>
                {s.title || '志愿班次'} · {what(s.body.kind)}
              </Text>
              <Text className="muted">
                {s.body.scannedAt ? formatInstant(s.body.scannedAt, 'M月D日 HH:mm:ss') : ''}
              </Text>
            </View>
          ))}
        </View>
      ) : null}
      {refused.map((r) => (
        <View key={r.nonce} className="scan-queue__refused" data-testid="scan-refused">
          <Text className="scan-queue__refused-title">
            {r.title || '志愿班次'} · {what(r.kind)}未被接受
          </Text>
          <Text className="error-text">{r.message}</Text>
          <Text className="muted">
            扫码于 {r.scannedAt ? formatInstant(r.scannedAt, 'M月D日 HH:mm:ss') : '—'}。
            {NEXT_STEP[r.code] ?? DEFAULT_STEP}
          </Text>
          <Button
            className="btn btn-text scan-queue__btn"
            onClick={() => {
              dismissRefusal(r.nonce);
              useVolunteer.getState().syncQueue();
            }}
          >
            知道了
          </Button>
        </View>
      ))}
    </View>
  );
}
