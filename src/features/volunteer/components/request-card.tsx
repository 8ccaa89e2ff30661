import { Button, Text, View } from '@tarojs/components';
import type { RequestActionBody, ServiceRequest } from '@/contract/volunteer';
import { REQUEST_STATE_LABELS, nextRequestState, type RequestAction } from '@/contract/volunteer-rules';
import { formatInstant } from '@/lib/dayjs';
import './request-card.scss';

export type RequestRole = 'resident' | 'volunteer' | 'committee';

interface Props {
  item: ServiceRequest;
  role: RequestRole;
  onAct: (item: ServiceRequest, body: RequestActionBody) => void;
}

const ACTIONS_FOR: Record<RequestRole, { action: RequestAction; label: string; plain?: boolean }[]> = {
  resident: [{ action: 'rate', label: '评价' }, { action: 'cancel', label: '取消需求', plain: true }],
  volunteer: [{ action: 'take', label: '接单' }, { action: 'complete', label: '完成服务' }],
  committee: [{ action: 'dispatch', label: '派单' }, { action: 'reject', label: '驳回', plain: true }, { action: 'cancel', label: '取消', plain: true }],
};

/** A request with its timeline; only the buttons the state machine allows are shown. */
export function RequestCard({ item, role, onAct }: Props) {
  const actions = ACTIONS_FOR[role].filter(
    (a) => nextRequestState(item.state, a.action) && (a.action !== 'complete' || item.takenByMe),
  );
  return (
    <View className='card request-card' data-testid={`request-${item.id}`}>
      <View className='request-card__head'>
        <Text className='request-card__title'>{item.title}</Text>
        <Text className='request-card__state'>{REQUEST_STATE_LABELS[item.state]}</Text>
      </View>
      <Text className='muted'>{formatInstant(item.wantedAt)} · {item.place}</Text>
      {item.details ? <Text>{item.details}</Text> : null}
      <Text className='muted'>联系人 {item.contactName} {item.contactPhone}</Text>
      {item.report ? <Text>服务情况：{item.report}（{item.hours} 小时）</Text> : null}
      {item.rating ? <Text>评价：{'★'.repeat(item.rating)}{item.ratingComment ? ` ${item.ratingComment}` : ''}</Text> : null}
      {item.reason ? <Text className='muted'>说明：{item.reason}</Text> : null}
      <View className='request-card__timeline'>
        {item.timeline.map((e, i) => (
          <Text key={i} className='muted request-card__event'>
            {formatInstant(e.at, 'M月D日 HH:mm')} {REQUEST_STATE_LABELS[e.toState as keyof typeof REQUEST_STATE_LABELS] ?? e.toState}
            {e.note ? ` · ${e.note}` : ''}
          </Text>
        ))}
      </View>
      {actions.length ? (
        <View className='request-card__actions'>
          {actions.map((a) => (
            <Button key={a.action} className={`btn ${a.plain ? 'btn-plain' : 'btn-primary'} request-card__btn`} onClick={() => onAct(item, { action: a.action })}>
              {a.label}
            </Button>
          ))}
        </View>
      ) : null}
    </View>
  );
}
