import { useEffect, useState } from 'react';
import Taro, { useDidShow, useLoad } from '@tarojs/taro';
import { EmptyState } from '@/components/empty-state';
import { LoadFailed } from '@/components/load-failed';
import { useLoadStatus } from '@/lib/use-load-status';
import { request } from '@/lib/request';
import { useNightSchool } from '../../store';
import { AppealBox } from '../../components/appeal-box';
import { CheckinBox } from '../../components/checkin-box';
import { MyApplicationCard } from '../../components/my-application';
import './index.scss';
import { PageRoot } from '@/components/page-root';
import { beijingToday } from '@/contract/beijing-time';
import { payForHold } from '@/lib/pay';
import { fetchMyAwards, payForApplication } from '../../api';
import { MyAwardCard } from '../../components/excellent-award';
import type { MyAward } from '@/contract/excellent-awards';

const TOAST: Record<string, string> = {
  confirm: '已确认，欢迎来上课',
  decline: '已放弃，名额顺延给候补',
  withdraw: '已撤回',
};

/** 我的夜校: applications and results (with the reason for each), offers, sessions, attendance. */
export default function MyNightSchoolPage() {
  const mine = useNightSchool((s) => s.mine);
  const loadMine = useNightSchool((s) => s.loadMine);
  const load = useLoadStatus(loadMine);
  const act = useNightSchool((s) => s.act);
  // Countdowns run on the server's clock, not the phone's (which may be wrong).
  const [offset, setOffset] = useState(0);
  const [tick, setTick] = useState(Date.now());
  // a code read from a 小程序码 by WeChat's own scanner (the landing page sends it here)
  const [landingCode, setLandingCode] = useState<string | undefined>();
  useLoad(() => {
    const p = (Taro.getCurrentInstance().router?.params ?? {}) as Record<string, string>;
    if (p.checkin) setLandingCode(decodeURIComponent(p.checkin));
  });

  // 优秀学员 awards sit above the applications; a failed load of them only hides the card
  const [awards, setAwards] = useState<MyAward[]>([]);
  useDidShow(() => {
    void load.run();
    fetchMyAwards().then(
      ({ items }) => setAwards(items),
      () => undefined,
    );
    request<{ now: string }>('/api/v1/time', { silent: true }).then(
      (t) => setOffset(Date.parse(t.now) - Date.now()),
      () => undefined,
    );
  });
  // a 待支付 hold counts down by the second; otherwise twice a minute is enough
  const paying = (mine?.items ?? []).some(
    (i) => i.application.status === 'offered' && i.course.feeFen > 0,
  );
  useEffect(() => {
    const timer = setInterval(() => setTick(Date.now()), paying ? 1_000 : 30_000);
    return () => clearInterval(timer);
  }, [paying]);

  const onPay = async (id: string) => {
    if (await payForHold(() => payForApplication(id))) await load.run();
  };

  const onAct = async (id: string, action: 'confirm' | 'decline' | 'withdraw') => {
    if (action !== 'confirm') {
      const { confirm } = await Taro.showModal({
        title: action === 'decline' ? '放弃名额？' : '确定撤回？',
        content:
          action === 'decline'
            ? '放弃后名额会给下一位候补，你不会再被排入候补。'
            : '撤回后可在报名截止前重新报名。',
      });
      if (!confirm) return;
    }
    try {
      await act(id, action);
      void Taro.showToast({ title: TOAST[action], icon: 'none' });
    } catch {
      // the request wrapper has shown the reason
    }
  };

  const seats = (mine?.items ?? [])
    .filter((i) => i.application.status === 'confirmed')
    .map((i) => ({ id: i.course.id, title: i.course.title, sessionDates: i.course.sessionDates }));
  const hasSeat = seats.length > 0;
  if (load.status === 'error' && !mine)
    return (
      <PageRoot className="ns-mine" testId="page-ns-mine">
        {/* a code from WeChat's scanner can still be sent: check-in does not need this list */}
        {landingCode ? (
          <CheckinBox
            onDone={() => void load.run()}
            landingCode={landingCode}
            courses={seats}
            today={beijingToday(tick + offset)}
          />
        ) : null}
        <LoadFailed error={load.error} onRetry={() => void load.run()} />
      </PageRoot>
    );
  return (
    <PageRoot className="ns-mine" testId="page-ns-mine">
      {mine?.barred ? <AppealBox bar={mine.barred} onSent={() => void load.run()} /> : null}
      {awards.map((a) => (
        <MyAwardCard key={a.id} award={a} />
      ))}
      {hasSeat || landingCode ? (
        <CheckinBox
          onDone={() => void load.run()}
          landingCode={landingCode}
          courses={seats}
          today={beijingToday(tick + offset)}
        />
      ) : null}
      {mine?.items.map((item) => (
        <MyApplicationCard
          key={item.application.id}
          item={item}
          now={tick + offset}
          onAct={(id, a) => void onAct(id, a)}
          onPay={(id) => void onPay(id)}
        />
      ))}
      {mine && mine.items.length === 0 ? (
        <EmptyState title="还没有报名课程" detail="去课程列表挑一门感兴趣的吧" />
      ) : null}
    </PageRoot>
  );
}
