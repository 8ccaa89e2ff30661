import { useState } from 'react';
import { Button, Input, Picker, Text, View } from '@tarojs/components';
import type { Allocation } from '@/contract/night-school';
import { WEEKDAY_LABELS } from '@/contract/night-school-rules';
import { ApiError } from '@/lib/api-error';
import { createCourse, createTerm, updateCourse } from '../api';

/** 'YYYY-MM-DD HH:mm' typed by staff, read as Beijing time. */
export const toInstant = (text: string) => `${text.trim().replace(' ', 'T')}:00+08:00`;

export function Field({ id, label, value, onInput, placeholder, type }: { id: string; label: string; value: string; onInput: (v: string) => void; placeholder?: string; type?: 'text' | 'number' | 'digit' }) {
  return (
    <View className='field'>
      <Text className='field-label'>{label}</Text>
      <Input className='field-input' id={id} type={type ?? 'text'} value={value} placeholder={placeholder} onInput={(e) => onInput(e.detail.value)} />
    </View>
  );
}

/** 新建学期: window in Beijing time, allocation mode; the other settings keep their defaults. */
export function TermForm({ orgId, onCreated }: { orgId: string; onCreated: (termId: string) => void }) {
  const [name, setName] = useState('');
  const [opens, setOpens] = useState('');
  const [closes, setCloses] = useState('');
  const [allocation, setAllocation] = useState<Allocation>('lottery');
  const [error, setError] = useState<string | null>(null);
  const submit = async () => {
    setError(null);
    try {
      const term = await createTerm({ orgId, name: name.trim(), allocation, opensAt: toInstant(opens), closesAt: toInstant(closes) });
      onCreated(term.id);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : '提交失败，请检查填写');
    }
  };
  return (
    <View className='card' data-testid='term-form'>
      <Text className='section-title'>新建学期</Text>
      <Field id='term-name' label='学期名称' value={name} onInput={setName} placeholder='如 2027春季青年夜校' />
      <Field id='term-opens' label='报名开始（北京时间）' value={opens} onInput={setOpens} placeholder='2027-02-20 10:00' />
      <Field id='term-closes' label='报名截止（北京时间）' value={closes} onInput={setCloses} placeholder='2027-03-01 22:00' />
      <View className='field'>
        <Text className='field-label'>名额分配</Text>
        <View className='ns-admin__terms'>
          <Text className={allocation === 'lottery' ? 'ns-chip ns-chip--on' : 'ns-chip'} onClick={() => setAllocation('lottery')}>公开摇号</Text>
          <Text className={allocation === 'first_come' ? 'ns-chip ns-chip--on' : 'ns-chip'} onClick={() => setAllocation('first_come')}>先到先得</Text>
        </View>
      </View>
      {error ? <Text className='error-text'>{error}</Text> : null}
      <Button className='btn btn-primary' onClick={() => void submit()}>创建学期</Button>
    </View>
  );
}

/** 新建课程 in a term: the usual 8 weekly sessions at 19:30–21:00 unless changed. */
export function CourseForm({ termId, onCreated }: { termId: string; onCreated: () => void }) {
  const [f, setF] = useState({ title: '', category: '', teacher: '', venueName: '', venueAddress: '', district: '普陀区', lat: '31.2262', lng: '121.4012', weekday: 2, startTime: '19:30', endTime: '21:00', startDate: '', sessions: '8', capacity: '20' });
  const [error, setError] = useState<string | null>(null);
  const set = (k: keyof typeof f) => (v: string) => setF({ ...f, [k]: v });
  const submit = async () => {
    setError(null);
    try {
      await createCourse(termId, {
        title: f.title.trim(), category: f.category.trim(), teacher: f.teacher.trim(), venueName: f.venueName.trim(),
        venueAddress: f.venueAddress.trim(), district: f.district.trim(), lat: Number(f.lat), lng: Number(f.lng),
        weekday: f.weekday, startTime: f.startTime, endTime: f.endTime, startDate: f.startDate.trim(),
        sessions: Number(f.sessions), capacity: Number(f.capacity),
      });
      onCreated();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : '提交失败，请检查填写');
    }
  };
  return (
    <View className='card' data-testid='course-form'>
      <Text className='section-title'>新建课程</Text>
      <Field id='course-title' label='课程名称' value={f.title} onInput={set('title')} />
      <Field id='course-category' label='类别' value={f.category} onInput={set('category')} placeholder='手工 / 生活 / 表达 …' />
      <Field id='course-teacher' label='授课老师' value={f.teacher} onInput={set('teacher')} />
      <Field id='course-venue' label='上课地点' value={f.venueName} onInput={set('venueName')} />
      <Field id='course-address' label='地址' value={f.venueAddress} onInput={set('venueAddress')} />
      <Field id='course-district' label='区' value={f.district} onInput={set('district')} />
      <View className='field'>
        <Text className='field-label'>每周</Text>
        <Picker mode='selector' range={WEEKDAY_LABELS.slice(1) as unknown as string[]} value={f.weekday - 1} onChange={(e) => setF({ ...f, weekday: Number(e.detail.value) + 1 })}>
          <Text className='field-input'>{WEEKDAY_LABELS[f.weekday]}</Text>
        </Picker>
      </View>
      <Field id='course-start' label='上课时间' value={f.startTime} onInput={set('startTime')} placeholder='19:30' />
      <Field id='course-end' label='下课时间' value={f.endTime} onInput={set('endTime')} placeholder='21:00' />
      <Field id='course-date' label='首次上课不早于' value={f.startDate} onInput={set('startDate')} placeholder='2027-03-09' />
      <Field id='course-sessions' label='课次' type='number' value={f.sessions} onInput={set('sessions')} />
      <Field id='course-capacity' label='名额' type='number' value={f.capacity} onInput={set('capacity')} />
      {error ? <Text className='error-text' data-testid='course-form-error'>{error}</Text> : null}
      <Button className='btn btn-primary' onClick={() => void submit()}>创建课程</Button>
    </View>
  );
}

/** Capacity of a course: can go up (the waitlist moves up), never below the seats taken. */
export function CapacityEditor({ courseId, capacity, onSaved }: { courseId: string; capacity: number; onSaved: () => void }) {
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
    <View className='ns-admin__capacity'>
      <Text className='muted'>名额</Text>
      <Input className='ns-admin__capacity-input' id={`capacity-${courseId}`} type='number' value={value} onInput={(e) => setValue(e.detail.value)} />
      <Text className='ns-admin__action' onClick={() => void save()}>保存名额</Text>
      {error ? <Text className='error-text' data-testid='capacity-error'>{error}</Text> : null}
    </View>
  );
}
