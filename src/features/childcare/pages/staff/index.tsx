// Site staff (role-gated by the server: organizer/admin, own sites only): classes with seats,
// the roster of one class with its CSV export, the door log by scanning or typing a code, and the
// day's 未接走 list (dropped off, not collected yet) with who may collect each child.
import { useState } from 'react';
import Taro, { useDidShow } from '@tarojs/taro';
import { Button, Input, Text, View } from '@tarojs/components';
import type { ChildcareClass, Counts, Roster, UncollectedList } from '@/contract/childcare';
import { currentProgramme, siteLabel } from '@/contract/childcare-rules';
import { formatInstant } from '@/contract/beijing-time';
import { useSession } from '@/lib/session';
import { downloadCsv } from '@/lib/download-csv';
import { EmptyState } from '@/components/empty-state';
import { LoadFailed } from '@/components/load-failed';
import { useLoadStatus } from '@/lib/use-load-status';
import {
  fetchCounts,
  fetchProgrammes,
  fetchRoster,
  fetchServerTime,
  fetchStaffClasses,
  fetchUncollected,
  postNotice,
  recordAttendance,
} from '../../api';
import { CapacityEditor } from '../../components/capacity-editor';
import './index.scss';
import { PageRoot } from '@/components/page-root';
import { StaffOnly, isStaff } from '@/components/staff-only';

