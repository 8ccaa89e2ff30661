import { useState } from 'react';
import Taro, { useDidShow } from '@tarojs/taro';
import { Button, Input, Picker, Text, Textarea, View } from '@tarojs/components';
import type { Organization } from '@/contract/account';
import type { RequestActionBody, ServiceRequest } from '@/contract/volunteer';
import { LoadFailed } from '@/components/load-failed';
import { fetchOrgs } from '@/lib/orgs-api';
import { useLoadStatus } from '@/lib/use-load-status';
import { askToSubscribe } from '@/lib/subscribe';
import { newIdempotencyKey } from '@/lib/request';
import { useSession } from '@/lib/session';
import { addDays, beijingInstant, beijingToday } from '@/contract/beijing-time';
import { actOnRequest, confirmRequestHours, createRequest, fetchRequests } from '../../api';
import { RequestCard, type RequestRole } from '../../components/request-card';
import './index.scss';
import { PageRoot } from '@/components/page-root';

type Tab = { scope: 'mine' | 'open' | 'taken' | 'committee'; label: string; role: RequestRole };
const TABS: Tab[] = [
  { scope: 'mine', label: '我点的单', role: 'resident' },
  { scope: 'open', label: '可接的单', role: 'volunteer' },
  { scope: 'taken', label: '我接的单', role: 'volunteer' },
  { scope: 'committee', label: '待处理', role: 'committee' },
];

/** 基层点单 → 工委派单 → 志愿者接单 → 群众评单, from each side. */
/** Booked durations offered to the resident: the cap of the hours the volunteer can report. */
const DURATIONS = [30, 60, 90, 120, 180];

export default function RequestsPage() {
  const user = useSession((s) => s.user);
  const tabs = TABS.filter(
    (t) => t.scope !== 'committee' || user?.role === 'organizer' || user?.role === 'admin',
  );
  const [tab, setTab] = useState<Tab>(tabs[0]);
  const [items, setItems] = useState<ServiceRequest[] | null>(null);
  const [committees, setCommittees] = useState<Organization[]>([]);
  const [teams, setTeams] = useState<Organization[]>([]);
  const [form, setForm] = useState({
    title: '',
    details: '',
    place: '',
    contactName: '',
    contactPhone: '',
  });
  const [key, setKey] = useState(newIdempotencyKey);
  const [committeeId, setCommitteeId] = useState('');
  const [when, setWhen] = useState({
    date: addDays(beijingToday(new Date()), 1),
    time: '09:00',
  });
  const [durationMin, setDurationMin] = useState(60);

  const list = useLoadStatus((t: Tab) => fetchRequests(t.scope).then(setItems));
  const load = (t = tab) => list.run(t);
  useDidShow(() => {
    void load();
    void fetchOrgs('committee').then(setCommittees, () => undefined);
    void fetchOrgs('team').then(setTeams, () => undefined);
  });

  const submit = async () => {
    const committee = committeeId || committees[0]?.id;
    if (!committee) return;
    // the wanted time is Beijing time whatever the phone's zone
    const wantedAt = beijingInstant(when.date, when.time) ?? '';
    askToSubscribe(['request_update']);
    await createRequest({ committeeId: committee, ...form, wantedAt, durationMin }, key);
    setKey(newIdempotencyKey());
    setForm({ title: '', details: '', place: '', contactName: '', contactPhone: '' });
    void Taro.showToast({ title: '已提交，等待团委派单', icon: 'none' });
    await load();
  };

  const act = async (item: ServiceRequest, body: RequestActionBody) => {
    await actOnRequest(item.id, body).catch(() => undefined);
    await load();
  };
  const confirm = async (item: ServiceRequest) => {
    await confirmRequestHours(item.id).catch(() => undefined);
    await load();
  };

  return (
    <PageRoot className="volunteer-requests" testId="page-volunteer-requests">
      <View className="volunteer-requests__tabs">
        {tabs.map((t) => (
          <Text
            key={t.scope}
            className={`filter-chip ${t.scope === tab.scope ? 'filter-chip--on' : ''}`}
            onClick={() => {
              setTab(t);
              void load(t);
            }}
          >
            {t.label}
          </Text>
        ))}
      </View>
      {tab.scope === 'mine' ? (
        <View className="card">
          <Text className="volunteer-requests__form-title">我要点单</Text>
          {(['title', 'place', 'contactName', 'contactPhone'] as const).map((f) => (
            <View key={f} className="field">
              <Text className="field-label">
                {
                  {
                    title: '需要什么帮助',
                    place: '地点',
                    contactName: '联系人',
                    contactPhone: '手机号（服务前2小时才向接单志愿者显示）',
                  }[f]
                }
              </Text>
              <Input
                className="field-input"
                value={form[f]}
                onInput={(e) => setForm({ ...form, [f]: e.detail.value })}
              />
            </View>
          ))}
          <View className="field">
            <Text className="field-label">提交给</Text>
            <View className="volunteer-requests__tabs">
              {committees.map((c) => (
                <Text
                  key={c.id}
                  className={`filter-chip ${(committeeId || committees[0]?.id) === c.id ? 'filter-chip--on' : ''}`}
                  onClick={() => setCommitteeId(c.id)}
                >
                  {c.name.replace('共青团上海市', '').replace('委员会', '团委')}
                </Text>
              ))}
            </View>
          </View>
          <View className="field volunteer-requests__when">
            <Text className="field-label">希望服务时间</Text>
            <Picker
              mode="date"
              value={when.date}
              onChange={(e) => setWhen({ ...when, date: String(e.detail.value) })}
            >
              <Text className="field-input">{when.date}</Text>
            </Picker>
            <Picker
              mode="time"
              value={when.time}
              onChange={(e) => setWhen({ ...when, time: String(e.detail.value) })}
            >
              <Text className="field-input volunteer-requests__time">{when.time}</Text>
            </Picker>
          </View>
          <View className="field">
            <Text className="field-label">预计需要多久</Text>
            <View className="volunteer-requests__tabs">
              {DURATIONS.map((m) => (
                <Text
                  key={m}
                  className={`filter-chip ${durationMin === m ? 'filter-chip--on' : ''}`}
                  onClick={() => setDurationMin(m)}
                >
                  {m < 60 ? `${m} 分钟` : `${m / 60} 小时`}
                </Text>
              ))}
            </View>
          </View>
          <View className="field">
            <Text className="field-label">补充说明</Text>
            <Textarea
              className="volunteer-requests__textarea"
              value={form.details}
              onInput={(e) => setForm({ ...form, details: e.detail.value })}
            />
          </View>
          <Button className="btn btn-primary" onClick={() => void submit().catch(() => undefined)}>
            提交点单
          </Button>
        </View>
      ) : null}
      {list.status === 'error' && !items?.length ? (
        <LoadFailed error={list.error} onRetry={() => void load()} />
      ) : null}
      {list.status === 'ready' && items?.length === 0 ? (
        <Text className="muted">暂无记录</Text>
      ) : null}
      {items?.map((r) => (
        <RequestCard
          key={r.id}
          item={r}
          role={tab.role}
          teams={teams}
          onAct={(i, b) => void act(i, b)}
          onConfirmHours={(i) => void confirm(i)}
        />
      ))}
    </PageRoot>
  );
}
