import { useState } from 'react';
import { Button, Input, Picker, Text, Textarea, View } from '@tarojs/components';
import type { Task } from '@/contract/volunteer';
import { newIdempotencyKey } from '@/lib/request';
import { createTask } from '../api';
import './publish-form.scss';

export interface OrgOption {
  id: string;
  name: string;
}

/**
 * 发布志愿项目: the server validates (one set of rules); its Chinese message is shown under the
 * form, and the form keeps what was typed. One Idempotency-Key per attempt, renewed on success.
 */
export function TaskForm({
  orgs,
  onCreated,
}: {
  orgs: OrgOption[];
  onCreated: (task: Task) => void;
}) {
  const [orgIndex, setOrgIndex] = useState(0);
  const [form, setForm] = useState({
    title: '',
    category: '环境保护',
    description: '',
    skills: '',
  });
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const [key, setKey] = useState(newIdempotencyKey);
  const org = orgs[orgIndex];

  const submit = async () => {
    if (busy || !org) return;
    setBusy(true);
    setError('');
    try {
      const skills = form.skills.split(/[、,，\s]+/).filter(Boolean);
      const task = await createTask(
        {
          orgId: org.id,
          title: form.title.trim(),
          category: form.category.trim() || undefined,
          description: form.description.trim(),
          skills,
        },
        key,
      );
      setKey(newIdempotencyKey());
      onCreated(task);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  const field = (name: 'title' | 'category' | 'skills', label: string, hint?: string) => (
    <View className="field">
      <Text className="field-label">{label}</Text>
      <Input
        className="field-input"
        data-testid={`task-${name}`}
        value={form[name]}
        onInput={(e) => setForm({ ...form, [name]: e.detail.value })}
      />
      {hint ? <Text className="field-hint">{hint}</Text> : null}
    </View>
  );

  return (
    <View className="card publish-form" data-testid="task-form">
      <Text className="publish-form__heading">项目信息</Text>
      <View className="field">
        <Text className="field-label">发布单位</Text>
        {orgs.length > 1 ? (
          <Picker
            mode="selector"
            range={orgs.map((o) => o.name)}
            value={orgIndex}
            onChange={(e) => setOrgIndex(Number(e.detail.value))}
          >
            <Text className="field-input publish-form__picker">{org?.name}</Text>
          </Picker>
        ) : (
          <Text className="field-input publish-form__picker">
            {org?.name ?? '（无可发布的志愿服务队或团委）'}
          </Text>
        )}
      </View>
      {field('title', '项目名称', '2–60 字，如：“河小青”苏州河巡河护河')}
      {field('category', '类别')}
      <View className="field">
        <Text className="field-label">项目说明</Text>
        <Textarea
          className="publish-form__textarea"
          data-testid="task-description"
          value={form.description}
          onInput={(e) => setForm({ ...form, description: e.detail.value })}
        />
      </View>
      {field('skills', '所需技能', '用顿号分隔，如：巡河、急救')}
      {error ? (
        <Text className="error-text" data-testid="task-error">
          {error}
        </Text>
      ) : null}
      <Button
        className={`btn btn-primary publish-form__submit${busy ? ' btn--busy' : ''}`}
        data-testid="task-submit"
        disabled={!org}
        onClick={() => void submit()}
      >
        发布项目
      </Button>
    </View>
  );
}
