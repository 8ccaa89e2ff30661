import { useCallback, useEffect, useState } from 'react';
import Taro from '@tarojs/taro';
import { Button, Input, Text, View } from '@tarojs/components';
import type { RosterEntry } from '@/contract/volunteer';
import { CHECKIN_PROOF_LABELS, confirmableInBulk } from '@/contract/volunteer-rules';
import { formatInstant } from '@/contract/beijing-time';
import { confirmHours, confirmShiftHours, correctHours, fetchRoster, voidHours } from '../api';
import './roster.scss';

/**
 * The sign-ups of one shift: how each was checked in, the hours waiting for confirmation, and the
 * organizer's hour actions. One tap confirms every row proven by the code; GPS-only rows and rows
 * without a check-out are confirmed one by one, after a look.
 */
export function Roster({ shiftId }: { shiftId: string }) {
  const [items, setItems] = useState<RosterEntry[] | null>(null);
  const load = useCallback(
    () => fetchRoster(shiftId).then(setItems, () => setItems([])),
    [shiftId],
  );
  useEffect(() => {
    void load();
  }, [load]);

  const confirm = async (r: RosterEntry) => {
    await confirmHours(r.signupId).catch(() => undefined);
    await load();
  };
  const confirmAll = async () => {
    const done = await confirmShiftHours(shiftId).catch(() => null);
    if (done) {
      const rest = done.leftForReview ? `，${done.leftForReview} 人待逐一核实` : '';
      void Taro.showToast({
        title: `已确认 ${done.confirmed} 人共 ${done.hours} 小时${rest}`,
        icon: 'none',
      });
    }
    await load();
  };
  // one inline form at a time: a correction (the new total and the reason) or a void (the reason)
  const [editing, setEditing] = useState<{ signupId: string; mode: 'correct' | 'void' } | null>(
    null,
  );
  const [fix, setFix] = useState({ hours: '', reason: '' });
  const save = async (r: RosterEntry) => {
    const hours = Math.round(Number(fix.hours) * 2) / 2;
    const isVoid = editing?.mode === 'void';
    if (
      (!isVoid && (!Number.isFinite(hours) || fix.hours.trim() === '')) ||
      fix.reason.trim().length < 2
    ) {
      void Taro.showToast({
        title: isVoid
          ? '请填写作废原因（核实的造假情况）'
          : '请填写更正后的时长（0.5 小时为单位）和原因',
        icon: 'none',
      });
      return;
    }
    const reason = fix.reason.trim();
    await (isVoid ? voidHours(r.signupId, { reason }) : correctHours(r.signupId, { hours, reason }))
      .then(() => setEditing(null))
      .catch(() => undefined);
    await load();
  };

  if (items === null) return <Text className="muted">加载名单…</Text>;
  if (items.length === 0) return <Text className="muted">暂无报名</Text>;
  const bulk = items.filter(
    (r) => r.awaitingConfirmation && r.checkedOutAt && confirmableInBulk(r.proof),
  );
  return (
    <View className="roster" data-testid={`roster-${shiftId}`}>
      {bulk.length ? (
        <Button
          className="btn btn-primary roster__all"
          onClick={() => void confirmAll()}
          data-testid={`confirm-shift-${shiftId}`}
        >
          一键确认 {bulk.length} 人的时长
        </Button>
      ) : null}
      {items.map((r) => (
        <View key={r.signupId} className="roster__row">
          <View className="roster__main">
            <Text>
              {r.name} <Text className="muted">{r.phoneMasked ?? ''}</Text>
            </Text>
            <Text className="muted">
              {r.checkedInAt ? `签到 ${formatInstant(r.checkedInAt, 'HH:mm')}` : '未签到'}
              {r.checkedOutAt ? ` · 签退 ${formatInstant(r.checkedOutAt, 'HH:mm')}` : ''}
              {r.proof ? (
                <Text className={`roster__proof roster__proof--${r.proof}`}>
                  {' '}
                  · {CHECKIN_PROOF_LABELS[r.proof]}
                </Text>
              ) : null}
              {r.awaitingConfirmation
                ? ` · 待确认${r.checkedOutAt ? ` ${r.pendingHours} 小时` : ''}`
                : ` · ${r.hours} 小时`}
              {r.voided ? ' · 已作废' : ''}
            </Text>
          </View>
          {r.awaitingConfirmation ? (
            <Button className="btn btn-plain roster__btn" onClick={() => void confirm(r)}>
              {r.proof === 'gps_flagged'
                ? '核实后确认'
                : r.checkedOutAt
                  ? '确认'
                  : '确认（未签退）'}
            </Button>
          ) : null}
          {r.checkedInAt && !r.voided ? (
            <Button
              className="btn btn-text roster__btn"
              onClick={() => {
                setEditing({ signupId: r.signupId, mode: 'correct' });
                setFix({ hours: String(r.hours), reason: '' });
              }}
            >
              更正
            </Button>
          ) : null}
          {r.checkedInAt && !r.voided && !r.awaitingConfirmation ? (
            <Button
              className="btn btn-text roster__btn roster__btn--void"
              onClick={() => {
                setEditing({ signupId: r.signupId, mode: 'void' });
                setFix({ hours: '', reason: '' });
              }}
            >
              作废
            </Button>
          ) : null}
          {editing?.signupId === r.signupId ? (
            <View className="roster__fix">
              {editing.mode === 'correct' ? (
                <Input
                  className="field-input roster__fix-hours"
                  type="digit"
                  value={fix.hours}
                  placeholder="更正后小时数"
                  onInput={(e) => setFix({ ...fix, hours: e.detail.value })}
                />
              ) : null}
              <Input
                className="field-input roster__fix-reason"
                value={fix.reason}
                placeholder={
                  editing.mode === 'void'
                    ? '作废原因：核实的造假情况（必填，记录在案）'
                    : '原因（必填，记录在案）'
                }
                onInput={(e) => setFix({ ...fix, reason: e.detail.value })}
              />
              <Button className="btn btn-primary roster__btn" onClick={() => void save(r)}>
                {editing.mode === 'void' ? '确认作废' : '保存'}
              </Button>
            </View>
          ) : null}
        </View>
      ))}
    </View>
  );
}
