import { useState } from 'react';
import Taro, { useDidShow } from '@tarojs/taro';
import { Button, Input, Text, Textarea, View } from '@tarojs/components';
import type { Organization } from '@/contract/account';
import type { RequestActionBody, ServiceRequest } from '@/contract/volunteer';
import { fetchOrgs } from '@/lib/orgs-api';
import { newIdempotencyKey } from '@/lib/request';
import { useSession } from '@/lib/session';
import dayjs from '@/lib/dayjs';
import { actOnRequest, createRequest, fetchRequests } from '../../api';
import { RequestCard, type RequestRole } from '../../components/request-card';
import './index.scss';

type Tab = { scope: 'mine' | 'open' | 'taken' | 'committee'; label: string; role: RequestRole };
const TABS: Tab[] = [
  { scope: 'mine', label: '我点的单', role: 'resident' },
  { scope: 'open', label: '可接的单', role: 'volunteer' },
  { scope: 'taken', label: '我接的单', role: 'volunteer' },
  { scope: 'committee', label: '待处理', role: 'committee' },
];

/** 基层点单 → 工委派单 → 志愿者接单 → 群众评单, from each side. */
export default function RequestsPage() {
  const user = useSession((s) => s.user);
  const tabs = TABS.filter((t) => t.scope !== 'committee' || user?.role === 'organizer' || user?.role === 'admin');
  const [tab, setTab] = useState<Tab>(tabs[0]);
  const [items, setItems] = useState<ServiceRequest[] | null>(null);
  const [committees, setCommittees] = useState<Organization[]>([]);
  const [form, setForm] = useState({ title: '', details: '', place: '', contactName: '', contactPhone: '' });
  const [key, setKey] = useState(newIdempotencyKey);

  const load = (t = tab) => fetchRequests(t.scope).then(setItems, () => setItems([]));
  useDidShow(() => {
    void load();
    void fetchOrgs('committee').then(setCommittees, () => undefined);
  });

  const submit = async () => {
    if (!committees[0]) return;
    await createRequest(
      { committeeId: committees[0].id, ...form, wantedAt: dayjs().add(1, 'day').hour(9).minute(0).second(0).toISOString() },
      key,
    );
    setKey(newIdempotencyKey());
    setForm({ title: '', details: '', place: '', contactName: '', contactPhone: '' });
    void Taro.showToast({ title: '已提交，等待团委派单', icon: 'none' });
    await load();
  };

  const act = async (item: ServiceRequest, body: RequestActionBody) => {
    let full: RequestActionBody = body;
    if (body.action === 'complete') full = { ...body, report: '已按需求完成服务', minutes: 60 };
    if (body.action === 'rate') full = { ...body, rating: 5 };
    if (body.action === 'reject') full = { ...body, reason: '不属于志愿服务范围' };
    await actOnRequest(item.id, full).catch(() => undefined);
    await load();
  };

  return (
    <View className='page volunteer-requests' data-testid='page-volunteer-requests'>
      <View className='volunteer-requests__tabs'>
        {tabs.map((t) => (
          <Text key={t.scope} className={`filter-chip ${t.scope === tab.scope ? 'filter-chip--on' : ''}`} onClick={() => { setTab(t); void load(t); }}>
            {t.label}
          </Text>
        ))}
      </View>
      {tab.scope === 'mine' ? (
        <View className='card'>
          <Text className='volunteer-requests__form-title'>我要点单</Text>
          {(['title', 'place', 'contactName', 'contactPhone'] as const).map((f) => (
            <View key={f} className='field'>
              <Text className='field-label'>{{ title: '需要什么帮助', place: '地点', contactName: '联系人', contactPhone: '手机号（接单后才向志愿者显示完整号码）' }[f]}</Text>
              <Input className='field-input' value={form[f]} onInput={(e) => setForm({ ...form, [f]: e.detail.value })} />
            </View>
          ))}
          <View className='field'>
            <Text className='field-label'>补充说明</Text>
            <Textarea className='volunteer-requests__textarea' value={form.details} onInput={(e) => setForm({ ...form, details: e.detail.value })} />
          </View>
          <Button className='btn btn-primary' onClick={() => void submit().catch(() => undefined)}>提交点单</Button>
        </View>
      ) : null}
      {items?.length === 0 ? <Text className='muted'>暂无记录</Text> : null}
      {items?.map((r) => <RequestCard key={r.id} item={r} role={tab.role} onAct={(i, b) => void act(i, b)} />)}
    </View>
  );
}
