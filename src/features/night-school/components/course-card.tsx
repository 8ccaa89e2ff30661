import { Text, View } from '@tarojs/components';
import type { Course } from '@/contract/night-school';
import { WEEKDAY_LABELS } from '@/contract/night-school-rules';
import { formatFee } from '@/contract/refund-rule';
import './course-card.scss';

interface Props {
  course: Course;
  onOpen: (id: string) => void;
}

/** One course in the catalog: what, who, where, when, and the live 报名/名额 ratio. */
export function CourseCard({ course, onOpen }: Props) {
  const hot = course.ratio >= 3;
  return (
    <View
      className="card ns-course"
      data-testid={`course-${course.id}`}
      onClick={() => onOpen(course.id)}
    >
      <View className="ns-course__head">
        <Text className="ns-course__title">{course.title}</Text>
        <Text className="ns-course__tag">{course.category}</Text>
      </View>
      <Text className="ns-course__line">授课：{course.teacher}</Text>
      <Text className="ns-course__line">
        {WEEKDAY_LABELS[course.weekday]} {course.startTime}–{course.endTime} · 共{course.sessions}
        次课 · {formatFee(course.feeFen)}
      </Text>
      <Text className="ns-course__line muted">
        {course.venueName}（{course.district}）
      </Text>
      <View className="ns-course__ratio">
        <Text
          className={
            hot ? 'ns-course__ratio-num ns-course__ratio-num--hot' : 'ns-course__ratio-num'
          }
        >
          报名 {course.applicants} / 名额 {course.capacity}
        </Text>
        {course.ratio >= 1 ? (
          <Text className="muted ns-course__ratio-note">约 {course.ratio} 人争 1 席</Text>
        ) : null}
      </View>
    </View>
  );
}
