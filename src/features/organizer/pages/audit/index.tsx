import { useEffect, useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import type { AuditEntry } from '@/contract/admin';
import { PageRoot } from '@/components/page-root';
import { downloadCsv } from '@/lib/download-csv';
import { auditQuery, fetchAudit, type AuditFilter } from '../../api';
import { AuditItem } from '../../components/audit-item';
import './index.scss';
import { StaffOnly } from '@/components/staff-only';
import { useSession } from '@/lib/session';

const ENTITIES: { label: string; entity?: string }[] = [
  { label: '全部' },
  { label: '人员授权', entity: 'org_member' },
  { label: '用户角色', entity: 'user' },
];

/** Admin: the append-only trail of organizer and admin actions, filterable and exportable. */
export default function AuditPage() {
  const admin = useSession((s) => s.user?.role === 'admin');
  const [filter, setFilter] = useState<AuditFilter>({});
  const [items, setItems] = useState<AuditEntry[]>([]);
  const [next, setNext] = useState<string | null>(null);

  useEffect(() => {
    if (!admin) return;
    fetchAudit(filter).then(
      (page) => {
        setItems(page.items);
        setNext(page.next);
      },
      () => undefined,
    );
  }, [admin, filter]);

  const more = async () => {
    const page = await fetchAudit(filter, next);
    setItems((list) => [...list, ...page.items]);
    setNext(page.next);
  };

  if (!admin)
    return (
      <StaffOnly
        title="仅限管理员使用"
        detail="操作日志仅对团区委管理员开放，请用管理员账号登录。"
      />
    );

  return (
    <PageRoot className="audit" testId="page-audit">
      <View className="audit__filters">
        {ENTITIES.map((e) => (
          <View
            key={e.label}
            className={`audit__chip ${filter.entity === e.entity ? 'audit__chip--on' : ''}`}
            onClick={() => setFilter({ ...filter, entity: e.entity })}
          >
            {e.label}
          </View>
        ))}
      </View>
      <Button
        className="btn btn-plain audit__export"
        onClick={() =>
          void downloadCsv(`/api/v1/admin/audit.csv?${auditQuery(filter)}`, '操作日志.csv')
        }
      >
        导出 CSV
      </Button>
      {items.length === 0 ? <Text className="muted audit__empty">暂无记录</Text> : null}
      {items.map((entry) => (
        <AuditItem key={entry.id} entry={entry} />
      ))}
      {next ? (
        <Text className="muted audit__more" onClick={() => void more()}>
          加载更多
        </Text>
      ) : null}
    </PageRoot>
  );
}
