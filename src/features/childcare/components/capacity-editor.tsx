// Sets a class's capacity to any value. Lowering is allowed down to the seats held; the server
// keeps that invariant (a conditional UPDATE), so its refusal is shown here too, in place.
import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Button, Input, Text, View } from '@tarojs/components';
import type { ChildcareClass } from '@/contract/childcare';
import { capacityProblem } from '@/contract/childcare-rules';
import { updateCapacity } from '../api';
import './capacity-editor.scss';

interface Props {
  cls: ChildcareClass;
  onSaved: (updated: ChildcareClass) => void;
}

export function CapacityEditor({ cls, onSaved }: Props) {
  const [value, setValue] = useState(String(cls.capacity));
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  const save = async () => {
    const capacity = Number(value.trim());
    const problem = capacityProblem(capacity, cls.taken);
    setError(problem ?? '');
    if (problem || capacity === cls.capacity || busy) return;
    setBusy(true);
    try {
      const updated = await updateCapacity(cls.id, capacity);
      onSaved(updated);
      setValue(String(updated.capacity));
      void Taro.showToast({ title: `容量已设为 ${updated.capacity}`, icon: 'success' });
    } catch (e) {
      setError(e instanceof Error ? e.message : '保存失败，请稍后再试');
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className="cc-capacity" data-testid={`cc-capacity-${cls.id}`}>
      <Text className="field-label">
        班级容量（已占 {cls.taken}，不能低于此数；增加的名额立即按顺序补给候补家庭）
      </Text>
      <View className="cc-capacity__row">
        <View className="cc-capacity__box">
          <Input
            className="field-input cc-capacity__input"
            type="number"
            value={value}
            onInput={(e) => {
              setValue(e.detail.value);
              setError('');
            }}
            data-testid="cc-capacity-input"
          />
        </View>
        <Button
          className={`btn btn-plain cc-capacity__save${busy ? ' btn--busy' : ''}`}
          onClick={() => void save()}
          data-testid="cc-capacity-save"
        >
          设置容量
        </Button>
      </View>
      {error ? (
        <Text className="cc-capacity__error" data-testid="cc-capacity-error">
          {error}
        </Text>
      ) : null}
    </View>
  );
}
