import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import type { Draw } from '@/contract/night-school';
import './draw-ranking.scss';

const OUTCOME: Record<string, string> = { offered: '中签', waitlisted: '候补', skipped: '跳过' };
/** Rows shown before 展开全部: a course of 2,000 applicants stays a short page. */
const FIRST_ROWS = 30;

/** One course's published ranking by pseudonym (or, before the draw, its frozen list). */
export function DrawRanking({
  course,
  drawn,
  me,
}: {
  course: Draw['courses'][number];
  drawn: boolean;
  me: string | null;
}) {
  const [all, setAll] = useState(false);
  const rows = drawn
    ? course.ranking
    : course.applicants.map((pseudonym, i) => ({ rank: i + 1, pseudonym, outcome: '' }));
  const shown = all ? rows : rows.slice(0, FIRST_ROWS);
  const offered = course.ranking.filter((r) => r.outcome === 'offered').length;
  return (
    <View className="card ns-rank" data-testid={`ranking-${course.courseId}`}>
      <Text className="ns-rank__title">{course.title}</Text>
      <Text className="muted ns-rank__line">
        课程编号 {course.courseId} · 名额 {course.capacity} · 报名 {course.applicants.length} 人
        {drawn ? ` · 中签 ${offered} 人` : ' · 按代号排列，尚未摇号'}
      </Text>
      {shown.map((r) => (
        <View
          key={r.pseudonym}
          className={r.pseudonym === me ? 'ns-rank__row ns-rank__row--me' : 'ns-rank__row'}
        >
          <Text className="ns-rank__no">{drawn ? r.rank : ''}</Text>
          <Text className="ns-rank__name">{r.pseudonym}</Text>
          <Text className={`ns-rank__outcome ns-rank__outcome--${r.outcome}`}>
            {OUTCOME[r.outcome] ?? ''}
          </Text>
        </View>
      ))}
      {rows.length > FIRST_ROWS ? (
        <Text className="ns-rank__more" onClick={() => setAll(!all)}>
          {all ? '收起' : `展开全部 ${rows.length} 人`}
        </Text>
      ) : null}
    </View>
  );
}
