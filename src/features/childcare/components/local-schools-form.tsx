// 招收学校名单: the committee limits a programme to local schools, one per line. The list is what
// the enroll statement compares a child's school with, so it is shown back exactly as saved.
import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Button, Text, Textarea, View } from '@tarojs/components';
import type { Programme } from '@/contract/childcare';
import { normalizeSchools } from '@/contract/childcare-rules';
import { setLocalSchools } from '../api';
import { Chips, Field } from './manage-fields';

interface Props {
  programmes: Programme[];
  onSaved: (p: Programme) => void;
}

export function LocalSchoolsForm({ programmes, onSaved }: Props) {
  const [programmeId, setProgrammeId] = useState('');
  const [text, setText] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  const pick = (id: string) => {
    setProgrammeId(id);
    setText((programmes.find((p) => p.id === id)?.localSchools ?? []).join('\n'));
    setError('');
  };

  const save = async () => {
    if (!programmeId) return setError('请先选择托班项目');
    const lines = text.split('\n');
    if (normalizeSchools(lines) === 'invalid')
      return setError('每行一所学校，每个名称 2–40 个字，最多 300 所');
    if (busy) return undefined;
    setError('');
    setBusy(true);
    try {
      const p = await setLocalSchools(programmeId, lines);
      onSaved(p);
      setText((p.localSchools ?? []).join('\n'));
      void Taro.showToast({
        title: p.localSchools ? `已限 ${p.localSchools.length} 所学校` : '已改为不限学校',
        icon: 'success',
      });
    } catch (e) {
      setError(e instanceof Error ? e.message : '保存失败，请稍后再试');
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className="card cc-manage__form" data-testid="cc-schools-form">
      <Text className="cc-manage__title">招收学校名单</Text>
      <Field label="托班项目">
        <Chips
          testId="cc-schools-programme"
          value={programmeId}
          onChange={pick}
          options={programmes.map((p) => ({ value: p.id, label: p.name }))}
        />
      </Field>
      {programmeId ? (
        <Field
          label="只招收这些学校的学生（每行一所）"
          hint="留空表示不限学校。家长在“孩子资料”中填写的学校须与名单一致，报名时由系统核对"
        >
          <Textarea
            className="cc-manage__textarea"
            value={text}
            maxlength={-1}
            placeholder={'如：\n长风新村第一小学\n普陀区第二中心小学'}
            onInput={(e) => setText(e.detail.value)}
            data-testid="cc-schools-text"
          />
        </Field>
      ) : null}
      {error ? (
        <Text className="cc-manage__error" data-testid="cc-schools-error">
          {error}
        </Text>
      ) : null}
      <Button
        className="btn btn-primary"
        disabled={busy || !programmeId}
        onClick={() => void save()}
        data-testid="cc-schools-submit"
      >
        保存名单
      </Button>
    </View>
  );
}
