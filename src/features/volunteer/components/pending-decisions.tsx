import { useEffect, useState } from 'react';
import Taro from '@tarojs/taro';
import { Button, Input, Text, View } from '@tarojs/components';
import type { CorrectionRequest, VolunteerAppeal } from '@/contract/volunteer';
import { formatInstant } from '@/contract/beijing-time';
import { decideAppeal, decideCorrection, fetchAppeals, fetchCorrectionInbox } from '../api';
import './pending-decisions.scss';

/**
 * What volunteers asked of this organizer: corrections of their hours and appeals against a bar.
 * Each is answered once; a refused correction says why (the volunteer sees the note).
 */
export function PendingDecisions() {
  const [corrections, setCorrections] = useState<CorrectionRequest[]>([]);
  const [appeals, setAppeals] = useState<VolunteerAppeal[]>([]);
  const [notes, setNotes] = useState<Record<string, string>>({});
  const load = () =>
    Promise.all([fetchCorrectionInbox(), fetchAppeals()]).then(
      ([c, a]) => {
        setCorrections(c.filter((x) => x.status === 'open'));
        setAppeals(a.filter((x) => x.status === 'open'));
      },
      () => undefined,
    );
  useEffect(() => {
    void load();
  }, []);

  const answer = async (c: CorrectionRequest, decision: 'accepted' | 'rejected') => {
    const note = notes[c.id]?.trim();
    if (decision === 'rejected' && (!note || note.length < 2)) {
      void Taro.showToast({ title: '不予更正时请填写说明', icon: 'none' });
      return;
    }
    await decideCorrection(c.id, { decision, ...(note ? { note } : {}) }).catch(() => undefined);
    await load();
  };
  const answerAppeal = async (a: VolunteerAppeal, decision: 'accepted' | 'rejected') => {
    await decideAppeal(a.id, decision).catch(() => undefined);
    await load();
  };

  if (corrections.length === 0 && appeals.length === 0) return null;
  return (
    <View className="card pending-decisions" data-testid="pending-decisions">
      <Text className="pending-decisions__title">
        待处理（{corrections.length + appeals.length}）
      </Text>
      {corrections.map((c) => (
        <View
          key={c.id}
          className="pending-decisions__row"
          data-testid={`correction-request-${c.id}`}
        >
          <Text>
            {c.name} · {c.title} · {formatInstant(c.shiftStartsAt, 'M月D日')}
          </Text>
          <Text className="muted">
            申请由 {c.currentHours} 小时更正为 {c.hours} 小时：{c.reason}
          </Text>
          <Input
            className="field-input pending-decisions__note"
            value={notes[c.id] ?? ''}
            placeholder="说明（不予更正时必填）"
            onInput={(e) => setNotes({ ...notes, [c.id]: e.detail.value })}
          />
          <View className="pending-decisions__actions">
            <Button
              className="btn btn-primary pending-decisions__btn"
              onClick={() => void answer(c, 'accepted')}
            >
              同意更正
            </Button>
            <Button
              className="btn btn-plain pending-decisions__btn"
              onClick={() => void answer(c, 'rejected')}
            >
              不予更正
            </Button>
          </View>
        </View>
      ))}
      {appeals.map((a) => (
        <View key={a.id} className="pending-decisions__row" data-testid={`appeal-${a.id}`}>
          <Text>
            {a.name} · 暂停报名申诉（{a.voids} 次作废）
          </Text>
          <Text className="muted">{a.reason}</Text>
          <View className="pending-decisions__actions">
            <Button
              className="btn btn-primary pending-decisions__btn"
              onClick={() => void answerAppeal(a, 'accepted')}
            >
              通过，恢复报名
            </Button>
            <Button
              className="btn btn-plain pending-decisions__btn"
              onClick={() => void answerAppeal(a, 'rejected')}
            >
              不通过
            </Button>
          </View>
        </View>
      ))}
    </View>
  );
}