export default function StaffPage() {
  const user = useSession((s) => s.user);
  const [classes, setClasses] = useState<ChildcareClass[] | null>(null);
  const [roster, setRoster] = useState<Roster | null>(null);
  const [waiting, setWaiting] = useState<{ classId: string; list: UncollectedList } | null>(null);
  const [code, setCode] = useState('');
  const [last, setLast] = useState('');
  const [notice, setNotice] = useState<Record<string, string>>({});
  const [counts, setCounts] = useState<{ name: string; items: Counts['items'] } | null>(null);
  const staff = isStaff(user?.role);

  const list = useLoadStatus(() => fetchStaffClasses().then((r) => setClasses(r.items)));
  useDidShow(() => {
    if (!staff) return;
    void list.run();
    Promise.all([fetchProgrammes(), fetchServerTime()]).then(
      async ([r, t]) => {
        const p = currentProgramme(r.items, new Date(Date.parse(t.now)));
        if (p) setCounts({ name: p.name, items: (await fetchCounts(p.id)).items });
      },
      () => undefined,
    );
  });

  if (!staff) return <StaffOnly />;

  const door = async (kind: 'drop_off' | 'pick_up', raw = code) => {
    if (!raw.trim()) return;
    try {
      const r = await recordAttendance(raw.trim(), kind);
      setLast(
        `${r.childName} ${kind === 'drop_off' ? '已入园' : '已被接走'}${r.guardianName ? `（${r.guardianName}，${r.guardianRelation}）` : ''}`,
      );
      setCode('');
      if (waiting) void showUncollected(waiting.classId);
    } catch {
      // toast shown
    }
  };
  const showUncollected = (classId: string) =>
    fetchUncollected(classId).then(
      (list) => setWaiting({ classId, list }),
      () => undefined,
    );
  const scan = async (kind: 'drop_off' | 'pick_up') => {
    const r = await Taro.scanCode({ onlyFromCamera: true }).catch(() => null);
    if (r?.result) await door(kind, r.result);
  };

  return (
    <PageRoot className="cc-staff" testId="page-childcare-staff">
      <Button
        className="btn btn-plain cc-staff__manage"
        onClick={() => void Taro.navigateTo({ url: '/features/childcare/pages/manage/index' })}
        data-testid="cc-staff-manage"
      >
        管理项目、期次和班级
      </Button>
      {user?.role === 'admin' ? (
        <Button
          className="btn btn-plain cc-staff__manage"
          onClick={() =>
            void Taro.navigateTo({ url: '/features/childcare/pages/reductions-review/index' })
          }
          data-testid="cc-staff-reductions"
        >
          费用减免审核
        </Button>
      ) : null}
      <View className="card cc-staff__door">
        <Text className="cc-staff__title">接送登记</Text>
        <View className="cc-staff__buttons">
          <Button className="btn btn-primary" onClick={() => void scan('drop_off')}>
            扫码入园
          </Button>
          <Button className="btn btn-primary" onClick={() => void scan('pick_up')}>
            扫码接走
          </Button>
        </View>
        <Input
          className="field-input"
          placeholder="或粘贴/输入接送码"
          value={code}
          onInput={(e) => setCode(e.detail.value)}
          data-testid="cc-staff-code"
        />
        <View className="cc-staff__buttons">
          <Button className="btn btn-plain" onClick={() => void door('drop_off')}>
            登记入园
          </Button>
          <Button className="btn btn-plain" onClick={() => void door('pick_up')}>
            登记接走
          </Button>
        </View>
        {last ? <Text className="cc-staff__last">{last}</Text> : null}
      </View>

      {counts ? (
        <View className="card cc-staff__counts" data-testid="cc-staff-counts">
          <Text className="cc-staff__title">{counts.name} · 各点各期人数</Text>
          {counts.items.map((r) => (
            <Text key={`${r.siteId}-${r.periodId}`} className="cc-staff__row">
              {r.periodName} {siteLabel(r.siteName)}：已报 {r.enrolled}/{r.capacity}
              {r.offered ? `，待确认 ${r.offered}` : ''}
              {r.waitlisted ? `，候补 ${r.waitlisted}` : ''}
            </Text>
          ))}
        </View>
      ) : null}
      <Text className="section-title">本点班级</Text>
      {list.status === 'error' && !classes?.length ? (
        <LoadFailed error={list.error} onRetry={() => void list.run()} />
      ) : null}
      {list.status === 'ready' && classes?.length === 0 ? <EmptyState title="暂无班级" /> : null}
      {classes?.map((c) => (
        <View key={c.id} className="card cc-staff__class">
          <Text className="cc-staff__class-name">
            {c.programmeName} {c.periodName} · {c.name}
          </Text>
          <Text className="muted">{siteLabel(c.siteName)}</Text>
          <Text>
            已占 {c.taken}/{c.capacity} · 候补 {c.waiting}
          </Text>
          <View className="cc-staff__buttons">
            <Button
              className="btn btn-plain"
              onClick={() => void fetchRoster(c.id).then(setRoster, () => undefined)}
            >
              名单
            </Button>
            <Button
              className="btn btn-plain"
              onClick={() =>
                void downloadCsv(
                  `/api/v1/childcare/classes/${c.id}/roster.csv`,
                  `${c.siteName}-${c.periodName}-${c.name}-名单.csv`,
                )
              }
            >
              导出 CSV
            </Button>
          </View>
          <Button
            className="btn btn-plain"
            onClick={() => void showUncollected(c.id)}
            data-testid={`cc-staff-uncollected-${c.id}`}
          >
            今日未接走
          </Button>
          <CapacityEditor
            cls={c}
            onSaved={(updated) =>
              setClasses((list) => (list ?? []).map((x) => (x.id === c.id ? updated : x)))
            }
          />
          <Input
            className="field-input"
            placeholder="给本班家长发通知"
            value={notice[c.id] ?? ''}
            onInput={(e) => setNotice({ ...notice, [c.id]: e.detail.value })}
          />
          <Button
            className="btn btn-plain"
            onClick={() => {
              const body = (notice[c.id] ?? '').trim();
              if (!body) return;
              void postNotice(c.id, body).then(
                () => {
                  setNotice({ ...notice, [c.id]: '' });
                  void Taro.showToast({ title: '通知已发送', icon: 'success' });
                },
                () => undefined,
              );
            }}
          >
            发送通知
          </Button>
          {waiting?.classId === c.id ? <Uncollected list={waiting.list} /> : null}
          {roster?.class.id === c.id ? (
            <View className="cc-staff__roster">
              {roster.items.length === 0 ? <Text className="muted">暂无报名</Text> : null}
              {roster.items.map((r) => (
                <Text key={r.enrollmentId} className="cc-staff__row">
                  {r.status === 'enrolled'
                    ? '✓'
                    : r.awaitingPayment
                      ? '待支付'
                      : r.status === 'offered'
                        ? '待确认'
                        : `候补${r.position}`}{' '}
                  {r.childName}（{r.gender}，{r.grade ?? '—'}）
                  {r.healthNotes ? ` ⚠ ${r.healthNotes}` : ''}
                </Text>
              ))}
            </View>
          ) : null}
        </View>
      ))}
    </PageRoot>
  );
}

/** The day's children still in care: at closing time, whom to wait for and whom to call. */
function Uncollected({ list }: { list: UncollectedList }) {
  return (
    <View className="cc-staff__uncollected" data-testid="cc-staff-uncollected">
      <Text className="cc-staff__title">今日未接走（{list.items.length}）</Text>
      <Text className="muted">{list.day} · 已入园、尚未登记接走的孩子</Text>
      {list.items.length === 0 ? <Text className="cc-staff__all-gone">孩子都已接走</Text> : null}
      {list.items.map((r) => (
        <View key={r.enrollmentId} className="cc-staff__waiting-child">
          <Text className="cc-staff__class-name">{r.childName}</Text>
          <Text className="muted">
            {formatInstant(r.droppedOffAt, 'HH:mm')} 入园
            {r.droppedOffBy ? `，${r.droppedOffBy}送来` : ''}
          </Text>
          <Text className="cc-staff__row">
            可接送：
            {r.guardians.map((g) => `${g.name}（${g.relation}）${g.phoneMasked}`).join('；') ||
              '未登记接送人'}
          </Text>
        </View>
      ))}
    </View>
  );
}
