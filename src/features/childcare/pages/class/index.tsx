// A class: everything a parent needs before the rush, the children to enroll, and the button.
import { useEffect, useState } from 'react';
import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { ClassDetail } from '@/contract/childcare';
import {
  eligibilityProblems,
  formatFee,
  gradeRangeLabel,
  periodStarted,
  siteLabel,
} from '@/contract/childcare-rules';
import { openMap } from '@/lib/open-map';
import { hasLiveSession, useSession } from '@/lib/session';
import { usePullToRefresh } from '@/lib/pull-refresh';
import { useSharePage } from '@/lib/share';
import { fetchClass } from '../../api';
import { useChildcare } from '../../store';
import { EnrollButton } from '../../components/enroll-button';
import { NoticeAgreement } from '../../components/notice-agreement';
import './index.scss';
import { PageRoot } from '@/components/page-root';

const PAGE = '/features/childcare/pages/class/index';

export default function ClassPage() {
  const { params } = useRouter();
  const id = String(params.id ?? '');
  const [detail, setDetail] = useState<ClassDetail | null>(null);
  const [picked, setPicked] = useState<string[]>([]);
  const [noticeAgreed, setNoticeAgreed] = useState(false);
  const { children, loadChildren, serverOffset, loadClock } = useChildcare();

  // the button's first state is read on the server clock, so the page shows once both are in
  const load = (fresh = false) =>
    Promise.all([fetchClass(id, fresh), loadClock()]).then(
      ([d]) => setDetail(d),
      () => undefined,
    );
  useEffect(() => void load(), [id]); // eslint-disable-line react-hooks/exhaustive-deps -- load again only for another class
  const signedIn = useSession((s) => hasLiveSession(s));
  // Signed out (a shared card opened cold) the class still shows: the children are asked for only
  // with a session, or the 401 would send a visitor to the login page before they saw the class.
  useDidShow(() => {
    if (signedIn) void loadChildren().catch(() => undefined);
  });
  usePullToRefresh(() => load(true));
  useSharePage(PAGE, id, () =>
    detail ? `${siteLabel(detail.class.siteName)} · ${detail.class.name}` : undefined,
  );

  if (!detail)
    return (
      <PageRoot>
        <Text className="muted">加载中…</Text>
      </PageRoot>
    );
  const c = detail.class;
  const schools = detail.programme.localSchools;
  const started = periodStarted(c.startsOn, new Date(Date.now() + serverOffset));
  const toggle = (childId: string) =>
    setPicked((p) => (p.includes(childId) ? p.filter((x) => x !== childId) : [...p, childId]));

  return (
    <PageRoot className="cc-classpage" testId="page-childcare-class">
      <View className="card">
        <Text className="cc-classpage__title">
          {siteLabel(c.siteName)} · {c.name}
        </Text>
        <Text className="cc-classpage__line">
          {detail.programme.name} {c.periodName}：{c.startsOn} 至 {c.endsOn}
        </Text>
        <Text className="cc-classpage__line">
          招收：{gradeRangeLabel(c.gradeMin, c.gradeMax)}　费用：{formatFee(c.feeFen)}/期
        </Text>
        <Text className="cc-classpage__line">
          名额：{c.capacity} 人，剩余 <Text className="cc-classpage__strong">{c.remaining}</Text> 人
          {c.waiting ? `，候补 ${c.waiting} 人` : ''}
        </Text>
        {c.siteLatitude !== null && c.siteLongitude !== null ? (
          <Text
            className="cc-classpage__line cc-classpage__map"
            data-testid="cc-site-map"
            onClick={() =>
              openMap({
                latitude: c.siteLatitude!,
                longitude: c.siteLongitude!,
                name: siteLabel(c.siteName),
                address: c.siteAddress ?? undefined,
              })
            }
          >
            地址：{c.siteAddress ?? siteLabel(c.siteName)}（点击查看地图）
          </Text>
        ) : c.siteAddress ? (
          <Text
            className="cc-classpage__line cc-classpage__map"
            onClick={() => void Taro.setClipboardData({ data: c.siteAddress! })}
          >
            地址：{c.siteAddress}（点击复制，到地图中打开）
          </Text>
        ) : null}
        <Text className="cc-classpage__line muted">请携带：{c.whatToBring || '无'}</Text>
        {schools ? (
          <Text className="cc-classpage__line" data-testid="cc-local-schools">
            招收学校：仅限{' '}
            {schools.length > 6
              ? `${schools.slice(0, 6).join('、')} 等 ${schools.length} 所`
              : schools.join('、')}
          </Text>
        ) : null}
      </View>

      {detail.programme.notice ? (
        <NoticeAgreement
          programme={detail.programme}
          signedIn={signedIn}
          onAgreed={setNoticeAgreed}
        />
      ) : null}

      <Text className="section-title">为哪个孩子报名（兄弟姐妹可一起报名，同进同出）</Text>
      {children.length === 0 ? (
        <View className="card">
          <Text className="muted">还没有孩子资料。</Text>
          <Text
            className="cc-classpage__link"
            onClick={() =>
              void Taro.navigateTo({ url: '/features/childcare/pages/children/index' })
            }
          >
            去添加孩子 ›
          </Text>
        </View>
      ) : null}
      {children.map((ch) => {
        const problems = eligibilityProblems(ch, c.gradeMin, c.gradeMax, schools);
        const on = picked.includes(ch.id);
        return (
          <View
            key={ch.id}
            className={`card cc-classpage__child ${on ? 'cc-classpage__child--on' : ''} ${problems.length ? 'cc-classpage__child--off' : ''}`}
            onClick={() => (problems.length ? undefined : toggle(ch.id))}
            data-testid={`cc-pick-${ch.id}`}
          >
            <Text className="cc-classpage__check">{on ? '☑' : '☐'}</Text>
            <View className="cc-classpage__child-main">
              <Text className="cc-classpage__child-name">{ch.name}</Text>
              <Text className="muted">
                {ch.school ?? '未填学校'} · {ch.grade ?? '未填年级'}
              </Text>
              {problems.includes('GRADE_OUT_OF_RANGE') ? (
                <Text className="error-text">
                  年级不在本班范围（{gradeRangeLabel(c.gradeMin, c.gradeMax)}）
                </Text>
              ) : null}
              {problems.includes('SCHOOL_NOT_LOCAL') ? (
                <Text className="error-text">
                  学校不在本项目招收名单内；如填写有误，请在“孩子资料”中按名单修改
                </Text>
              ) : null}
              {problems.includes('SCHOOL_MISSING') || problems.includes('GRADE_MISSING') ? (
                <Text className="error-text">请先在“孩子资料”中填写学校和年级</Text>
              ) : null}
            </View>
          </View>
        );
      })}

      <View className="cc-classpage__action">
        <EnrollButton
          programme={detail.programme}
          classId={c.id}
          childIds={picked}
          serverOffset={serverOffset}
          periodStarted={started}
          noticePending={Boolean(detail.programme.notice) && !noticeAgreed}
          onDone={() => void load(true)} // the seats left with this enrollment in them
        />
      </View>
    </PageRoot>
  );
}
