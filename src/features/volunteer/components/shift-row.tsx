import { useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import type { Shift } from '@/contract/volunteer';
import { formatDistance } from '@/contract/volunteer-rules';
import { formatInstant } from '@/contract/beijing-time';
import { newIdempotencyKey } from '@/lib/request';
import './shift-row.scss';

interface Props {
  shift: Shift;
  onSignUp: (shiftId: string, idempotencyKey: string) => Promise<void>;
}

/** One shift: when, where, the skills it asks for, how many are still needed, and the sign-up button. */
export function ShiftRow({ shift, onSignUp }: Props) {
  const [busy, setBusy] = useState(false);
  // one key per tap, kept across the retry prompt
  const [key, setKey] = useState(newIdempotencyKey);
  const full = shift.filled >= shift.needed;
  const mine = Boolean(shift.mySignupId);

  const tap = async () => {
    if (busy || full || mine) return;
    setBusy(true);
    try {
      await onSignUp(shift.id, key);
      setKey(newIdempotencyKey());
    } catch {
      // the request wrapper has shown the reason (full, overlapping…)
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className="shift-row" data-testid={`shift-${shift.id}`}>
      <View className="shift-row__info">
        <Text className="shift-row__time">
          {formatInstant(shift.startsAt, 'M月D日 ddd HH:mm')}–{formatInstant(shift.endsAt, 'HH:mm')}
        </Text>
        <Text className="muted shift-row__place">
          {shift.place}
          {shift.distanceM !== null ? ` · 距我 ${formatDistance(shift.distanceM)}` : ''}
        </Text>
        {shift.skills.length > 0 ? (
          <Text className="muted shift-row__skills" data-testid={`shift-skills-${shift.id}`}>
            需要技能：{shift.skills.join('、')}
            {shift.skillMatch ? <Text className="shift-row__match">与你的技能相符</Text> : null}
          </Text>
        ) : null}
        <Text className="shift-row__count">
          已报 {shift.filled}/{shift.needed} 人{full ? '（已满）' : ''}
        </Text>
      </View>
      {/* `undefined`, not false: the H5 button greys itself out for any disabled attribute */}
      <Button
        className={`btn shift-row__btn ${mine ? 'btn-plain' : 'btn-primary'} ${busy ? 'btn--busy' : ''}`}
        disabled={full && !mine ? true : undefined}
        onClick={tap}
      >
        {mine ? '已报名' : full ? '已满' : busy ? '报名中…' : '报名'}
      </Button>
    </View>
  );
}
