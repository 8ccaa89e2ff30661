import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { TaskQuery } from '@/contract/volunteer';
import { addDays, beijingToday } from '@/contract/beijing-time';
import './filter-bar.scss';

interface Props {
  filters: TaskQuery;
  categories: string[];
  onChange: (patch: Partial<TaskQuery>) => void;
}

// the phone's clock is good enough to preset a filter; the zone is always Beijing's
const today = () => beijingToday(new Date());

/** Date, distance and category chips: one tap each, large enough for a thumb. */
export function FilterBar({ filters, categories, onChange }: Props) {
  const dates = [
    { label: '全部日期', value: undefined },
    { label: '今天', value: today() },
    { label: '明天', value: addDays(today(), 1) },
  ];
  const near = filters.maxKm !== undefined;
  const toggleNear = async () => {
    if (near) return onChange({ maxKm: undefined, lat: undefined, lng: undefined });
    try {
      const loc = await Taro.getLocation({ type: 'gcj02' });
      onChange({ lat: loc.latitude, lng: loc.longitude, maxKm: 5 });
    } catch {
      void Taro.showToast({ title: '无法获取位置，请在设置中允许定位', icon: 'none' });
    }
  };
  const chip = (active: boolean, label: string, onTap: () => void, testId?: string) => (
    <Text
      key={label}
      className={`filter-chip ${active ? 'filter-chip--on' : ''}`}
      onClick={onTap}
      data-testid={testId}
    >
      {label}
    </Text>
  );
  return (
    <View className="filter-bar">
      <View className="filter-bar__row">
        {dates.map((d) =>
          chip(filters.date === d.value, d.label, () => onChange({ date: d.value })),
        )}
        {chip(near, '附近 5 公里', () => void toggleNear(), 'filter-near')}
      </View>
      {categories.length > 1 ? (
        <View className="filter-bar__row">
          {chip(!filters.category, '全部类别', () => onChange({ category: undefined }))}
          {categories.map((c) => chip(filters.category === c, c, () => onChange({ category: c })))}
        </View>
      ) : null}
    </View>
  );
}
