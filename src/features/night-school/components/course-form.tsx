import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Button, Picker, Text, View } from '@tarojs/components';
import type { Course, CreateCourseBody, UpdateCourseBody } from '@/contract/night-school';
import { formatSessionDate, sessionInstant, WEEKDAY_LABELS } from '@/contract/night-school-rules';
import { yuanToFen } from '@/contract/childcare-rules';
import { formatFee } from '@/contract/refund-rule';
import { ApiError } from '@/lib/api-error';
import { createCourse, updateCourse } from '../api';
import { Field } from './catalog-forms';
import './course-form.scss';

// A new course gets the usual 8 weekly sessions at 19:30–21:00 at the flagship venue unless changed.
const BLANK = {
  title: '',
  category: '',
  teacher: '',
  description: '',
  venueName: '',
  venueAddress: '',
  district: '普陀区',
  lat: '31.2262',
  lng: '121.4012',
  weekday: 2,
  startTime: '19:30',
  endTime: '21:00',
  startDate: '',
  sessions: '8',
  capacity: '20',
  // in yuan as staff think of it; the server stores fen
  fee: '0',
};
type Form = typeof BLANK;

const fromCourse = (c: Course): Form => ({
  title: c.title,
  category: c.category,
  teacher: c.teacher,
  description: c.description,
  venueName: c.venueName,
  venueAddress: c.venueAddress,
  district: c.district,
  lat: String(c.lat),
  lng: String(c.lng),
  weekday: c.weekday,
  startTime: c.startTime,
  endTime: c.endTime,
  startDate: c.startDate,
  sessions: String(c.sessions),
  capacity: String(c.capacity),
  fee: String(c.feeFen / 100),
});

/** Everything but the fee, which is set once, at creation (a PATCH refuses it). */
const toBody = (f: Form): UpdateCourseBody & CreateCourseBody => ({
  title: f.title.trim(),
  category: f.category.trim(),
  teacher: f.teacher.trim(),
  description: f.description.trim(),
  venueName: f.venueName.trim(),
  venueAddress: f.venueAddress.trim(),
  district: f.district.trim(),
  lat: Number(f.lat),
  lng: Number(f.lng),
  weekday: f.weekday,
  startTime: f.startTime.trim(),
  endTime: f.endTime.trim(),
  startDate: f.startDate.trim(),
  sessions: Number(f.sessions),
  capacity: Number(f.capacity),
});

/** Only the fields that differ from the course, so a locked schedule left alone never trips a refusal. */
function changes(course: Course, f: Form): UpdateCourseBody {
  const before = toBody(fromCourse(course));
  const after = toBody(f);
  return Object.fromEntries(
    (Object.keys(after) as Array<keyof UpdateCourseBody>)
      .filter((k) => after[k] !== before[k])
      .map((k) => [k, after[k]]),
  );
}

/** 新建课程, or 修改课程 when `course` is given. Once the first session began the schedule is shown,
 *  not editable (attendance is kept per session); a new time or place is sent to the applicants. */
