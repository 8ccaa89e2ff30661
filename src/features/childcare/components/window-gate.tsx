// What an enroll button shows until it may be tapped: the countdown on server time before the
// opening, 已开班 / 已截止 after, and the 家长须知 still to agree to. Once open it renders its
// children: the button of one class (EnrollButton) or of a family's saved choice (BasketButton).
import { useState, type ReactNode } from 'react';
import { Button, Text, View } from '@tarojs/components';
import type { Programme } from '@/contract/childcare';
import { windowState } from '@/contract/childcare-rules';
import { H5Countdown } from './h5-countdown';
import './enroll-button.scss';

interface Props {
  programme: Programme;
  serverOffset: number;
  periodStarted: boolean;
  /** the programme's 家长须知 is not agreed to yet (the server would refuse the tap) */
  noticePending: boolean;
  buttonTestId: string;
  children: ReactNode;
}

export function WindowGate({
  programme,
  serverOffset,
  periodStarted,
  noticePending,
  buttonTestId,
  children,
}: Props) {
  // read on every render (a refreshed programme may move its window); the countdown's end renders again
  const state = windowState(programme, new Date(Date.now() + serverOffset));
  const [, setOpenedAt] = useState(0);
  const opened = () => setOpenedAt(Date.now());
  const off = (text: string) => (
    <Button className="btn cc-enroll__off" disabled data-testid={buttonTestId}>
      {text}
    </Button>
  );

  if (periodStarted) return off('本期已开班');
  if (state === 'closed') return off('报名已截止');
  if (state === 'prefill-not-open' || state === 'prefill') {
    return (
      <View className="cc-enroll">
        {process.env.TARO_ENV === 'weapp' ? (
          <countdown
            target={programme.registrationOpensAt}
            serverOffset={serverOffset}
            prefix="距报名开始"
            endText="报名已开始"
            onEnd={opened}
          />
        ) : (
          <H5Countdown
            target={programme.registrationOpensAt}
            serverOffset={serverOffset}
            prefix="距报名开始"
            endText="报名已开始"
            onEnd={opened}
          />
        )}
        {off('报名尚未开始')}
        {state === 'prefill' ? (
          <Text className="muted">
            现在是预填期：请先完善孩子的学校、年级和接送人{noticePending ? '，并同意家长须知' : ''}
          </Text>
        ) : null}
      </View>
    );
  }
  if (noticePending) return off('请先阅读并同意上方家长须知');
  return <>{children}</>;
}
