import { Text, View } from '@tarojs/components';
import type { AuditEntry } from '@/contract/admin';
import { AUDIT_ACTION_LABELS, ROLE_LABELS } from '@/contract/audit-actions';
import { formatInstant } from '@/contract/beijing-time';

const short = (v: unknown) => (v == null ? '—' : JSON.stringify(v));

/** One action in the trail: who, when, what, and the values before → after. */
export function AuditItem({ entry }: { entry: AuditEntry }) {
  return (
    <View className="card audit-item" data-testid="audit-item">
      <View className="audit-item__head">
        <Text className="audit-item__action">
          {AUDIT_ACTION_LABELS[entry.action] ?? entry.action}
        </Text>
        <Text className="muted">{formatInstant(entry.at, 'M月D日 HH:mm:ss')}</Text>
      </View>
      <Text className="muted">
        {entry.actorName ?? `用户 ${entry.actorId ?? '—'}`}（
        {ROLE_LABELS[entry.actorRole] ?? entry.actorRole}） · {entry.entity} {entry.entityId ?? ''}
      </Text>
      <Text className="audit-item__diff">
        {short(entry.before)} → {short(entry.after)}
      </Text>
    </View>
  );
}
