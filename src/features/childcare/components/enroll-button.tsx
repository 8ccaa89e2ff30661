// The enroll button of one class through the rush: the countdown before opening (WindowGate), one
// Idempotency-Key per tap (reused by the retry prompt), and the honest answer afterwards.
import { useRef, useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { EnrollResult, Programme } from '@/contract/childcare';
import { newIdempotencyKey } from '@/lib/request';
import { askToSubscribe } from '@/lib/subscribe';
import { enroll } from '../api';
import { WindowGate } from './window-gate';
import './enroll-button.scss';

interface Props {
  programme: Programme;
  classId: string;
  childIds: string[];
  serverOffset: number;
  periodStarted: boolean;
  /** the programme's 家长须知 is not agreed to yet (the server would refuse the tap) */
  noticePending?: boolean;
  onDone?: (r: EnrollResult) => void;
}

export function EnrollButton({
  programme,
  classId,
  childIds,
  serverOffset,
  periodStarted,
  noticePending = false,
  onDone,
}: Props) {
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<EnrollResult | null>(null);
  const inFlight = useRef(false);

  const onTap = async () => {
    // A second tap while the first is in flight is ignored here; the server would replay it anyway.
    if (inFlight.current || childIds.length === 0) return;
    inFlight.current = true;
    setBusy(true);
    try {
      const r = await enroll(classId, childIds, newIdempotencyKey());
      setResult(r);
      onDone?.(r);
    } catch {
      // the request wrapper already showed the Chinese message
    } finally {
      inFlight.current = false;
      setBusy(false);
    }
  };

  if (result) {
    return (
      <View
        className={`cc-enroll__result cc-enroll__result--${result.status}`}
        data-testid="cc-enroll-result"
      >
        <Text className="cc-enroll__result-text">{result.message}</Text>
        {result.status === 'held' ? (
          <Button
            className="btn btn-primary cc-enroll__notify"
            onClick={() => void Taro.navigateTo({ url: '/features/childcare/pages/mine/index' })}
            data-testid="cc-go-pay"
          >
            去「我的托班」支付
          </Button>
        ) : null}
        {result.status === 'waitlisted' ? (
          <Text className="muted">有人退出时将按顺序通知您补位，请在 24 小时内确认</Text>
        ) : null}
        {/* asked here, after the rush tap, never during it: a permission dialog must not delay an enrollment */}
        {result.status === 'waitlisted' && process.env.TARO_ENV === 'weapp' ? (
          <Button
            className="btn btn-plain cc-enroll__notify"
            onClick={() => askToSubscribe(['offer'])}
          >
            有名额时微信通知我
          </Button>
        ) : null}
      </View>
    );
  }

  return (
    <WindowGate
      programme={programme}
      serverOffset={serverOffset}
      periodStarted={periodStarted}
      noticePending={noticePending}
      buttonTestId="cc-enroll-button"
    >
      <Button
        className={`btn btn-primary ${busy ? 'btn--busy' : ''}`}
        disabled={childIds.length === 0 || busy}
        onClick={onTap}
        data-testid="cc-enroll-button"
      >
        {busy
          ? '正在提交…'
          : childIds.length === 0
            ? '请先选择孩子'
            : childIds.length > 1
              ? `为 ${childIds.length} 个孩子一起报名`
              : '立即报名'}
      </Button>
    </WindowGate>
  );
}
