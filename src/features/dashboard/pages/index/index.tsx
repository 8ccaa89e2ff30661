import { useEffect, useMemo, useState } from 'react';
import { Picker, Text, View } from '@tarojs/components';
import type { Organization } from '@/contract/account';
import { DASHBOARD_FIGURES } from '@/contract/dashboard';
import { PageRoot } from '@/components/page-root';
import { StaffOnly, isStaff } from '@/components/staff-only';
import { useOrgIds, useSession } from '@/lib/session';
import { fetchOrganizations, type FigureQuery, type Scope } from '../../api';
import { FigureCard } from '../../components/figure-card';
import { FIGURE_HINTS } from '../../figure-hints';
import { rangePresets } from '../../range-presets';
import './index.scss';

/** The committee's and each organization's figures, as charts with their CSV (H5 only). */
export default function DashboardPage() {
  const role = useSession((s) => s.user?.role);
  const orgIds = useOrgIds();
  const staff = isStaff(role);
  const [orgs, setOrgs] = useState<Organization[]>([]);
  const [scope, setScope] = useState<Scope | undefined>(undefined);
  const [by, setBy] = useState<FigureQuery['by']>('month');
  const presets = useMemo(() => rangePresets(new Date()), []);
  const [presetIndex, setPresetIndex] = useState(0);

  // the page is wider than the phone column the rest of the H5 app sits in
  useEffect(() => {
    if (process.env.TARO_ENV !== 'h5') return;
    document.body.classList.add('dash-wide');
    return () => document.body.classList.remove('dash-wide');
  }, []);

  useEffect(() => {
    if (!staff) return;
    fetchOrganizations().then(setOrgs, () => setOrgs([]));
  }, [staff]);

  // the scopes this person may open: the district for admins, then their organizations
  const scopes = useMemo(() => {
    const mine = orgs.filter((o) => role === 'admin' || orgIds.includes(o.id));
    return [
      ...(role === 'admin' ? [{ id: null as Scope, name: '全区' }] : []),
      ...mine.map((o) => ({ id: o.id as Scope, name: o.name })),
    ];
  }, [orgs, orgIds, role]);
  const current = scope === undefined ? scopes[0] : scopes.find((s) => s.id === scope);

  const preset = presets[presetIndex];
  const query = useMemo(
    () => ({ by, from: preset.from, to: preset.to }),
    [by, preset.from, preset.to],
  );

  if (!staff) return <StaffOnly />;

  return (
    <PageRoot className="dash" testId="page-dashboard">
      <View className="dash__bar">
        <View className="dash__heading">
          <Text className="dash__title">数据看板</Text>
          <Text className="dash__subtitle">
            {current
              ? `${current.name} · ${preset.label} · ${by === 'month' ? '按月' : '按轮次'}`
              : '加载中…'}
          </Text>
        </View>
        <View className="dash__controls">
          <Picker
            mode="selector"
            range={scopes.map((s) => s.name)}
            value={Math.max(0, scopes.indexOf(current!))}
            onChange={(e) => setScope(scopes[Number(e.detail.value)]?.id ?? null)}
          >
            <View className="dash__select" data-testid="scope-picker">
              {current?.name ?? '选择组织'} ▾
            </View>
          </Picker>
          <Picker
            mode="selector"
            range={presets.map((p) => p.label)}
            value={presetIndex}
            onChange={(e) => setPresetIndex(Number(e.detail.value))}
          >
            <View className="dash__select" data-testid="range-picker">
              {preset.label} ▾
            </View>
          </Picker>
          <View className="dash__toggle">
            {(['month', 'round'] as const).map((b) => (
              <Text
                key={b}
                className={`dash__toggle-item ${by === b ? 'dash__toggle-item--on' : ''}`}
                data-testid={`by-${b}`}
                onClick={() => setBy(b)}
              >
                {b === 'month' ? '按月' : '按轮次'}
              </Text>
            ))}
          </View>
        </View>
      </View>

      {current ? (
        <View className="dash__grid">
          {DASHBOARD_FIGURES.map((name) => (
            <FigureCard
              key={name}
              name={name}
              scope={current.id}
              query={query}
              hint={FIGURE_HINTS[name]}
            />
          ))}
        </View>
      ) : (
        <Text className="dash__state">{orgs.length ? '你还没有负责的组织' : '加载中…'}</Text>
      )}
    </PageRoot>
  );
}
