// The H5 stand-in for the native <countdown> (Taro H5 cannot render native WeChat components).
// Same rule: recompute from server time every tick, never decrement a counter.
import { useEffect, useState } from 'react';
import { Text, View } from '@tarojs/components';
import { countdownParts } from '@/contract/childcare-rules';

interface Props {
  target: string;
  serverOffset: number;
  prefix: string;
  endText: string;
  onEnd?: () => void;
}

const pad = (n: number) => String(n).padStart(2, '0');

export function H5Countdown({ target, serverOffset, prefix, endText, onEnd }: Props) {
  const left = () => Date.parse(target) - (Date.now() + serverOffset);
  const [ms, setMs] = useState(left);
  useEffect(() => {
    let ended = false;
    const tick = () => {
      const l = left();
      setMs(l);
      if (l <= 0 && !ended) {
        ended = true;
        onEnd?.();
      }
    };
    tick();
    const id = setInterval(tick, 250);
    return () => clearInterval(id);
    // restart the ticker only for a new target or clock: onEnd is a fresh closure every render
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [target, serverOffset]);
  if (ms <= 0)
    return (
      <View className="cc-countdown cc-countdown--ended" role="timer">
        <Text>{endText}</Text>
      </View>
    );
  const p = countdownParts(ms);
  const clock = `${p.days > 0 ? `${p.days}天 ` : ''}${pad(p.hours)}:${pad(p.minutes)}:${pad(p.seconds)}`;
  return (
    <View className="cc-countdown" role="timer" data-testid="cc-countdown">
      <Text className="cc-countdown__prefix">{prefix} </Text>
      <Text className="cc-countdown__digits">{clock}</Text>
    </View>
  );
}
