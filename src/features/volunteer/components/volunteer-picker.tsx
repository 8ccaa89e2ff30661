import { useEffect, useState } from 'react';
import { Button, Input, Text, View } from '@tarojs/components';
import type { VolunteerPick } from '@/contract/volunteer';
import { searchVolunteers } from '../api';
import './volunteer-picker.scss';

/**
 * The committee picks one named volunteer for a 点单: search by part of the name, the phone's last
 * four digits or a skill; names and phones come masked from the server.
 */
export function VolunteerPicker({ onPick }: { onPick: (v: VolunteerPick) => void }) {
  const [q, setQ] = useState('');
  const [items, setItems] = useState<VolunteerPick[] | null>(null);
  const [failed, setFailed] = useState(false);
  const search = (term: string) =>
    searchVolunteers(term.trim()).then(
      (found) => {
        setItems(found);
        setFailed(false);
      },
      () => setFailed(true),
    );
  // the first 20 at once, so a small district needs no typing
  useEffect(() => void search(''), []);

  return (
    <View className="volunteer-picker" data-testid="volunteer-picker">
      <View className="volunteer-picker__search">
        <Input
          className="field-input volunteer-picker__input"
          id="volunteer-search"
          value={q}
          maxlength={20}
          placeholder="姓名、手机尾号4位或技能"
          onInput={(e) => setQ(e.detail.value)}
          onConfirm={() => void search(q)}
        />
        <Button
          className="btn btn-plain volunteer-picker__go"
          onClick={() => void search(q)}
          data-testid="volunteer-search-go"
        >
          搜索
        </Button>
      </View>
      {failed ? (
        <Text className="error-text" onClick={() => void search(q)}>
          加载失败 · 重试
        </Text>
      ) : null}
      {items?.length === 0 ? <Text className="muted">没有找到符合的志愿者</Text> : null}
      {items?.map((v) => (
        <View key={v.id} className="volunteer-picker__row" data-testid={`pick-${v.id}`}>
          <View className="volunteer-picker__who">
            <Text className="volunteer-picker__name">
              {v.nameMasked}
              {v.phoneMasked ? ` · ${v.phoneMasked}` : ''}
            </Text>
            <Text className="muted volunteer-picker__more">
              {[v.skills.join('、'), v.teams.join('、')].filter(Boolean).join(' · ') ||
                '未填写技能'}
            </Text>
          </View>
          <Button
            className="btn btn-primary volunteer-picker__pick"
            onClick={() => onPick(v)}
            data-testid={`dispatch-to-${v.id}`}
          >
            派给TA
          </Button>
        </View>
      ))}
    </View>
  );
}
