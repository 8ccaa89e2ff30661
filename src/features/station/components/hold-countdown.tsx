import { useEffect, useRef, useState } from 'react';
import { Text, View } from '@tarojs/components';
import { formatInstant } from '@/contract/beijing-time';
import './hold-countdown.scss';

/** Whole seconds left until `untilIso` at the server's time (phone time + `offsetMs`). */
export function secondsLeft(untilIso: string, offsetMs: number, phoneNow = Date.now()): number {
  return Math.max(0, Math.floor((Date.parse(untilIso) - (phoneNow + offsetMs)) / 1000));
}

const mmss = (s: number) =>
  `${String(Math.floor(s / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;

/**
 * The hold's countdown by the second, on the server's clock (`offsetMs` from GET /time): the
 * phone's own clock may be wrong. Calls `onLapse` once when it reaches zero; the server decides
 * all the same (a late form is STAY_HOLD_EXPIRED).
 */
export function HoldCountdown({
  heldUntil,
  offsetMs,
  onLapse,
}: {
  heldUntil: string;
  offsetMs: number;
  onLapse: () => void;
}) {
  const [left, setLeft] = useState(() => secondsLeft(heldUntil, offsetMs));
  // the latest callback, so a new function from the page's render does not restart the timer
  const lapse = useRef(onLapse);
  lapse.current = onLapse;
  useEffect(() => {
    const tick = () => {
      const s = secondsLeft(heldUntil, offsetMs);
      setLeft(s);
      if (s === 0) lapse.current();
      return s;
    };
    if (tick() === 0) return undefined;
    const timer = setInterval(() => {
      if (tick() === 0) clearInterval(timer);
    }, 1000);
    return () => clearInterval(timer);
  }, [heldUntil, offsetMs]);
  return (
    <View className={`card hold-countdown${left < 300 ? ' hold-countdown--late' : ''}`}>
      <Text className="hold-countdown__left" data-testid="hold-countdown">
        {mmss(left)}
      </Text>
      <Text className="muted">
        床位已为你保留至 {formatInstant(heldUntil, 'HH:mm')}，请在倒计时结束前提交资格信息
      </Text>
    </View>
  );
}
