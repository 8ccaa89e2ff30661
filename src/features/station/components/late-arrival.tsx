import { useState } from 'react';
import { Button, Picker, Text, View } from '@tarojs/components';
import type { Booking } from '@/contract/station';
import { LATE_ARRIVAL_GRACE_MINUTES, LATEST_LATE_ARRIVAL } from '@/contract/station-rules';
import { ApiError } from '@/lib/api-error';
import { reportLateArrival, withdrawLateArrival } from '../api';
import { lateArrivalLabel } from '../labels';
import './late-arrival.scss';

/**
 * 报告晚到 on an approved stay: the guest picks when they expect to arrive on the first night; the
 * server checks the time (after the check-in window, at the latest LATEST_LATE_ARRIVAL) and holds
 * the bed until the grace period after it. Shows the reported time afterwards, to change or withdraw.
 */
export function LateArrival({
  booking,
  onChanged,
}: {
  booking: Booking;
  onChanged: (b: Booking) => void;
}) {
  const [editing, setEditing] = useState(false);
  const [time, setTime] = useState(booking.lateArrival ?? '23:00');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const send = async (call: () => Promise<Booking>) => {
    setBusy(true);
    setError(null);
    try {
      onChanged(await call());
      setEditing(false);
    } catch (err) {
      if (err instanceof ApiError) setError(err.message);
    } finally {
      setBusy(false);
    }
  };

  const hours = LATE_ARRIVAL_GRACE_MINUTES / 60;
  return (
    <View className="card late-arrival" data-testid="late-arrival">
      {editing ? (
        <>
          <Text className="late-arrival__title">报告晚到</Text>
          <Text className="muted">
            赶不上入住当天的办理时间也没关系，告诉驿站预计到达时间即可（最晚次日
            {LATEST_LATE_ARRIVAL}）。
          </Text>
          <Picker mode="time" value={time} onChange={(e) => setTime(String(e.detail.value))}>
            <Text className="field-input late-arrival__picker" data-testid="late-arrival-time">
              预计到达：{lateArrivalLabel(booking.checkIn, time)}
            </Text>
          </Picker>
          <View className="late-arrival__actions">
            <Button
              className="btn btn-primary"
              disabled={busy || undefined}
              onClick={() => void send(() => reportLateArrival(booking.id, time))}
              data-testid="late-arrival-submit"
            >
              确定
            </Button>
            <Button className="btn btn-plain" onClick={() => setEditing(false)}>
              取消
            </Button>
          </View>
        </>
      ) : booking.lateArrival ? (
        <>
          <Text data-testid="late-arrival-reported">
            已报告晚到：预计{lateArrivalLabel(booking.checkIn, booking.lateArrival)}到达
          </Text>
          <Text className="muted">
            床位为您保留到预计到达后{hours}小时，到店后前台会为您办理入住。
          </Text>
          <View className="late-arrival__actions">
            <Button className="btn btn-plain" onClick={() => setEditing(true)}>
              修改时间
            </Button>
            <Button
              className="btn btn-plain"
              disabled={busy || undefined}
              onClick={() => void send(() => withdrawLateArrival(booking.id))}
              data-testid="late-arrival-withdraw"
            >
              撤回
            </Button>
          </View>
        </>
      ) : (
        <>
          <Text className="muted">入住当天晚上赶不及办理？报告晚到，驿站会为您保留床位。</Text>
          <Button
            className="btn btn-plain"
            onClick={() => setEditing(true)}
            data-testid="late-arrival-open"
          >
            报告晚到
          </Button>
        </>
      )}
      {error ? (
        <Text className="error-text" data-testid="late-arrival-error">
          {error}
        </Text>
      ) : null}
    </View>
  );
}
