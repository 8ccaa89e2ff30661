// 家长须知, agreed to once per programme before enrolling. Shown above the children so a parent
// reads and agrees during the pre-fill days; at the opening second the tap is then one tap. The
// server refuses an enroll without it (CC_NOTICE_NOT_ACCEPTED), so this is only the friendly way.
import { useEffect, useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import type { Programme } from '@/contract/childcare';
import { formatInstant } from '@/contract/beijing-time';
import { acceptNotice, fetchNoticeAcceptance } from '../api';
import './notice-agreement.scss';

interface Props {
  programme: Programme;
  signedIn: boolean;
  /** whether an enroll may go ahead as far as the notice is concerned */
  onAgreed: (agreed: boolean) => void;
}

export function NoticeAgreement({ programme, signedIn, onAgreed }: Props) {
  const [acceptedAt, setAcceptedAt] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!signedIn) return;
    fetchNoticeAcceptance(programme.id).then(
      (r) => {
        setAcceptedAt(r.acceptedAt);
        onAgreed(r.acceptedAt !== null);
      },
      () => undefined,
    );
  }, [programme.id, signedIn]); // eslint-disable-line react-hooks/exhaustive-deps -- onAgreed is the page's setter

  const agree = async () => {
    if (busy) return;
    setBusy(true);
    try {
      const r = await acceptNotice(programme.id);
      setAcceptedAt(r.acceptedAt);
      onAgreed(r.acceptedAt !== null);
    } catch {
      // the request wrapper showed the message
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className="card cc-notice" data-testid="cc-notice">
      <Text className="cc-notice__title">家长须知</Text>
      <Text className="cc-notice__body">{programme.notice}</Text>
      {acceptedAt ? (
        <Text className="cc-notice__done" data-testid="cc-notice-agreed">
          ✓ 已于 {formatInstant(acceptedAt, 'M月D日 HH:mm')} 阅读并同意
        </Text>
      ) : signedIn ? (
        <Button
          className="btn btn-plain"
          disabled={busy}
          onClick={() => void agree()}
          data-testid="cc-notice-agree"
        >
          我已阅读并同意
        </Button>
      ) : (
        <Text className="muted">登录后阅读并同意家长须知，方可报名</Text>
      )}
    </View>
  );
}
