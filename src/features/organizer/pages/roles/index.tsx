import { useEffect, useState } from 'react';
import Taro from '@tarojs/taro';
import { Button, Input, Text, View } from '@tarojs/components';
import type { AdminUser, OrgMembers } from '@/contract/admin';
import type { Organization } from '@/contract/account';
import { LoadFailed } from '@/components/load-failed';
import { PageRoot } from '@/components/page-root';
import { addMember, fetchAllOrgs, fetchMembers, removeMember, searchUsers } from '../../api';
import './index.scss';
import { StaffOnly } from '@/components/staff-only';
import { useSession } from '@/lib/session';
import { useLoadStatus } from '@/lib/use-load-status';

/** Admin: who is staff of which organization. Every change lands in the audit log. */
export default function RolesPage() {
  const admin = useSession((s) => s.user?.role === 'admin');
  const [orgs, setOrgs] = useState<Organization[]>([]);
  const [orgId, setOrgId] = useState<string | null>(null);
  const [members, setMembers] = useState<OrgMembers | null>(null);
  const [q, setQ] = useState('');
  const [found, setFound] = useState<AdminUser[] | null>(null);

  const orgList = useLoadStatus(() =>
    fetchAllOrgs().then((items) => {
      setOrgs(items);
      setOrgId((current) => current ?? items[0]?.id ?? null);
    }),
  );
  useEffect(() => {
    if (admin) void orgList.run();
  }, [admin]); // eslint-disable-line react-hooks/exhaustive-deps -- run is stable
  useEffect(() => {
    if (orgId) fetchMembers(orgId).then(setMembers, () => undefined);
  }, [orgId]);

  // a failed search is not "没有找到": the admin would tell a colleague to sign up again
  const lookup = useLoadStatus((query: string) => {
    setFound(null);
    return searchUsers(query).then(setFound);
  });
  const search = () => {
    if (q.trim()) void lookup.run(q.trim());
  };
  const grant = async (user: AdminUser) => {
    if (!orgId) return;
    setMembers(await addMember(orgId, user.id));
    void Taro.showToast({ title: '已授权', icon: 'success' });
  };
  const revoke = async (userId: string) => {
    if (!orgId) return;
    const { confirm } = await Taro.showModal({
      title: '取消授权',
      content: '该人员将不能再处理本组织的事务。',
      confirmText: '取消授权',
      cancelText: '保留',
    });
    if (confirm) setMembers(await removeMember(orgId, userId));
  };

  if (!admin)
    return (
      <StaffOnly
        title="仅限管理员使用"
        detail="工作人员授权由团区委管理员办理，请用管理员账号登录。"
      />
    );

  return (
    <PageRoot className="roles" testId="page-roles">
      <Text className="section-title">选择组织</Text>
      {orgList.status === 'error' && orgs.length === 0 ? (
        <LoadFailed error={orgList.error} onRetry={() => void orgList.run()} />
      ) : null}
      <View className="roles__orgs">
        {orgs.map((o) => (
          <View
            key={o.id}
            className={`roles__org ${o.id === orgId ? 'roles__org--on' : ''}`}
            onClick={() => setOrgId(o.id)}
          >
            {o.name}
          </View>
        ))}
      </View>

      <Text className="section-title">
        {members ? `${members.org.name} · 工作人员` : '工作人员'}
      </Text>
      <View className="card">
        {members?.items.length === 0 ? <Text className="muted">暂无工作人员</Text> : null}
        {members?.items.map((m) => (
          <View key={m.userId} className="roles__row" data-testid="member-row">
            <View className="roles__who">
              <Text>{m.name ?? '未实名'}</Text>
              <Text className="muted">
                {m.phoneMasked ?? ''} · {m.role === 'manager' ? '负责人' : '工作人员'}
              </Text>
            </View>
            <Text
              className="roles__action roles__action--danger"
              onClick={() => void revoke(m.userId)}
            >
              取消授权
            </Text>
          </View>
        ))}
      </View>

      <Text className="section-title">添加工作人员</Text>
      <View className="card">
        <View className="field">
          <Input
            id="roles-search"
            className="field-input"
            value={q}
            maxlength={20}
            placeholder="姓名，或手机号后四位"
            onInput={(e) => setQ(e.detail.value)}
            onConfirm={() => void search()}
          />
        </View>
        <Button className="btn btn-plain roles__search" onClick={() => void search()}>
          查找
        </Button>
        {lookup.status === 'error' ? <LoadFailed error={lookup.error} onRetry={search} /> : null}
        {found?.length === 0 ? (
          <Text className="muted">没有找到，请确认对方已登录并完成实名</Text>
        ) : null}
        {found?.map((u) => (
          <View key={u.id} className="roles__row" data-testid="found-row">
            <View className="roles__who">
              <Text>{u.name ?? '未实名'}</Text>
              <Text className="muted">{u.phoneMasked ?? ''}</Text>
            </View>
            {members?.items.some((m) => m.userId === u.id) ? (
              <Text className="muted">已是工作人员</Text>
            ) : (
              <Text className="roles__action" onClick={() => void grant(u)}>
                授权
              </Text>
            )}
          </View>
        ))}
      </View>
    </PageRoot>
  );
}
