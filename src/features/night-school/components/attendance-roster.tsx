import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import type { Roster } from '@/contract/night-school';
import { ApiError } from '@/lib/api-error';
import { markAttendance } from '../api';
import { STATUS_TEXT } from '../status';
import './attendance-roster.scss';

type Mark = 'present' | 'absent' | null;
const md = (date: string) => `${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`;

/** The roster of a course, with 到/缺 per session for those holding a seat: for people who cannot
 *  scan (no phone, no signal) the organizer marks them by hand; a second tap changes the mark.
 *  Only sessions that have begun (server clock) can be marked: nobody is marked present ahead. */
export function AttendanceRoster({ roster }: { roster: Roster }) {
  const { course } = roster;
  const [sessionNo, setSessionNo] = useState(Math.max(1, roster.sessionsBegun));
  const begun = sessionNo <= roster.sessionsBegun;
  const [marks, setMarks] = useState<Record<string, Mark[]>>(() =>
    Object.fromEntries(roster.items.map((r) => [r.userId, r.marks])),
  );
  const [error, setError] = useState<string | null>(null);

  const mark = async (userId: string, status: 'present' | 'absent') => {
    setError(null);
    try {
      await markAttendance(course.id, sessionNo, userId, status);
      setMarks((m) => {
        const next = [...(m[userId] ?? [])];
        next[sessionNo - 1] = status;
        return { ...m, [userId]: next };
      });
    } catch (e) {
      setError(e instanceof ApiError ? e.message : '记录失败，请重试');
    }
  };

  const count = (userId: string, status: 'present' | 'absent') =>
    (marks[userId] ?? []).filter((m) => m === status).length;

  return (
    <View className="ns-admin__roster" data-testid="roster">
      <Text className="muted">点选课次后，为每位学员记录“到”或“缺”</Text>
      <View className="ns-admin__sessions" data-testid="roster-sessions">
        {course.sessionDates.map((date, i) => (
          <Text
            key={date}
            className={sessionNo === i + 1 ? 'ns-chip ns-chip--on' : 'ns-chip'}
            onClick={() => setSessionNo(i + 1)}
          >
            第{i + 1}次 {md(date)}
          </Text>
        ))}
      </View>
      {begun ? null : (
        <Text className="muted" data-testid="roster-not-begun">
          第{sessionNo}次课还没开始，开始后才能记录出勤
        </Text>
      )}
      {error ? (
        <Text className="error-text" data-testid="roster-error">
          {error}
        </Text>
      ) : null}
      {roster.items.map((r, i) => {
        const current = marks[r.userId]?.[sessionNo - 1] ?? null;
        return (
          <View
            key={r.applicationId}
            className="ns-roster__row"
            data-testid={`roster-row-${r.userId}`}
          >
            <View className="ns-roster__who">
              <Text className="ns-roster__name">
                {i + 1}. {r.name ?? '（未填写）'} {r.phoneMasked ?? ''}
              </Text>
              <Text className="muted">
                {STATUS_TEXT[r.status]} · 出勤{count(r.userId, 'present')} 缺勤
                {count(r.userId, 'absent')}
              </Text>
            </View>
            {r.status === 'confirmed' && begun ? (
              <View className="ns-roster__marks">
                <Text
                  className={
                    current === 'present'
                      ? 'ns-roster__mark ns-roster__mark--present'
                      : 'ns-roster__mark'
                  }
                  data-testid={`mark-present-${r.userId}`}
                  onClick={() => void mark(r.userId, 'present')}
                >
                  到
                </Text>
                <Text
                  className={
                    current === 'absent'
                      ? 'ns-roster__mark ns-roster__mark--absent'
                      : 'ns-roster__mark'
                  }
                  data-testid={`mark-absent-${r.userId}`}
                  onClick={() => void mark(r.userId, 'absent')}
                >
                  缺
                </Text>
              </View>
            ) : null}
          </View>
        );
      })}
      {roster.items.length === 0 ? <Text className="muted">暂无报名</Text> : null}
    </View>
  );
}
