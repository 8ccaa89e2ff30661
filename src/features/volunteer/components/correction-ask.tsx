import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Button, Input, Text, View } from '@tarojs/components';
import type { CorrectionRequest } from '@/contract/volunteer';
import { askForCorrection } from '../api';
import './correction-ask.scss';

const STATUS = { open: '待组织方处理', accepted: '已同意', rejected: '未同意' } as const;

/**
 * "My hours for this shift are wrong": the total it should count and why (both required). The
 * organizer answers; the latest request and its answer show under the entry.
 */
export function CorrectionAsk({
  signupId,
  hours,
  latest,
  onSent,
}: {
  signupId: string;
  hours: number;
  latest?: CorrectionRequest;
  onSent: () => void;
}) {
  const [open, setOpen] = useState(false);
  const [form, setForm] = useState({ hours: String(hours), reason: '' });
  const send = async () => {
    const total = Math.round(Number(form.hours) * 2) / 2;
    if (form.hours.trim() === '' || !Number.isFinite(total) || form.reason.trim().length < 2) {
      void Taro.showToast({ title: '请填写应计时长（0.5 小时为单位）和原因', icon: 'none' });
      return;
    }
    await askForCorrection(signupId, { hours: total, reason: form.reason.trim() }).then(
      () => {
        setOpen(false);
        onSent();
      },
      () => undefined,
    );
  };
  return (
    <View className="correction-ask">
      {latest ? (
        <Text className="muted" data-testid={`correction-${signupId}`}>
          更正申请 {latest.hours} 小时 · {STATUS[latest.status]}
          {latest.decisionNote ? `：${latest.decisionNote}` : ''}
        </Text>
      ) : null}
      {latest?.status !== 'open' && !open ? (
        <Text className="correction-ask__link" onClick={() => setOpen(true)}>
          时长有误？申请更正
        </Text>
      ) : null}
      {open ? (
        <View className="correction-ask__form">
          <Input
            className="field-input correction-ask__hours"
            type="digit"
            value={form.hours}
            placeholder="应计小时数"
            onInput={(e) => setForm({ ...form, hours: e.detail.value })}
          />
          <Input
            className="field-input correction-ask__reason"
            value={form.reason}
            placeholder="原因（必填，组织方可见）"
            onInput={(e) => setForm({ ...form, reason: e.detail.value })}
          />
          <Button className="btn btn-primary correction-ask__btn" onClick={() => void send()}>
            提交
          </Button>
        </View>
      ) : null}
    </View>
  );
}
