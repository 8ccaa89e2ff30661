import { useState } from 'react';
import { Button, Input, Text, View } from '@tarojs/components';
import type { Allocation } from '@/contract/night-school';
import { ApiError } from '@/lib/api-error';
import { createTerm, updateCourse } from '../api';

/** 'YYYY-MM-DD HH:mm' typed by staff, read as Beijing time. */
export const toInstant = (text: string) => `${text.trim().replace(' ', 'T')}:00+08:00`;

export function Field({
  id,
  label,
  value,
  onInput,
  placeholder,
  type,
}: {
  id: string;
  label: string;
  value: string;
  onInput: (v: string) => void;
  placeholder?: string;
  type?: 'text' | 'number' | 'digit';
}) {
  return (
    <View className="field">
      <Text className="field-label">{label}</Text>
      <Input
        className="field-input"
        id={id}
        type={type ?? 'text'}
        value={value}
        placeholder={placeholder}
        onInput={(e) => onInput(e.detail.value)}
      />
    </View>
  );
}

/** 新建学期: window in Beijing time, allocation mode; the other settings keep their defaults. */
export function TermForm({
  orgId,
  onCreated,
}: {
  orgId: string;
  onCreated: (termId: string) => void;
}) {
  const [name, setName] = useState('');
  const [opens, setOpens] = useState('');
  const [closes, setCloses] = useState('');
  const [drawAt, setDrawAt] = useState('');
  const [allocation, setAllocation] = useState<Allocation>('lottery');
  const [error, setError] = useState<string | null>(null);
  const submit = async () => {
    setError(null);
    try {
      const term = await createTerm({
        orgId,
        name: name.trim(),
        allocation,
        opensAt: toInstant(opens),
        closesAt: toInstant(closes),
        // a lottery announces its draw time with the term; the server draws then, not on a tap
        ...(allocation === 'lottery' ? { drawAt: toInstant(drawAt) } : {}),
      });
      onCreated(term.id);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : '提交失败，请检查填写');
    }
  };
  return (
    <View className="card" data-testid="term-form">
      <Text className="section-title">新建学期</Text>
      <Field
        id="term-name"
        label="学期名称"
        value={name}
        onInput={setName}
        placeholder="如 2027春季青年夜校"
      />
      <Field
        id="term-opens"
        label="报名开始（北京时间）"
        value={opens}
        onInput={setOpens}
        placeholder="2027-02-20 10:00"
      />
      <Field
        id="term-closes"
        label="报名截止（北京时间）"
        value={closes}
        onInput={setCloses}
        placeholder="2027-03-01 22:00"
      />
      <View className="field">
        <Text className="field-label">名额分配</Text>
        <View className="ns-admin__terms">
          <Text
            className={allocation === 'lottery' ? 'ns-chip ns-chip--on' : 'ns-chip'}
            onClick={() => setAllocation('lottery')}
          >
            公开摇号
          </Text>
          <Text
            className={allocation === 'first_come' ? 'ns-chip ns-chip--on' : 'ns-chip'}
            onClick={() => setAllocation('first_come')}
          >
            先到先得
          </Text>
        </View>
      </View>
      {allocation === 'lottery' ? (
        <Field
          id="term-draw-at"
          label="公开摇号时间（北京时间，报名截止之后）"
          value={drawAt}
          onInput={setDrawAt}
          placeholder="2027-03-02 10:00"
        />
      ) : null}
      {error ? <Text className="error-text">{error}</Text> : null}
      <Button className="btn btn-primary" onClick={() => void submit()}>
        创建学期
      </Button>
    </View>
  );
}

/** Capacity of a course: can go up (the waitlist moves up), never below the seats taken. */
export function CapacityEditor({
  courseId,
  capacity,
  onSaved,
}: {
  courseId: string;
  capacity: number;
  onSaved: () => void;
}) {
  const [value, setValue] = useState(String(capacity));
  const [error, setError] = useState<string | null>(null);
  const save = async () => {
    setError(null);
    try {
      await updateCourse(courseId, { capacity: Number(value) });
      onSaved();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : '保存失败');
    }
  };
  return (
    <View className="ns-admin__capacity">
      <Text className="muted">名额</Text>
      <Input
        className="ns-admin__capacity-input"
        id={`capacity-${courseId}`}
        type="number"
        value={value}
        onInput={(e) => setValue(e.detail.value)}
      />
      <Text className="ns-admin__action" onClick={() => void save()}>
        保存名额
      </Text>
      {error ? (
        <Text className="error-text" data-testid="capacity-error">
          {error}
        </Text>
      ) : null}
    </View>
  );
}
