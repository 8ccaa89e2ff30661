import { useState } from 'react';
import Taro, { useDidShow } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { Appeal, Course, Roster, Term, TermStats } from '@/contract/night-school';
import { EmptyState } from '@/components/empty-state';
import { LoadFailed } from '@/components/load-failed';
import { useSession } from '@/lib/session';
import { useLoadStatus } from '@/lib/use-load-status';
import {
  decideAppeal,
  fetchAdminTerms,
  fetchAppeals,
  fetchCourse,
  fetchRoster,
  fetchTermStats,
  rosterCsvPath,
} from '../../api';
import { DrawPanel } from '../../components/draw-panel';
import { ExcellentPanel } from '../../components/excellent-panel';
import { downloadCsv } from '@/lib/download-csv';
import { CapacityEditor, TermForm } from '../../components/catalog-forms';
import { CourseForm } from '../../components/course-form';
import { AttendanceRoster } from '../../components/attendance-roster';
import { CheckinQr } from '../../components/checkin-qr';
import { TermEditForm } from '../../components/term-edit-form';
import '../../components/course-filters.scss';
import './index.scss';
import { PageRoot } from '@/components/page-root';
import { StaffOnly, isStaff } from '@/components/staff-only';

/** Organizer side: terms (new / edit), round statistics per course, the lottery's public value, rosters with 到/缺
 *  by hand (and CSV), and check-in codes for each of the course's sessions. */
