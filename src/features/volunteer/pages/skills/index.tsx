import { useState } from 'react';
import Taro, { useDidShow } from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import { LoadFailed } from '@/components/load-failed';
import { PageRoot } from '@/components/page-root';
import { useLoadStatus } from '@/lib/use-load-status';
import { fetchMySkills, saveMySkills } from '../../api';
import { SkillAdder, SkillChips } from '../../components/skill-chips';
import './index.scss';

/** 我的志愿技能: the shifts that ask for one of them come first in the task list. */
export default function VolunteerSkillsPage() {
  const [skills, setSkills] = useState<string[] | null>(null);
  const [saving, setSaving] = useState(false);
  const load = useLoadStatus(() => fetchMySkills().then(setSkills));
  useDidShow(() => void load.run());

  const save = async () => {
    if (!skills) return;
    setSaving(true);
    try {
      setSkills(await saveMySkills(skills));
      void Taro.showToast({ title: '已保存', icon: 'success' });
    } catch {
      // the request wrapper has shown why
    } finally {
      setSaving(false);
    }
  };

  if (!skills)
    return (
      <PageRoot testId="page-volunteer-skills">
        {load.status === 'error' ? (
          <LoadFailed error={load.error} onRetry={() => void load.run()} />
        ) : (
          <Text className="muted">加载中…</Text>
        )}
      </PageRoot>
    );
  return (
    <PageRoot className="volunteer-skills" testId="page-volunteer-skills">
      <View className="card">
        <Text className="field-label">我的技能（点按可去掉）</Text>
        <SkillChips skills={skills} onChange={setSkills} empty="还没有填写技能" />
        <Text className="muted">需要这些技能的班次会排在志愿活动列表的前面。</Text>
      </View>
      <View className="card">
        <Text className="field-label">常用技能</Text>
        <SkillAdder skills={skills} onChange={setSkills} />
      </View>
      <Button
        className="btn btn-primary volunteer-skills__save"
        disabled={saving || undefined}
        onClick={() => void save()}
        data-testid="skills-save"
      >
        保存
      </Button>
    </PageRoot>
  );
}
