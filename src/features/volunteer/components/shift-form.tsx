import { useEffect, useState } from 'react';
import { Button, Input, Picker, Text, View } from '@tarojs/components';
import type { Shift } from '@/contract/volunteer';
import { addDays, beijingInstant, beijingToday } from '@/contract/beijing-time';
import { newIdempotencyKey } from '@/lib/request';
import { createShift } from '../api';
import { SkillAdder, SkillChips } from './skill-chips';
import './publish-form.scss';

type Text4 = 'place' | 'lat' | 'lng' | 'radiusM' | 'needed';

/**
 * 添加班次 of one task: time window (Beijing time), place with its coordinates and the check-in
 * geofence radius, the number of volunteers needed and the skills it asks for (volunteers who list
 * one of them see the shift first). Numbers typed badly go to the server as
 * they are (NaN → null) so the one message the server gives is the one shown.
 */
export function ShiftForm({
  taskId,
  onCreated,
}: {
  taskId: string;
  onCreated: (shift: Shift) => void;
}) {
  const tomorrow = addDays(beijingToday(new Date()), 1);
  const [when, setWhen] = useState({ date: tomorrow, start: '09:00', end: '11:00' });
  const [form, setForm] = useState<Record<Text4, string>>({
    place: '',
    lat: '',
    lng: '',
    radiusM: '300',
    needed: '10',
  });
  const [skills, setSkills] = useState<string[]>([]);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const [key, setKey] = useState(newIdempotencyKey);
  // an edit answers the last refusal: its message would otherwise sit under a corrected form
  useEffect(() => setError(''), [when, form, skills]);

  const num = (v: string) => (v.trim() === '' ? NaN : Number(v));
  const submit = async () => {
    if (busy) return;
    setBusy(true);
    setError('');
    try {
      const shift = await createShift(
        taskId,
        {
          // the pickers only give real dates and times; '' would be refused with the server's message
          startsAt: beijingInstant(when.date, when.start) ?? '',
          endsAt: beijingInstant(when.date, when.end) ?? '',
          place: form.place.trim(),
          lat: num(form.lat),
          lng: num(form.lng),
          radiusM: num(form.radiusM),
          needed: num(form.needed),
          ...(skills.length ? { skills } : {}),
        },
        key,
      );
      setKey(newIdempotencyKey());
      // the next shift of the task usually asks for the same skills: they stay chosen
      onCreated(shift);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  const field = (
    name: Text4,
    label: string,
    type: 'text' | 'digit' | 'number' = 'text',
    hint?: string,
  ) => (
    <View className="field">
      <Text className="field-label">{label}</Text>
      <Input
        className="field-input"
        type={type}
        data-testid={`shift-${name}`}
        value={form[name]}
        onInput={(e) => setForm({ ...form, [name]: e.detail.value })}
      />
      {hint ? <Text className="field-hint">{hint}</Text> : null}
    </View>
  );

  return (
    <View className="card publish-form" data-testid="shift-form">
      <Text className="publish-form__heading">添加班次</Text>
      <View className="field">
        <Text className="field-label">日期</Text>
        <Picker
          mode="date"
          value={when.date}
          onChange={(e) => setWhen({ ...when, date: String(e.detail.value) })}
        >
          <Text className="field-input publish-form__picker">{when.date}</Text>
        </Picker>
      </View>
      <View className="field publish-form__times">
        <View className="publish-form__time">
          <Text className="field-label">开始（北京时间）</Text>
          <Picker
            mode="time"
            value={when.start}
            onChange={(e) => setWhen({ ...when, start: String(e.detail.value) })}
          >
            <Text className="field-input publish-form__picker">{when.start}</Text>
          </Picker>
        </View>
        <View className="publish-form__time">
          <Text className="field-label">结束</Text>
          <Picker
            mode="time"
            value={when.end}
            onChange={(e) => setWhen({ ...when, end: String(e.detail.value) })}
          >
            <Text className="field-input publish-form__picker">{when.end}</Text>
          </Picker>
        </View>
      </View>
      {field('place', '集合地点', 'text', '如：长风公园4号门')}
      <View className="publish-form__times">
        <View className="publish-form__time">{field('lat', '纬度', 'digit')}</View>
        <View className="publish-form__time">{field('lng', '经度', 'digit')}</View>
      </View>
      {field('radiusM', '签到范围（米）', 'number', '在此范围内可定位签到，20–5000 米')}
      {field('needed', '需要人数', 'number')}
      <View className="field" data-testid="shift-skills">
        <Text className="field-label">所需技能（选填，点按可去掉）</Text>
        <SkillChips skills={skills} onChange={setSkills} empty="不限技能" />
        <SkillAdder skills={skills} onChange={setSkills} />
        <Text className="field-hint">有这些技能的志愿者会先看到这个班次</Text>
      </View>
      {error ? (
        <Text className="error-text" data-testid="shift-error">
          {error}
        </Text>
      ) : null}
      <Button
        className={`btn btn-primary publish-form__submit${busy ? ' btn--busy' : ''}`}
        data-testid="shift-submit"
        onClick={() => void submit()}
      >
        添加班次
      </Button>
    </View>
  );
}
