import { useState } from 'react';
import Taro, { useDidShow } from '@tarojs/taro';
import { Button, Input, Text, View } from '@tarojs/components';
import { LoadFailed } from '@/components/load-failed';
import { PageRoot } from '@/components/page-root';
import { useLoadStatus } from '@/lib/use-load-status';
import { fetchMySkills, saveMySkills } from '../../api';
// the chips' look is the task filter's (one definition)
import '../../components/filter-bar.scss';
import './index.scss';

/** Skills shifts ask for most often, one tap each; anything else can be typed. */
const SUGGESTED = ['急救', '手语', '外语', '摄影', '驾驶', '心理疏导', '水电维修', '电脑维修'];
/** The server keeps at most 10 skills of at most 20 characters. */
const MAX_SKILLS = 10;
const MAX_LENGTH = 20;

/** 我的志愿技能: the shifts that ask for one of them come first in the task list. */
export default function VolunteerSkillsPage() {
  const [skills, setSkills] = useState<string[] | null>(null);
  const [typed, setTyped] = useState('');
  const [saving, setSaving] = useState(false);
  const load = useLoadStatus(() => fetchMySkills().then(setSkills));
  useDidShow(() => void load.run());

  const toggle = (k: string) => {
    if (!skills) return;
    if (skills.includes(k)) setSkills(skills.filter((x) => x !== k));
    else if (skills.length < MAX_SKILLS) setSkills([...skills, k]);
  };
  const add = () => {
    const k = typed.trim();
    if (k && skills && !skills.includes(k)) toggle(k);
    setTyped('');
  };
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
  const others = SUGGESTED.filter((k) => !skills.includes(k));
  return (
    <PageRoot className="volunteer-skills" testId="page-volunteer-skills">
      <View className="card">
        <Text className="field-label">我的技能（点按可去掉）</Text>
        {skills.length === 0 ? <Text className="muted">还没有填写技能</Text> : null}
        <View className="volunteer-skills__chips" data-testid="my-skills">
          {skills.map((k) => (
            <Text
              key={k}
              className="filter-chip filter-chip--on"
              onClick={() => toggle(k)}
              data-testid={`skill-${k}`}
            >
              {k} ×
            </Text>
          ))}
        </View>
        <Text className="muted">需要这些技能的班次会排在志愿活动列表的前面。</Text>
      </View>
      <View className="card">
        <Text className="field-label">常用技能</Text>
        <View className="volunteer-skills__chips">
          {others.map((k) => (
            <Text
              key={k}
              className="filter-chip"
              onClick={() => toggle(k)}
              data-testid={`suggest-${k}`}
            >
              ＋ {k}
            </Text>
          ))}
        </View>
        <View className="volunteer-skills__add">
          <Input
            className="field-input volunteer-skills__input"
            id="skill-input"
            value={typed}
            maxlength={MAX_LENGTH}
            placeholder="其他技能，如：茶艺"
            onInput={(e) => setTyped(e.detail.value)}
            onConfirm={add}
          />
          <Button
            className="btn btn-plain volunteer-skills__add-btn"
            disabled={!typed.trim() || skills.length >= MAX_SKILLS || undefined}
            onClick={add}
            data-testid="skill-add"
          >
            添加
          </Button>
        </View>
        {skills.length >= MAX_SKILLS ? (
          <Text className="muted">最多填写 {MAX_SKILLS} 项</Text>
        ) : null}
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
