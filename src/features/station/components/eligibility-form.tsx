import { useState } from 'react';
import { Button, Input, Text, View } from '@tarojs/components';
import type { EligibilityFormBody, Eligibility } from '@/contract/station';
import {
  checkInWindowWords,
  DECLARED_STATUS_LABELS,
  graduationWindowWords,
  type DeclaredStatus,
} from '@/contract/station-rules';
import { ProofPicker } from './proof-picker';
import './booking-form.scss';

interface Props {
  requirements: Eligibility['requirements'] | null;
  /** false once the hold has lapsed: nothing more can be sent. */
  open: boolean;
  onSubmit: (form: EligibilityFormBody) => Promise<void>;
  /** The station's check-in window (its rules); null while unknown: the copy then names no hours. */
  checkInWindow: { checkInFrom: string; checkInUntil: string } | null;
}

/**
 * Stage 2 of a booking: the eligibility form for the nights already held — the declared status,
 * the graduation date (with the window the station allows), the "no home of my own in this city"
 * declaration and the proof, each only where the station's rules ask. The server judges again.
 */
export function EligibilityForm({ requirements: needs, open, onSubmit, checkInWindow }: Props) {
  const [status, setStatus] = useState<DeclaredStatus>('job_seeking');
  const [graduationDate, setGraduationDate] = useState('');
  const [proofId, setProofId] = useState<string | null>(null);
  const [noLocalHome, setNoLocalHome] = useState(false);
  const [busy, setBusy] = useState(false);

  let problem: string | null = null;
  if (status === 'graduating' && !/^\d{4}-\d{2}-\d{2}$/.test(graduationDate))
    problem = '请填写毕业日期（如 2027-06-30）';
  else if (needs?.noLocalHomeRequired && !noLocalHome) problem = '请确认您在本市没有自有住房';
  else if (needs?.proofRequired && !proofId) problem = '请上传证明材料';

  const submit = async () => {
    if (problem || busy || !open) return;
    setBusy(true);
    try {
      await onSubmit({
        declaredStatus: status,
        ...(status === 'graduating' ? { graduationDate } : {}),
        ...(proofId ? { proofId } : {}),
        ...(noLocalHome ? { noLocalHome } : {}),
      });
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className="booking-form" data-testid="eligibility-form">
      <Text className="section-title">第 2 步 · 我的情况</Text>
      <View className="booking-form__chips">
        {(Object.keys(DECLARED_STATUS_LABELS) as DeclaredStatus[]).map((s) => (
          <View
            key={s}
            className={`booking-form__chip${s === status ? ' booking-form__chip--on' : ''}`}
            onClick={() => setStatus(s)}
            data-testid={`status-${s}`}
          >
            <Text>{DECLARED_STATUS_LABELS[s]}</Text>
          </View>
        ))}
      </View>
      {status === 'graduating' ? (
        <View className="card field">
          <Text className="field-label">毕业日期（已毕业或预计）</Text>
          {needs ? (
            <Text className="muted" data-testid="graduation-window">
              {graduationWindowWords(needs)}内可申请
            </Text>
          ) : null}
          <Input
            className="field-input"
            id="station-graduation"
            value={graduationDate}
            placeholder="2027-06-30"
            maxlength={10}
            onInput={(e) => setGraduationDate(e.detail.value)}
          />
        </View>
      ) : null}

      {needs?.noLocalHomeRequired ? (
        <View
          className={`card booking-form__declare${noLocalHome ? ' booking-form__declare--on' : ''}`}
          onClick={() => setNoLocalHome(!noLocalHome)}
          data-testid="no-local-home"
        >
          <Text className="booking-form__box">{noLocalHome ? '✓' : ''}</Text>
          <Text>本人在本市没有自有住房（如实声明，随预订保存）</Text>
        </View>
      ) : null}

      <ProofPicker
        required={needs?.proofRequired ?? false}
        kind={
          status === 'graduating'
            ? 'student_card'
            : status === 'newly_employed'
              ? 'offer'
              : 'interview'
        }
        onUploaded={setProofId}
      />

      {problem ? (
        <Text className="error-text booking-form__note" data-testid="booking-problem">
          {problem}
        </Text>
      ) : null}
      <Button
        className={`btn btn-primary booking-form__submit${busy ? ' btn--busy' : ''}`}
        disabled={Boolean(problem) || busy || !open || undefined}
        onClick={submit}
        data-testid="booking-submit"
      >
        {busy ? '提交中…' : '提交预订'}
      </Button>
      <Text className="muted booking-form__note" data-testid="check-in-window-note">
        {checkInWindow ? checkInWindowWords(checkInWindow) : '入住当天'}
        凭“我的驿站”中的二维码和身份证办理入住；未按时入住，其余晚数将自动释放。
      </Text>
    </View>
  );
}