export default function NightSchoolAdmin() {
  const role = useSession((s) => s.user?.role);
  const orgId = useSession((s) => s.user?.orgIds[0] ?? null);
  const [form, setForm] = useState<'term' | 'edit' | 'course' | null>(null);
  const [appeals, setAppeals] = useState<Appeal[]>([]);
  const loadAppeals = () =>
    fetchAppeals().then(
      ({ items }) => setAppeals(items),
      () => undefined,
    );
  const [terms, setTerms] = useState<Term[]>([]);
  const [termId, setTermId] = useState<string | null>(null);
  const [stats, setStats] = useState<TermStats | null>(null);
  const [roster, setRoster] = useState<Roster | null>(null);
  // each fetch of a roster starts the marks afresh (the row state lives in AttendanceRoster)
  const [rosterLoads, setRosterLoads] = useState(0);
  const [qr, setQr] = useState<{ courseId: string; sessionNo: number } | null>(null);
  const [editing, setEditing] = useState<Course | null>(null);

  const loadStats = (id: string) => fetchTermStats(id).then(setStats, () => undefined);
  const termList = useLoadStatus((select?: string) =>
    fetchAdminTerms().then(({ items }) => {
      setTerms(items);
      const chosen = select ?? items[0]?.id ?? null;
      setTermId(chosen);
      if (chosen) void loadStats(chosen);
    }),
  );
  const loadTerms = (select?: string) => termList.run(select);
  useDidShow(() => {
    if (isStaff(role)) {
      void loadTerms();
      void loadAppeals();
    }
  });

  if (!isStaff(role)) return <StaffOnly />;

  const pick = (id: string) => {
    setTermId(id);
    setRoster(null);
    setQr(null);
    setEditing(null);
    if (form === 'edit') setForm(null);
    void loadStats(id);
  };

  const term = stats?.term;
  return (
    <PageRoot className="ns-admin" testId="page-ns-admin">
      <View className="ns-admin__terms">
        {terms.map((t) => (
          <Text
            key={t.id}
            className={t.id === termId ? 'ns-chip ns-chip--on' : 'ns-chip'}
            onClick={() => pick(t.id)}
          >
            {t.name}
          </Text>
        ))}
      </View>
      <View className="ns-admin__new">
        <Text className="ns-admin__action" onClick={() => setForm(form === 'term' ? null : 'term')}>
          ＋ 新建学期
        </Text>
        {termId ? (
          <Text
            className="ns-admin__action"
            onClick={() => setForm(form === 'course' ? null : 'course')}
          >
            ＋ 新建课程
          </Text>
        ) : null}
        {stats?.term ? (
          <Text
            className="ns-admin__action"
            onClick={() => setForm(form === 'edit' ? null : 'edit')}
          >
            修改学期
          </Text>
        ) : null}
      </View>
      {form === 'term' && orgId ? (
        <TermForm
          orgId={orgId}
          onCreated={(id) => {
            setForm(null);
            void loadTerms(id);
          }}
        />
      ) : null}
      {form === 'edit' && stats?.term ? (
        <TermEditForm
          key={stats.term.id}
          term={stats.term}
          onSaved={(saved) => {
            setForm(null);
            void Taro.showToast({ title: '学期已保存', icon: 'none' });
            void loadTerms(saved.id);
          }}
        />
      ) : null}
      {form === 'course' && termId ? (
        <CourseForm
          termId={termId}
          onSaved={() => {
            setForm(null);
            void loadStats(termId);
          }}
        />
      ) : null}
      {termList.status === 'error' && terms.length === 0 ? (
        <LoadFailed error={termList.error} onRetry={() => void loadTerms()} />
      ) : null}
      {termList.status === 'ready' && terms.length === 0 ? <EmptyState title="还没有学期" /> : null}
      {appeals
        .filter((a) => a.status === 'open')
        .map((a) => (
          <View key={a.id} className="card ns-admin__appeal" data-testid={`appeal-${a.id}`}>
            <Text className="ns-admin__title">
              缺勤申诉 · {a.name ?? '学员'}（{a.termName}）
            </Text>
            <Text className="muted">{a.reason}</Text>
            <View className="ns-admin__actions">
              <Text
                className="ns-admin__action"
                onClick={() =>
                  void decideAppeal(a.id, 'accepted').then(loadAppeals, () => undefined)
                }
              >
                通过（解除限制）
              </Text>
              <Text
                className="ns-admin__action"
                onClick={() =>
                  void decideAppeal(a.id, 'rejected').then(loadAppeals, () => undefined)
                }
              >
                不通过
              </Text>
            </View>
          </View>
        ))}
      {stats && term ? (
        <View className="card ns-admin__totals" data-testid="stats-totals">
          <Text className="ns-admin__big">
            报名 {stats.totals.applicants} 人 / 名额 {stats.totals.seats} 个
          </Text>
          <Text className="muted">
            报名比 {stats.totals.ratio} : 1 · 已确认 {stats.totals.confirmed} 人 ·{' '}
            {term.allocation === 'lottery' ? '摇号分配' : '先到先得'}
          </Text>
          {term.allocation === 'lottery' ? (
            <DrawPanel
              key={term.id}
              term={term}
              isAdmin={role === 'admin'}
              onChanged={() => termId && void loadStats(termId)}
            />
          ) : null}
          <ExcellentPanel key={`excellent-${term.id}`} termId={term.id} />
        </View>
      ) : null}
      {stats?.courses.map((c) => (
        <View key={c.courseId} className="card ns-admin__course" data-testid={`stat-${c.courseId}`}>
          <Text className="ns-admin__title">{c.title}</Text>
          <Text className="muted">
            报名 {c.applicants} / 名额 {c.capacity}（{c.ratio}:1）· 已确认 {c.confirmed} · 待确认{' '}
            {c.offered} · 候补 {c.waitlisted}
          </Text>
          <CapacityEditor
            key={`${c.courseId}-${c.capacity}`}
            courseId={c.courseId}
            capacity={c.capacity}
            onSaved={() => termId && void loadStats(termId)}
          />
          <View className="ns-admin__actions">
            <Text
              className="ns-admin__action"
              onClick={() =>
                fetchRoster(c.courseId).then(
                  (r) => {
                    setRoster(r);
                    setRosterLoads((n) => n + 1);
                  },
                  () => undefined,
                )
              }
            >
              名单
            </Text>
            <Text
              className="ns-admin__action"
              onClick={() => void downloadCsv(rosterCsvPath(c.courseId), `${c.title}-名单.csv`)}
            >
              导出CSV
            </Text>
            <Text
              className="ns-admin__action"
              onClick={() => setQr({ courseId: c.courseId, sessionNo: 1 })}
            >
              签到码
            </Text>
            <Text
              className="ns-admin__action"
              onClick={() =>
                editing?.id === c.courseId
                  ? setEditing(null)
                  : void fetchCourse(c.courseId).then(
                      (r) => setEditing(r.course),
                      () => undefined,
                    )
              }
            >
              修改课程
            </Text>
          </View>
          {editing?.id === c.courseId && termId ? (
            <CourseForm
              key={editing.id}
              termId={termId}
              course={editing}
              onSaved={() => {
                setEditing(null);
                void Taro.showToast({ title: '课程已保存', icon: 'none' });
                void loadStats(termId);
              }}
            />
          ) : null}
          {qr?.courseId === c.courseId ? (
            <View>
              <View className="ns-admin__sessions">
                {Array.from({ length: c.sessions }, (_, i) => i + 1).map((n) => (
                  <Text
                    key={n}
                    className={qr.sessionNo === n ? 'ns-chip ns-chip--on' : 'ns-chip'}
                    onClick={() => setQr({ courseId: c.courseId, sessionNo: n })}
                  >
                    第{n}次
                  </Text>
                ))}
              </View>
              <CheckinQr courseId={c.courseId} sessionNo={qr.sessionNo} />
            </View>
          ) : null}
          {roster?.course.id === c.courseId ? (
            <AttendanceRoster key={`${roster.course.id}-${rosterLoads}`} roster={roster} />
          ) : null}
        </View>
      ))}
    </PageRoot>
  );
}