export function CourseForm({
  termId,
  course,
  onSaved,
}: {
  termId: string;
  course?: Course;
  onSaved: () => void;
}) {
  const [f, setF] = useState<Form>(course ? fromCourse(course) : BLANK);
  const [error, setError] = useState<string | null>(null);
  const set = (k: keyof Form) => (v: string) => setF({ ...f, [k]: v });
  const started = Boolean(
    course && Date.parse(sessionInstant(course.sessionDates[0], course.startTime)) <= Date.now(),
  );

  const pickOnMap = async () => {
    const spot = await Taro.chooseLocation({}).catch(() => null);
    if (spot)
      setF({
        ...f,
        venueName: spot.name || f.venueName,
        venueAddress: spot.address || f.venueAddress,
        lat: String(spot.latitude),
        lng: String(spot.longitude),
      });
  };

  const submit = async () => {
    setError(null);
    try {
      if (!course) {
        const feeFen = yuanToFen(f.fee);
        if (feeFen === null) {
          setError('学费请填写金额（元，最多两位小数），免费填 0');
          return;
        }
        await createCourse(termId, { ...toBody(f), feeFen });
      } else {
        const body = changes(course, f);
        if (Object.keys(body).length === 0) {
          setError('没有需要保存的修改');
          return;
        }
        await updateCourse(course.id, body);
      }
      onSaved();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : '提交失败，请检查填写');
    }
  };

  return (
    // editing happens inside the course's own card, so it drops the card frame there
    <View className={course ? 'ns-course-form--inline' : 'card'} data-testid="course-form">
      <Text className="section-title">{course ? `修改课程 · ${course.title}` : '新建课程'}</Text>
      <Field id="course-title" label="课程名称" value={f.title} onInput={set('title')} />
      <Field
        id="course-category"
        label="类别"
        value={f.category}
        onInput={set('category')}
        placeholder="手工 / 生活 / 表达 …"
      />
      <Field id="course-teacher" label="授课老师" value={f.teacher} onInput={set('teacher')} />
      <Field
        id="course-description"
        label="课程介绍"
        value={f.description}
        onInput={set('description')}
      />
      <Field id="course-venue" label="上课地点" value={f.venueName} onInput={set('venueName')} />
      <Field
        id="course-address"
        label="地址"
        value={f.venueAddress}
        onInput={set('venueAddress')}
      />
      <Field id="course-district" label="区" value={f.district} onInput={set('district')} />
      <View className="ns-course-form__map">
        <Field id="course-lat" label="纬度" type="digit" value={f.lat} onInput={set('lat')} />
        <Field id="course-lng" label="经度" type="digit" value={f.lng} onInput={set('lng')} />
      </View>
      {process.env.TARO_ENV === 'weapp' ? (
        <Button className="btn btn-plain" onClick={() => void pickOnMap()}>
          在地图上选点
        </Button>
      ) : null}
      {started ? (
        <View className="field" data-testid="course-schedule-locked">
          <Text className="field-label">上课时间</Text>
          <Text className="muted">
            每{WEEKDAY_LABELS[course!.weekday]} {course!.startTime}–{course!.endTime}，共
            {course!.sessions}次，{formatSessionDate(course!.sessionDates[0])}
            开课（已开课，不能再改）
          </Text>
        </View>
      ) : (
        <>
          <View className="field">
            <Text className="field-label">每周</Text>
            <Picker
              mode="selector"
              range={WEEKDAY_LABELS.slice(1) as unknown as string[]}
              value={f.weekday - 1}
              onChange={(e) => setF({ ...f, weekday: Number(e.detail.value) + 1 })}
            >
              <Text className="field-input">{WEEKDAY_LABELS[f.weekday]}</Text>
            </Picker>
          </View>
          <Field
            id="course-start"
            label="上课时间"
            value={f.startTime}
            onInput={set('startTime')}
            placeholder="19:30"
          />
          <Field
            id="course-end"
            label="下课时间"
            value={f.endTime}
            onInput={set('endTime')}
            placeholder="21:00"
          />
          <Field
            id="course-date"
            label="首次上课不早于"
            value={f.startDate}
            onInput={set('startDate')}
            placeholder="2027-03-09"
          />
          <Field
            id="course-sessions"
            label="课次"
            type="number"
            value={f.sessions}
            onInput={set('sessions')}
          />
        </>
      )}
      <Field
        id="course-capacity"
        label="名额"
        type="number"
        value={f.capacity}
        onInput={set('capacity')}
      />
      {course ? (
        <View className="field" data-testid="course-fee-fixed">
          <Text className="field-label">学费</Text>
          <Text className="muted">{formatFee(course.feeFen)}（随课程公布，创建后不能修改）</Text>
        </View>
      ) : (
        <>
          <Field
            id="course-fee"
            label="学费（元）"
            type="digit"
            value={f.fee}
            onInput={set('fee')}
            placeholder="0 为免费，如 500"
          />
          <Text className="muted">
            收费课程的名额需在支付时限内通过微信支付缴费后才确认；学费创建后不能修改。
          </Text>
        </>
      )}
      {course ? (
        <Text className="muted">改动上课时间或地点后，已报名的学员会在「消息」中收到通知。</Text>
      ) : null}
      {error ? (
        <Text className="error-text" data-testid="course-form-error">
          {error}
        </Text>
      ) : null}
      <Button className="btn btn-primary" onClick={() => void submit()}>
        {course ? '保存修改' : '创建课程'}
      </Button>
    </View>
  );
}
