import { useEffect, useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import type { AuditEntry } from '@/contract/admin';
import { LoadFailed } from '@/components/load-failed';
import { PageRoot } from '@/components/page-root';
import { downloadCsv } from '@/lib/download-csv';
import { auditQuery, fetchAudit, type AuditFilter } from '../../api';
import { AuditItem } from '../../components/audit-item';
import './index.scss';
import { StaffOnly } from '@/components/staff-only';
import { useSession } from '@/lib/session';
import { useLoadStatus } from '@/lib/use-load-status';

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

  const list = useLoadStatus((f: AuditFilter) =>
    fetchAudit(f).then((page) => {
      setItems(page.items);
      setNext(page.next);
    }),
  );
  useEffect(() => {
    if (admin) void list.run(filter);
  }, [admin, filter]); // eslint-disable-line react-hooks/exhaustive-deps -- run is stable

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
      {list.status === 'error' && items.length === 0 ? (
        <LoadFailed error={list.error} onRetry={() => void list.run(filter)} />
      ) : null}
      {list.status === 'ready' && items.length === 0 ? (
        <Text className="muted audit__empty">暂无记录</Text>
      ) : null}
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
