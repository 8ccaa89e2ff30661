// One station's own booking rules over the district defaults: its staff choose how bookings are
// approved and how free stays are counted, whether the "no home in this city" declaration and a
// proof are asked for, and set the free-night allowance, nights per stay and the graduation
// window; an empty field (or 沿用全区默认) keeps the committee's default, shown greyed in the field.
import { useEffect, useState } from 'react';
import Taro from '@tarojs/taro';
import { Button, Input, Text, View } from '@tarojs/components';
import type { AllowanceRule, StationOverrides, StationRules } from '@/contract/station';
import { fetchStationRules, updateStationRules } from '../api';
import { ALLOWANCE_RULE_TEXT, ELIGIBILITY_SWITCHES } from '../labels';

const NUMBERS = [
  { key: 'allowanceNights', label: '每人免费晚数', min: 0, max: 365, unit: '晚' },
  { key: 'maxNightsPerStay', label: '每次最多入住', min: 1, max: 30, unit: '晚' },
  { key: 'graduatingWithinMonths', label: '毕业生：毕业前', min: 0, max: 60, unit: '个月起' },
  { key: 'graduatedWithinMonths', label: '毕业生：毕业后', min: 0, max: 120, unit: '个月内' },
] as const;

/** The station's yes/no rules, each with its words; null follows the district. */
const SWITCHES = [
  { key: 'autoApprove', label: '预订审核', yes: '自动通过', no: '人工审核' },
  ...ELIGIBILITY_SWITCHES,
] as const;
type SwitchKey = (typeof SWITCHES)[number]['key'];

export function StationRulesForm({ stationId }: { stationId: string }) {
  const [rules, setRules] = useState<StationRules | null>(null);
  const [switches, setSwitches] = useState<Partial<Record<SwitchKey, boolean | null>>>({});
  const [rule, setRule] = useState<AllowanceRule | null>(null);
  const [draft, setDraft] = useState<Record<string, string>>({});
  const [error, setError] = useState('');
  const [saving, setSaving] = useState(false);

  const show = (r: StationRules) => {
    setRules(r);
    setSwitches(Object.fromEntries(SWITCHES.map(({ key }) => [key, r.overrides[key]])));
    setRule(r.overrides.allowanceRule);
    setDraft(
      Object.fromEntries(NUMBERS.map(({ key }) => [key, r.overrides[key]?.toString() ?? ''])),
    );
    setError('');
  };
  useEffect(() => {
    fetchStationRules(stationId).then(show, () => setRules(null));
  }, [stationId]);

  const save = async () => {
    const patch: Partial<StationOverrides> = { allowanceRule: rule };
    for (const { key } of SWITCHES) patch[key] = switches[key] ?? null;
    for (const { key, label, min, max } of NUMBERS) {
      const v = draft[key]?.trim() ?? '';
      if (!v) {
        patch[key] = null;
        continue;
      }
      if (!/^\d{1,3}$/.test(v) || Number(v) < min || Number(v) > max)
        return setError(`${label}请填写${min}–${max}的整数，或留空沿用全区默认`);
      patch[key] = Number(v);
    }
    setError('');
    setSaving(true);
    try {
      show(await updateStationRules(stationId, patch));
      void Taro.showToast({ title: '已保存', icon: 'success' });
    } catch (err) {
      setError(err instanceof Error && err.message ? err.message : '保存失败，请重试');
    } finally {
      setSaving(false);
    }
  };

  if (!rules) return null;
  const d = rules.defaults;
  return (
    <>
      <Text className="section-title">本驿站预订规则</Text>
      <View className="card station-manage__form" data-testid="station-rules">
        {SWITCHES.map(({ key, label, yes, no }) => (
          <View key={key} className="field">
            <Text className="field-label">{label}</Text>
            <View className="station-manage__chips" data-testid={`station-${key}`}>
              {[
                { value: null, label: `沿用全区默认（${d[key] ? yes : no}）` },
                { value: true, label: yes },
                { value: false, label: no },
              ].map((o) => (
                <Text
                  key={o.label}
                  className={`station-manage__chip${(switches[key] ?? null) === o.value ? ' station-manage__chip--on' : ''}`}
                  onClick={() => setSwitches({ ...switches, [key]: o.value })}
                >
                  {o.label}
                </Text>
              ))}
            </View>
          </View>
        ))}
        <View className="field">
          <Text className="field-label">免费入住计算</Text>
          <View className="station-manage__chips" data-testid="station-allowance-rule">
            {[
              { value: null, label: `沿用全区默认（${ALLOWANCE_RULE_TEXT[d.allowanceRule]}）` },
              { value: 'nights' as const, label: ALLOWANCE_RULE_TEXT.nights },
              { value: 'one_stay' as const, label: ALLOWANCE_RULE_TEXT.one_stay },
            ].map((o) => (
              <Text
                key={o.label}
                className={`station-manage__chip${rule === o.value ? ' station-manage__chip--on' : ''}`}
                onClick={() => setRule(o.value)}
              >
                {o.label}
              </Text>
            ))}
          </View>
        </View>
        {NUMBERS.map(({ key, label, unit }) => (
          <View key={key} className="station-manage__setting">
            <Text className="station-manage__setting-label">{label}</Text>
            <Input
              className="field-input station-manage__beds"
              id={`rule-${key}`}
              type="number"
              value={draft[key] ?? ''}
              placeholder={String(d[key])}
              onInput={(e) => setDraft({ ...draft, [key]: e.detail.value })}
            />
            <Text className="station-manage__unit">{unit}</Text>
          </View>
        ))}
        <Text className="field-hint">
          留空即沿用全区默认（灰色数字）。免费晚数与次数按每人在各驿站的累计计算，在本驿站预订时按本驿站的规则判断；“限
          1 次”时每次最多入住的晚数即免费晚数。
        </Text>
        {error ? (
          <Text className="station-manage__error" data-testid="station-rules-error">
            {error}
          </Text>
        ) : null}
        <Button
          className="btn btn-primary"
          disabled={saving || undefined}
          onClick={() => void save()}
          data-testid="save-station-rules"
        >
          保存本驿站规则
        </Button>
      </View>
    </>
  );
}
