import { useRef, useState } from 'react';
import Taro, { useDidShow } from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import type { Application, Course, Term } from '@/contract/night-school';
import { formatSessionDate, WEEKDAY_LABELS } from '@/contract/night-school-rules';
import { ApiError } from '@/lib/api-error';
import { formatInstant } from '@/contract/beijing-time';
import { openMap } from '@/lib/open-map';
import { LoadFailed } from '@/components/load-failed';
import { usePullToRefresh } from '@/lib/pull-refresh';
import { useLoadStatus } from '@/lib/use-load-status';
import { useSession } from '@/lib/session';
import { useSharePage } from '@/lib/share';
import { askToSubscribe } from '@/lib/subscribe';
import { fetchCourse, fetchMyAwards } from '../../api';
import { ExcellentRule, RedeemAward } from '../../components/excellent-award';
import type { MyAward } from '@/contract/excellent-awards';
import { useNightSchool } from '../../store';
import { STATUS_TEXT } from '../../status';
import './index.scss';
import { PageRoot } from '@/components/page-root';

const PAGE = '/features/night-school/pages/course/index';

/** A course: teacher, venue on the map, the 8 dates, seats and the apply button. */
export default function CoursePage() {
  const [data, setData] = useState<{ course: Course; term: Term } | null>(null);
  const [result, setResult] = useState<Application | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // A ref, not state: two taps in the same frame both see state as not busy.
  const inFlight = useRef(false);
  const apply = useNightSchool((s) => s.apply);
  const mine = useNightSchool((s) => s.mine);
  const loadMine = useNightSchool((s) => s.loadMine);
  const signedIn = useSession((s) => Boolean(s.token));
  const id = Taro.getCurrentInstance().router?.params?.id ?? '';

  const [awards, setAwards] = useState<MyAward[]>([]);
  const courseLoad = useLoadStatus((fresh: boolean) => fetchCourse(id, fresh).then(setData));
  const load = (fresh = false) =>
    Promise.all([
      courseLoad.run(fresh),
      // An earlier application to this course shows instead of the apply button.
      signedIn ? loadMine().catch(() => undefined) : undefined,
      // a 优秀学员 award for this term offers a seat outside the lottery
      signedIn
        ? fetchMyAwards().then(
            ({ items }) => setAwards(items),
            () => undefined,
          )
        : undefined,
    ]);
  useDidShow(() => void load());
  usePullToRefresh(() => load(true));
  useSharePage(PAGE, id, () => data?.course.title);

  if (!data)
    return (
      <PageRoot testId="page-ns-course">
        {courseLoad.status === 'error' ? (
          <LoadFailed
            error={courseLoad.error}
            onRetry={() => void load()}
            notFound="未找到该课程"
          />
        ) : (
          <Text className="muted">加载中…</Text>
        )}
      </PageRoot>
    );
  const { course, term } = data;
  const earlier =
    mine?.items.find((i) => i.course.id === course.id && i.application.status !== 'withdrawn')
      ?.application ?? null;
  const shown = result ?? earlier;
  const award =
    term.phase === 'open' && (!shown || ['applied', 'waitlisted'].includes(shown.status))
      ? awards.find((a) => !a.redeemed && a.nextTerm?.id === term.id)
      : undefined;

  const onApply = async () => {
    if (inFlight.current) return; // a double tap sends once; the idempotency key covers network retries
    inFlight.current = true;
    // the result comes days later (the draw), a changed time or room any day: ask now, in the tap
    // (WeChat allows three templates per ask)
    askToSubscribe(['lottery_result', 'waitlist', 'course_change']);
    setBusy(true);
    setError(null);
    try {
      const app = await apply(course.id);
      setResult(app);
      void Taro.showToast({
        title: app.status === 'confirmed' ? '报名成功，已录取' : '报名成功',
        icon: 'success',
      });
      setData(await fetchCourse(course.id, true)); // the count with this application in it
    } catch (e) {
      if (e instanceof ApiError) setError(e.message);
    } finally {
      inFlight.current = false;
      setBusy(false);
    }
  };

  const onMap = () =>
    openMap({
      latitude: course.lat,
      longitude: course.lng,
      name: course.venueName,
      address: course.venueAddress,
    });

  return (
    <PageRoot className="ns-detail" testId="page-ns-course">
      <View className="card">
        <Text className="ns-detail__title">{course.title}</Text>
        <Text className="ns-detail__line">授课老师：{course.teacher}</Text>
        <Text className="ns-detail__desc">{course.description}</Text>
      </View>
      <View className="card" onClick={onMap} data-testid="venue">
        <Text className="section-title ns-detail__label">上课地点（点击查看地图）</Text>
        <Text className="ns-detail__line">{course.venueName}</Text>
        <Text className="muted">{course.venueAddress}</Text>
      </View>
      <View className="card">
        <Text className="section-title ns-detail__label">
          每{WEEKDAY_LABELS[course.weekday]} {course.startTime}–{course.endTime}，共
          {course.sessions}次 · 免费
        </Text>
        <View className="ns-detail__dates">
          {course.sessionDates.map((d, i) => (
            <Text key={d} className="ns-detail__date">
              第{i + 1}次 {formatSessionDate(d)}
            </Text>
          ))}
        </View>
      </View>
      <View className="card ns-detail__seats">
        <Text className="ns-detail__ratio" data-testid="ratio">
          报名 {course.applicants} / 名额 {course.capacity}
        </Text>
        <Text className="muted">
          {term.allocation === 'lottery'
            ? `报名截止 ${formatInstant(term.closesAt)}，之后公开摇号`
            : `已录取 ${course.taken} 人，满额后可候补`}
        </Text>
      </View>
      {shown ? (
        <View className="card ns-detail__result" data-testid="apply-result">
          <Text className="ns-detail__status">{STATUS_TEXT[shown.status]}</Text>
          {shown.reason ? <Text className="muted">{shown.reason}</Text> : null}
          {shown.status === 'waitlisted' && shown.waitPosition ? (
            <Text className="muted">当前候补第 {shown.waitPosition} 位</Text>
          ) : null}
        </View>
      ) : null}
      {award ? (
        <RedeemAward
          award={award}
          courseId={course.id}
          courseTitle={course.title}
          onDone={() => {
            setResult(null);
            void load(true);
          }}
        />
      ) : null}
      {error ? (
        <Text className="error-text" data-testid="apply-error">
          {error}
        </Text>
      ) : null}
      {shown ? (
        <Button
          className="btn btn-plain"
          onClick={() => void Taro.navigateTo({ url: '/features/night-school/pages/mine/index' })}
        >
          查看我的夜校
        </Button>
      ) : (
        <Button
          className={busy ? 'btn btn-primary btn--busy' : 'btn btn-primary'}
          disabled={busy || term.phase !== 'open'}
          onClick={onApply}
        >
          {term.phase === 'open'
            ? busy
              ? '提交中…'
              : '我要报名'
            : term.phase === 'upcoming'
              ? `${formatInstant(term.opensAt)} 开放报名`
              : '报名已截止'}
        </Button>
      )}
      <Text className="muted ns-detail__hint">
        每人每学期最多报{term.maxApplicationsPerPerson}门、录取{term.maxCoursesPerPerson}门；需年满
        {term.minAge}周岁且不超过{term.maxAge}周岁。
      </Text>
      <ExcellentRule />
    </PageRoot>
  );
}
