import { useState } from 'react';
import { Button, Input, Text, View } from '@tarojs/components';
// the chips' look is the task filter's (one definition)
import './filter-bar.scss';
import './skill-chips.scss';

/** Skills shifts ask for most often, one tap each; anything else can be typed. */
export const SUGGESTED_SKILLS = [
  '急救',
  '手语',
  '外语',
  '摄影',
  '驾驶',
  '心理疏导',
  '水电维修',
  '电脑维修',
];
/** The server keeps at most 10 skills of at most 20 characters (a volunteer's and a shift's). */
export const MAX_SKILLS = 10;
const MAX_LENGTH = 20;

/** The list with `k` added (trimmed, once, within the limit) — unchanged otherwise. */
export function withSkill(skills: string[], k: string): string[] {
  const s = k.trim();
  return s && !skills.includes(s) && skills.length < MAX_SKILLS ? [...skills, s] : skills;
}

/** The chosen skills as chips; a tap takes one off. */
export function SkillChips({
  skills,
  onChange,
  empty,
}: {
  skills: string[];
  onChange: (skills: string[]) => void;
  empty: string;
}) {
  return (
    <>
      {skills.length === 0 ? <Text className="muted">{empty}</Text> : null}
      <View className="skill-chips" data-testid="my-skills">
        {skills.map((k) => (
          <Text
            key={k}
            className="filter-chip filter-chip--on"
            onClick={() => onChange(skills.filter((x) => x !== k))}
            data-testid={`skill-${k}`}
          >
            {k} ×
          </Text>
        ))}
      </View>
    </>
  );
}

/** Adds skills: the common ones not chosen yet, one tap each, and a typed one. */
export function SkillAdder({
  skills,
  onChange,
}: {
  skills: string[];
  onChange: (skills: string[]) => void;
}) {
  const [typed, setTyped] = useState('');
  const add = () => {
    onChange(withSkill(skills, typed));
    setTyped('');
  };
  return (
    <>
      <View className="skill-chips">
        {SUGGESTED_SKILLS.filter((k) => !skills.includes(k)).map((k) => (
          <Text
            key={k}
            className="filter-chip"
            onClick={() => onChange(withSkill(skills, k))}
            data-testid={`suggest-${k}`}
          >
            ＋ {k}
          </Text>
        ))}
      </View>
      <View className="skill-chips__add">
        <Input
          className="field-input skill-chips__input"
          id="skill-input"
          data-testid="skill-input"
          value={typed}
          maxlength={MAX_LENGTH}
          placeholder="其他技能，如：茶艺"
          onInput={(e) => setTyped(e.detail.value)}
          onConfirm={add}
        />
        <Button
          className="btn btn-plain skill-chips__add-btn"
          disabled={!typed.trim() || skills.length >= MAX_SKILLS || undefined}
          onClick={add}
          data-testid="skill-add"
        >
          添加
        </Button>
      </View>
      {skills.length >= MAX_SKILLS ? <Text className="muted">最多填写 {MAX_SKILLS} 项</Text> : null}
    </>
  );
}
