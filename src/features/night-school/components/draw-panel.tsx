import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import type { Term } from '@/contract/night-school';
import { ApiError } from '@/lib/api-error';
import { formatInstant } from '@/contract/beijing-time';
import { enterPublicValue, runOverdueDraw } from '../api';
import { Field } from './catalog-forms';

const ROOT = '/features/night-school/pages';

/**
 * The organizer's view of a lottery: there is no draw button. The draw runs by itself at the time
 * announced with the term; after the close a second staff member (not the term's creator — the
 * server refuses them) enters the public value; an admin may run a draw whose time has passed.
 */
export function DrawPanel({
  term,
  isAdmin,
  onChanged,
}: {
  term: Term;
  isAdmin: boolean;
  onChanged: () => void;
}) {
  const [value, setValue] = useState('');
  const [source, setSource] = useState('');
  const [error, setError] = useState<string | null>(null);

  const enter = async () => {
    setError(null);
    try {
      await enterPublicValue(term.id, { value: value.trim(), source: source.trim() });
      void Taro.showToast({ title: '公开随机数已录入', icon: 'none' });
      onChanged();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : '录入失败，请检查填写');
    }
  };
  const overdue = async () => {
    const { confirm } = await Taro.showModal({
      title: '补摇？',
      content: '仅当公布的摇号时间已过而系统未自动摇号时使用。此操作记入审计。',
    });
    if (!confirm) return;
    try {
      await runOverdueDraw(term.id);
      onChanged();
    } catch {
      // toast shown by the request wrapper
    }
  };

  return (
    <View className="ns-draw-panel" data-testid="draw-panel">
      <Text className="muted">
        公开摇号时间：{term.drawAt ? formatInstant(term.drawAt) : '未公布'}（系统按时自动摇号）
      </Text>
      {term.phase === 'drawn' ? (
        <Text className="ns-admin__seed">已摇号，种子：{term.seed}</Text>
      ) : term.publicValue ? (
        <Text className="muted">
          公开随机数：{term.publicValue}（{term.publicValueSource}）
        </Text>
      ) : term.phase === 'closed' ? (
        <View data-testid="public-value-form">
          <Text className="muted">
            请由建学期以外的另一位工作人员，录入报名截止后才公布的数值（如次日开盘指数、体彩开奖号码）。
          </Text>
          <Field id="public-value" label="公开随机数" value={value} onInput={setValue} />
          <Field
            id="public-value-source"
            label="来源（哪里公布、哪天）"
            value={source}
            onInput={setSource}
            placeholder="如 3月2日 上证指数开盘价"
          />
          {error ? <Text className="error-text">{error}</Text> : null}
          <Button className="btn btn-primary" onClick={() => void enter()}>
            录入公开随机数
          </Button>
        </View>
      ) : (
        <Text className="muted">报名截止后，由另一位工作人员录入公开随机数。</Text>
      )}
      <View className="ns-admin__actions">
        <Text
          className="ns-admin__action"
          onClick={() => void Taro.navigateTo({ url: `${ROOT}/draw/index?termId=${term.id}` })}
        >
          摇号公示
        </Text>
        {isAdmin && term.phase !== 'drawn' && term.publicValue ? (
          <Text className="ns-admin__action" onClick={() => void overdue()}>
            补摇（已过摇号时间未摇）
          </Text>
        ) : null}
      </View>
    </View>
  );
}
