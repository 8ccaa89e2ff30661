// 爱心暑托班/寒托班 landing: the programmes, their classes by period with seats left, and the sites.
import { useEffect, useState } from 'react';
import { formatInstant } from '@/contract/beijing-time';
import Taro, { useDidShow } from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import {
  currentProgramme,
  programmeTitle,
  siteLabel,
  windowState,
} from '@/contract/childcare-rules';
import { EmptyState } from '@/components/empty-state';
import { LoadFailed } from '@/components/load-failed';
import { usePullToRefresh } from '@/lib/pull-refresh';
import { useLoadStatus } from '@/lib/use-load-status';
import { useSession } from '@/lib/session';
import { useChildcare } from '../../store';
import { ClassCard } from '../../components/class-card';
import '@/components/service-preview.scss';
import './index.scss';
import { PageRoot } from '@/components/page-root';

const STATE_LABEL = {
  'prefill-not-open': '即将预填',
  prefill: '预填中',
  open: '报名中',
  closed: '已结束',
} as const;

export default function ChildcareHome() {
  const { programmes, detail, serverOffset, loadProgrammes, loadProgramme } = useChildcare();
  const [selected, setSelected] = useState<string | null>(null);
  const role = useSession((s) => s.user?.role);
  const now = new Date(Date.now() + serverOffset);

  const list = useLoadStatus(loadProgrammes);
  const programme = useLoadStatus(loadProgramme);
  useDidShow(() => void list.run());
  // the seats left change by the second during the rush: the list and the open programme
  usePullToRefresh(() =>
    Promise.all([list.run(true), selected ? programme.run(selected, true) : undefined]),
  );

  useEffect(() => {
    if (selected || programmes.length === 0) return;
    setSelected(currentProgramme(programmes, now)!.id);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [programmes]);

  useEffect(() => {
    if (selected) void programme.run(selected);
  }, [selected]); // eslint-disable-line react-hooks/exhaustive-deps -- run is stable

  const shown = detail && detail.programme.id === selected ? detail : null;
  // the page is named for the programme on screen: 暑托班 in summer, 寒托班 in winter
  const season = programmes.find((p) => p.id === selected)?.season;
  const title = season ? programmeTitle(season) : '爱心托班';
  useEffect(() => {
    void Taro.setNavigationBarTitle({ title }).catch(() => undefined);
  }, [title]);
  const sites = shown ? [...new Map(shown.classes.map((c) => [c.siteId, c])).values()] : [];
  const open = (path: string) => void Taro.navigateTo({ url: `/features/childcare/pages/${path}` });

  return (
    <PageRoot className="cc-home" testId="page-childcare">
      <View className="cc-home__hero">
        <Text className="cc-home__title" data-testid="cc-title">
          {title}
        </Text>
        <Text className="cc-home__tagline">假期托管，就近入班 · 先到先得，满员可候补</Text>
      </View>
      <View className="cc-home__actions">
        <Button
          className="btn btn-plain cc-home__action"
          onClick={() => open('mine/index')}
          data-testid="cc-go-mine"
        >
          我的托班
        </Button>
        <Button
          className="btn btn-plain cc-home__action"
          onClick={() => open('children/index')}
          data-testid="cc-go-children"
        >
          孩子资料
        </Button>
        <Button
          className="btn btn-plain cc-home__action"
          onClick={() => open('reductions/index')}
          data-testid="cc-go-reductions"
        >
          费用减免
        </Button>
      </View>
      {role === 'organizer' || role === 'admin' ? (
        <Button
          className="btn btn-primary cc-home__staff"
          onClick={() => open('staff/index')}
          data-testid="cc-go-staff"
        >
          托班点工作台（接送登记、名单导出）
        </Button>
      ) : null}
      {list.status === 'error' && programmes.length === 0 ? (
        <LoadFailed error={list.error} onRetry={() => void list.run(true)} />
      ) : null}
      {list.status === 'ready' && programmes.length === 0 ? (
        <EmptyState title="暂无开放的托班" detail="新一期托班开放报名时会在消息中通知你" />
      ) : null}
      {programme.status === 'error' && !shown && selected ? (
        <LoadFailed error={programme.error} onRetry={() => void programme.run(selected, true)} />
      ) : null}
      {programmes.length > 1 ? (
        <View className="cc-home__tabs">
          {programmes.map((p) => (
            <View
              key={p.id}
              className={`cc-home__tab ${p.id === selected ? 'cc-home__tab--on' : ''}`}
              onClick={() => setSelected(p.id)}
              data-testid={`cc-programme-${p.id}`}
            >
              <Text>{p.name}</Text>
              <Text className="cc-home__tab-state">{STATE_LABEL[windowState(p, now)]}</Text>
            </View>
          ))}
        </View>
      ) : null}
      {shown ? (
        <View className="card cc-home__window">
          <Text className="cc-home__window-line">
            预填开始：{formatInstant(shown.programme.prefillOpensAt, 'YYYY年M月D日 HH:mm')}
          </Text>
          <Text className="cc-home__window-line cc-home__window-strong">
            报名开始：{formatInstant(shown.programme.registrationOpensAt, 'YYYY年M月D日 HH:mm')}
          </Text>
          <Text className="muted">报名以服务器时间为准，每个孩子每期限报一个班</Text>
          <Text
            className="cc-home__stats-link"
            data-testid="cc-stats-link"
            onClick={() => open(`stats/index?programmeId=${shown.programme.id}`)}
          >
            报名统计：报名人数、名额、候补递补 ›
          </Text>
          {windowState(shown.programme, now) !== 'closed' ? (
            <Text
              className="cc-home__stats-link"
              data-testid="cc-basket-link"
              onClick={() => open(`basket/index?programmeId=${shown.programme.id}`)}
            >
              兄弟姐妹一起报名：预先选好每个孩子的班级，开始时一键提交 ›
            </Text>
          ) : null}
        </View>
      ) : null}
      {shown?.periods.map((period) => (
        <View key={period.id}>
          <Text className="section-title">
            {period.name} · {period.startsOn.slice(5)} 至 {period.endsOn.slice(5)}
          </Text>
          {shown.classes
            .filter((c) => c.periodId === period.id)
            .map((c) => (
              <ClassCard key={c.id} cls={c} onOpen={(id) => open(`class/index?id=${id}`)} />
            ))}
        </View>
      ))}
      {sites.length ? (
        <View>
          <Text className="section-title">托管点位</Text>
          {sites.map((s) => (
            <View key={s.siteId} className="card service-preview__org">
              <Text className="service-preview__org-name">{siteLabel(s.siteName)}</Text>
              {s.siteAddress ? <Text className="muted">{s.siteAddress}</Text> : null}
            </View>
          ))}
        </View>
      ) : null}
    </PageRoot>
  );
}
