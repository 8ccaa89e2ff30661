// 一键报名 for a family's saved choice: the same countdown and gates as one class's button, one
// Idempotency-Key per tap, and each child's answer afterwards.
import { useRef, useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import type { BasketResult, Programme } from '@/contract/childcare';
import { newIdempotencyKey } from '@/lib/request';
import { enrollBasket } from '../api';
import { WindowGate } from './window-gate';
import './basket-button.scss';

interface Props {
  programme: Programme;
  serverOffset: number;
  noticePending: boolean;
  /** children in the saved choice; 0: nothing saved yet */
  childCount: number;
  /** "王小明 · 低年级班" for an item of the answer */
  describe: (item: BasketResult['items'][number]) => string;
  onDone: () => void;
}

const STATUS = {
  enrolled: '已报名',
  held: '待支付',
  waitlisted: '候补',
  refused: '未报上',
} as const;

export function BasketButton(p: Props) {
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<BasketResult | null>(null);
  const inFlight = useRef(false);

  const onTap = async () => {
    if (inFlight.current || p.childCount === 0) return;
    inFlight.current = true;
    setBusy(true);
    try {
      setResult(await enrollBasket(p.programme.id, newIdempotencyKey()));
      p.onDone();
    } catch {
      // the request wrapper already showed the Chinese message (e.g. a class full in 全部报上)
    } finally {
      inFlight.current = false;
      setBusy(false);
    }
  };

  if (result)
    return (
      <View className="cc-basket-result" data-testid="cc-basket-result">
        <Text className="cc-basket-result__title">{result.message}</Text>
        {result.items.map((item) => (
          <View
            key={item.classId}
            className={`cc-basket-result__item cc-basket-result__item--${item.status}`}
          >
            <Text className="cc-basket-result__who">
              {p.describe(item)} · {STATUS[item.status]}
            </Text>
            <Text className="cc-basket-result__message">{item.message}</Text>
          </View>
        ))}
      </View>
    );

  return (
    <WindowGate
      programme={p.programme}
      serverOffset={p.serverOffset}
      periodStarted={false}
      noticePending={p.noticePending}
      buttonTestId="cc-basket-button"
    >
      <Button
        className={`btn btn-primary ${busy ? 'btn--busy' : ''}`}
        disabled={p.childCount === 0 || busy}
        onClick={onTap}
        data-testid="cc-basket-button"
      >
        {busy
          ? '正在提交…'
          : p.childCount === 0
            ? '请先选择并保存班级'
            : `一键报名（${p.childCount} 个孩子）`}
      </Button>
    </WindowGate>
  );
}
