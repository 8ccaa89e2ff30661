import { useEffect, useState } from 'react';
import Taro, { useDidShow } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { EmptyState } from '@/components/empty-state';
import { LoadFailed } from '@/components/load-failed';
import { useLoadStatus } from '@/lib/use-load-status';
import { usePullToRefresh } from '@/lib/pull-refresh';
import { useSession } from '@/lib/session';
import { useNightSchool } from '../../store';
import type { CourseFilters } from '../../api';
import { CourseCard } from '../../components/course-card';
import { CourseFiltersBar } from '../../components/course-filters';
import { TermBanner } from '../../components/term-banner';
import './index.scss';
import { PageRoot } from '@/components/page-root';

const ROOT = '/features/night-school/pages';

/** 青年夜校: the current term's catalog, with filters and the live applicants/seats ratio. */
export default function NightSchoolHome() {
  const term = useNightSchool((s) => s.term);
  const courses = useNightSchool((s) => s.courses);
  const filters = useNightSchool((s) => s.filters);
  const loadCourses = useNightSchool((s) => s.loadCourses);
  const setFilters = useNightSchool((s) => s.setFilters);
  const role = useSession((s) => s.user?.role);
  // Chip choices come from the unfiltered catalog, so a filter never hides the other choices.
  const [choices, setChoices] = useState<{ categories: string[]; districts: string[] }>({
    categories: [],
    districts: [],
  });

  // a chip tap reloads too: its failure shows the same way as the first load's
  const list = useLoadStatus((fresh: boolean, patch?: CourseFilters) =>
    patch ? setFilters(patch) : loadCourses(fresh),
  );
  useDidShow(() => void list.run(false));
  usePullToRefresh(() => list.run(true));
  useEffect(() => {
    if (Object.values(filters).some((v) => v !== undefined)) return;
    setChoices({
      categories: [...new Set(courses.map((c) => c.category))],
      districts: [...new Set(courses.map((c) => c.district))],
    });
  }, [courses, filters]);

  const open = (id: string) => void Taro.navigateTo({ url: `${ROOT}/course/index?id=${id}` });

  return (
    <PageRoot className="ns-home" testId="page-night-school">
      {term ? <TermBanner term={term} /> : null}
      {term ? (
        <View className="ns-home__public">
          <Text
            className="ns-home__public-link"
            data-testid="ns-stats-link"
            onClick={() => void Taro.navigateTo({ url: `${ROOT}/stats/index?termId=${term.id}` })}
          >
            本轮统计 ›
          </Text>
          {term.allocation === 'lottery' ? (
            <Text
              className="ns-home__public-link"
              data-testid="ns-draw-link"
              onClick={() => void Taro.navigateTo({ url: `${ROOT}/draw/index?termId=${term.id}` })}
            >
              摇号公示与自己验证 ›
            </Text>
          ) : null}
        </View>
      ) : null}
      <View className="ns-home__links">
        <Text
          className="btn btn-plain ns-home__link"
          onClick={() => void Taro.navigateTo({ url: `${ROOT}/mine/index` })}
        >
          我的夜校
        </Text>
        {role === 'organizer' || role === 'admin' ? (
          <Text
            className="btn btn-plain ns-home__link"
            onClick={() => void Taro.navigateTo({ url: `${ROOT}/admin/index` })}
          >
            组织者管理
          </Text>
        ) : null}
      </View>
      <CourseFiltersBar
        filters={filters}
        categories={choices.categories}
        districts={choices.districts}
        onChange={(p) => void list.run(false, p)}
      />
      {list.status === 'error' && courses.length === 0 ? (
        <LoadFailed error={list.error} onRetry={() => void list.run(true)} />
      ) : null}
      {courses.map((c) => (
        <CourseCard key={c.id} course={c} onOpen={open} />
      ))}
      {list.status === 'ready' && courses.length === 0 ? (
        <EmptyState
          title={term ? '没有符合条件的课程' : '暂无开放的学期'}
          detail={term ? '换个类别或星期试试' : '新学期开放报名时会在消息中通知你'}
        />
      ) : null}
      {term ? (
        <View className="service-preview__org ns-home__org">
          <Text className="muted">主办：</Text>
          <Text className="muted service-preview__org-name">{term.orgName}</Text>
        </View>
      ) : null}
    </PageRoot>
  );
}
