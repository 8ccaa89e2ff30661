import { useEffect, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Button, View } from '@tarojs/components';
import type { Today } from '@/contract/organizer';
import { EmptyState } from '@/components/empty-state';
import { PageRoot } from '@/components/page-root';
import { StaffOnly, isStaff } from '@/components/staff-only';
import { useOrgIds, useSession } from '@/lib/session';
import { fetchToday } from '../../api';
import { ConsoleLayout, sectionTitle } from '../../components/console-layout';
import { DataTable } from '../../components/data-table';
import { HomeCharts } from '../../components/home-charts';
import { OverdueReviews } from '../../components/overdue-reviews';
import { useWide } from '../../components/use-wide';
import { HOME, sectionsFor } from '../../nav';
import { TABLES } from '../../tables';

/** The desktop console (H5, ≥ 1024 px): tables per service; a phone keeps the organizer pages. */
export default function ConsolePage() {
  const role = useSession((s) => s.user?.role);
  const name = useSession((s) => s.user?.name);
  const orgIds = useOrgIds();
  const wide = useWide();
  const params = useRouter().params;
  const sections = sectionsFor(role);
  const initial = sections.find((s) => s.key === params.s) ? String(params.s) : HOME;
  const [active, setActive] = useState(initial);
  const section = sections.find((s) => s.key === active) ?? sections[0]!;
  const [tab, setTab] = useState<string | null>(params.t ?? null);
  const table = section.tables.includes(tab ?? '') ? tab! : section.tables[0];

  if (!isStaff(role)) return <StaffOnly />;
  if (!wide)
    return (
      <PageRoot testId="console-narrow">
        <EmptyState
          title="请在电脑上使用工作台"
          detail="工作台的表格需要至少 1024 像素宽的浏览器窗口；在手机上请使用组织者工作台。"
        />
        <View className="console-narrow">
          <Button
            className="btn btn-primary"
            onClick={() => void Taro.redirectTo({ url: '/features/organizer/pages/index/index' })}
          >
            打开组织者工作台
          </Button>
        </View>
      </PageRoot>
    );

  const pick = (key: string) => {
    const next = sections.find((s) => s.key === key);
    if (next?.url) {
      void Taro.navigateTo({ url: next.url });
      return;
    }
    setActive(key);
    setTab(null);
  };
  const who = `${name ?? '工作人员'} · ${role === 'admin' ? '管理员（全部组织）' : `组织者（${orgIds.length} 个组织）`}`;

  return (
    <ConsoleLayout
      sections={sections}
      active={section.key}
      title={sectionTitle(section.key)}
      who={who}
      onPick={pick}
    >
      {section.key === HOME ? (
        <>
          <ConsoleHome onPick={pick} />
          {/* the committee watches the review deadline of every station */}
          {role === 'admin' ? <OverdueReviews /> : null}
          {role === 'admin' || orgIds.length ? (
            <HomeCharts
              scope={role === 'admin' ? null : orgIds[0]!}
              onMore={() => pick('dashboard')}
            />
          ) : null}
        </>
      ) : null}
      {section.tables.length > 1 ? (
        <div className="console-tabs">
          {section.tables.map((key) => (
            <button
              key={key}
              className={`console-tabs__tab${key === table ? ' console-tabs__tab--on' : ''}`}
              data-testid={`tab-${key}`}
              onClick={() => setTab(key)}
            >
              {TABLES[key]!.title}
            </button>
          ))}
        </div>
      ) : null}
      {/* keyed by table: switching tabs starts the next table from its own first page */}
      {table ? <DataTable key={table} spec={TABLES[table]!} /> : null}
    </ConsoleLayout>
  );
}

const SECTION_OF_SERVICE: Record<string, string> = {
  station: 'station',
  childcare: 'childcare',
  'night-school': 'night-school',
  volunteer: 'volunteer',
};

/** Today's work for the caller's organizations, each card one click from its tables. */
function ConsoleHome({ onPick }: { onPick: (key: string) => void }) {
  const [today, setToday] = useState<Today | null>(null);
  useEffect(() => {
    fetchToday().then(setToday, () => setToday({ date: '', items: [] }));
  }, []);
  if (!today) return <div className="console-table__hint">加载中…</div>;
  if (today.items.length === 0)
    return <div className="console-table__hint">今天没有待办事项。</div>;
  return (
    <div className="console-home" data-testid="console-today">
      {today.items.map((item) => (
        <button
          key={item.label}
          className="console-home__card"
          data-testid="console-today-item"
          onClick={() => onPick(SECTION_OF_SERVICE[item.service] ?? HOME)}
        >
          <span className="console-home__count">{item.count}</span>
          <span className="console-home__label">{item.label}</span>
        </button>
      ))}
    </div>
  );
}
