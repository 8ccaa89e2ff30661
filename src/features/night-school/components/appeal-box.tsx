import { useState } from 'react';
import { Button, Text, Textarea, View } from '@tarojs/components';
import type { MyNightSchool } from '@/contract/night-school';
import { submitAppeal } from '../api';

type Bar = NonNullable<MyNightSchool['barred']>;

/** Why the person is barred, and their appeal (write one, or see where it stands). */
export function AppealBox({ bar, onSent }: { bar: Bar; onSent: () => void }) {
  const [text, setText] = useState('');
  const send = async () => {
    try {
      await submitAppeal(text.trim());
      onSent();
    } catch {
      // the request wrapper showed the reason
    }
  };
  return (
    <View className="card ns-mine__barred" data-testid="barred">
      <Text className="ns-mine__barred-title">本学期暂不能报名</Text>
      <Text>{bar.reason}</Text>
      {bar.appeal?.status === 'open' ? (
        <Text className="ns-mine__appeal-state">申诉已提交，等待团区委处理</Text>
      ) : null}
      {bar.appeal?.status === 'rejected' ? (
        <Text className="ns-mine__appeal-state">申诉未通过</Text>
      ) : null}
      {!bar.appeal ? (
        <View className="ns-mine__appeal">
          <Textarea
            className="ns-mine__appeal-input"
            id="ns-appeal"
            maxlength={300}
            placeholder="说明缺勤原因（如加班、出差、生病），可注明证明材料"
            value={text}
            onInput={(e) => setText(e.detail.value)}
          />
          <Button
            className="btn btn-plain"
            disabled={text.trim().length < 5}
            onClick={() => void send()}
          >
            提交申诉
          </Button>
        </View>
      ) : null}
    </View>
  );
}
