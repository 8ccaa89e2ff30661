import { Input, Text, View } from '@tarojs/components';
import { WEEKDAY_LABELS } from '@/contract/night-school-rules';
import type { CourseFilters } from '../api';
import './course-filters.scss';

interface Props {
  filters: CourseFilters;
  categories: string[];
  districts: string[];
  onChange: (patch: CourseFilters) => void;
}

function Chip({
  label,
  active,
  onTap,
  testId,
}: {
  label: string;
  active: boolean;
  onTap: () => void;
  testId?: string;
}) {
  return (
    <Text
      className={active ? 'ns-chip ns-chip--on' : 'ns-chip'}
      onClick={onTap}
      data-testid={testId}
    >
      {label}
    </Text>
  );
}

/** Search by name, then chips for category, weekday and district; tapping an active chip clears it. */
export function CourseFiltersBar({ filters, categories, districts, onChange }: Props) {
  return (
    <View className="ns-filters">
      <Input
        className="ns-filters__search"
        id="ns-search"
        placeholder="搜索课程、老师"
        confirmType="search"
        value={filters.q ?? ''}
        onConfirm={(e) => onChange({ q: e.detail.value.trim() || undefined })}
      />
      <View className="ns-filters__row">
        <Chip
          label="全部类别"
          active={!filters.category}
          onTap={() => onChange({ category: undefined })}
        />
        {categories.map((c) => (
          <Chip
            key={c}
            label={c}
            testId={`chip-${c}`}
            active={filters.category === c}
            onTap={() => onChange({ category: filters.category === c ? undefined : c })}
          />
        ))}
      </View>
      <View className="ns-filters__row">
        <Chip
          label="每天"
          active={!filters.weekday}
          onTap={() => onChange({ weekday: undefined })}
        />
        {[1, 2, 3, 4, 5, 6, 7].map((w) => (
          <Chip
            key={w}
            label={WEEKDAY_LABELS[w]}
            active={filters.weekday === w}
            onTap={() => onChange({ weekday: filters.weekday === w ? undefined : w })}
          />
        ))}
      </View>
      <View className="ns-filters__row">
        <Chip
          label="全部区域"
          active={!filters.district}
          onTap={() => onChange({ district: undefined })}
        />
        {districts.map((d) => (
          <Chip
            key={d}
            label={d}
            active={filters.district === d}
            onTap={() => onChange({ district: filters.district === d ? undefined : d })}
          />
        ))}
      </View>
    </View>
  );
}
