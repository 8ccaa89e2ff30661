import { useState } from 'react';
import { Button, Input, Text, View } from '@tarojs/components';
import type { Organization } from '@/contract/account';
import type { RequestActionBody, ServiceRequest } from '@/contract/volunteer';
import {
  REQUEST_PHONE_LEAD_MIN,
  REQUEST_STATE_LABELS,
  nextRequestState,
  type RequestAction,
} from '@/contract/volunteer-rules';
import { formatInstant } from '@/contract/beijing-time';
import { VolunteerPicker } from './volunteer-picker';
import './request-card.scss';

export type RequestRole = 'resident' | 'volunteer' | 'committee';

interface Props {
  item: ServiceRequest;
  role: RequestRole;
  onAct: (item: ServiceRequest, body: RequestActionBody) => void;
  /** Committee: put the reported hours into the volunteer's ledger. */
  onConfirmHours?: (item: ServiceRequest) => void;
  /** Teams the committee can dispatch to. */
  teams?: Organization[];
}

/** Actions that need a few words or a choice before they are sent. */
const NEEDS_FORM: RequestAction[] = ['complete', 'rate', 'reject', 'dispatch'];

const ACTIONS_FOR: Record<
  RequestRole,
  { action: RequestAction; label: string; plain?: boolean }[]
> = {
  resident: [
    { action: 'rate', label: '评价' },
    { action: 'cancel', label: '取消需求', plain: true },
  ],
  volunteer: [
    { action: 'take', label: '接单' },
    { action: 'complete', label: '完成服务' },
  ],
  committee: [
    { action: 'dispatch', label: '派单' },
    { action: 'reject', label: '驳回', plain: true },
    { action: 'cancel', label: '取消', plain: true },
  ],
};

/** A request with its timeline; only the buttons the state machine allows are shown. */
export function RequestCard({ item, role, onAct, onConfirmHours, teams = [] }: Props) {
  const [form, setForm] = useState<RequestAction | null>(null);
  const [text, setText] = useState('');
  const [minutes, setMinutes] = useState(String(item.durationMin));
  const [stars, setStars] = useState(5);
  const [picking, setPicking] = useState(false);
  const send = (body: RequestActionBody) => {
    setForm(null);
    setText('');
    onAct(item, body);
  };
  const actions = ACTIONS_FOR[role].filter(
    (a) => nextRequestState(item.state, a.action) && (a.action !== 'complete' || item.takenByMe),
  );
  return (
    <View className="card request-card" data-testid={`request-${item.id}`}>
      <View className="request-card__head">
        <Text className="request-card__title">{item.title}</Text>
        <Text className="request-card__state">{REQUEST_STATE_LABELS[item.state]}</Text>
      </View>
      <Text className="muted">
        {formatInstant(item.wantedAt)} · 约 {item.durationMin} 分钟 ·{' '}
        {item.place ?? '地址接单后可见'}
      </Text>
      {item.details ? <Text>{item.details}</Text> : null}
      <Text className="muted">
        {item.contactName === null
          ? '联系人信息接单后可见'
          : `联系人 ${item.contactName} ${item.contactPhone ?? `· 电话于 ${formatInstant(new Date(Date.parse(item.wantedAt) - REQUEST_PHONE_LEAD_MIN * 60_000).toISOString())} 起可见`}`}
      </Text>
      {item.report ? (
        <Text>
          服务情况：{item.report}（{item.hours} 小时
          {item.hoursConfirmed ? '，已确认' : '，待团委确认'}）
        </Text>
      ) : null}
      {item.rating ? (
        <Text>
          评价：{'★'.repeat(item.rating)}
          {item.ratingComment ? ` ${item.ratingComment}` : ''}
        </Text>
      ) : null}
      {item.reason ? <Text className="muted">说明：{item.reason}</Text> : null}
      <View className="request-card__timeline">
        {item.timeline.map((e, i) => (
          <Text key={i} className="muted request-card__event">
            {formatInstant(e.at, 'M月D日 HH:mm')}{' '}
            {REQUEST_STATE_LABELS[e.toState as keyof typeof REQUEST_STATE_LABELS] ?? e.toState}
            {e.note ? ` · ${e.note}` : ''}
          </Text>
        ))}
      </View>
      {role === 'committee' &&
      onConfirmHours &&
      item.hours &&
      !item.hoursConfirmed &&
      (item.state === 'done' || item.state === 'rated') ? (
        <Button
          className="btn btn-primary request-card__btn"
          onClick={() => onConfirmHours(item)}
          data-testid={`confirm-request-hours-${item.id}`}
        >
          确认 {item.hours} 小时
        </Button>
      ) : null}
      {actions.length ? (
        <View className="request-card__actions">
          {actions.map((a) => (
            <Button
              key={a.action}
              className={`btn ${a.plain ? 'btn-plain' : 'btn-primary'} request-card__btn`}
              onClick={() =>
                NEEDS_FORM.includes(a.action) ? setForm(a.action) : send({ action: a.action })
              }
            >
              {a.label}
            </Button>
          ))}
        </View>
      ) : null}
      {form === 'complete' ? (
        <View className="request-card__form">
          <Input
            className="field-input"
            value={text}
            placeholder="服务情况（必填）"
            onInput={(e) => setText(e.detail.value)}
          />
          <Input
            className="field-input"
            type="number"
            value={minutes}
            placeholder={`服务分钟数（最多按预约的 ${item.durationMin} 分钟计）`}
            onInput={(e) => setMinutes(e.detail.value)}
          />
          <Button
            className="btn btn-primary"
            onClick={() =>
              send({
                action: 'complete',
                report: text.trim(),
                minutes: Math.max(1, Math.round(Number(minutes) || 0)),
              })
            }
          >
            提交完成
          </Button>
        </View>
      ) : null}
      {form === 'rate' ? (
        <View className="request-card__form">
          <View className="request-card__stars">
            {[1, 2, 3, 4, 5].map((n) => (
              <Text
                key={n}
                className={`request-card__star ${n <= stars ? 'request-card__star--on' : ''}`}
                onClick={() => setStars(n)}
              >
                ★
              </Text>
            ))}
          </View>
          <Input
            className="field-input"
            value={text}
            placeholder="说说这次服务（选填）"
            onInput={(e) => setText(e.detail.value)}
          />
          <Button
            className="btn btn-primary"
            onClick={() =>
              send({
                action: 'rate',
                rating: stars,
                ...(text.trim() ? { comment: text.trim() } : {}),
              })
            }
          >
            提交评价
          </Button>
        </View>
      ) : null}
      {form === 'reject' ? (
        <View className="request-card__form">
          <Input
            className="field-input"
            value={text}
            placeholder="驳回原因（必填，居民可见）"
            onInput={(e) => setText(e.detail.value)}
          />
          <Button
            className="btn btn-primary"
            onClick={() => send({ action: 'reject', reason: text.trim() })}
          >
            确认驳回
          </Button>
        </View>
      ) : null}
      {form === 'dispatch' ? (
        <View className="request-card__form">
          <Button className="btn btn-plain" onClick={() => send({ action: 'dispatch' })}>
            派给全部志愿者
          </Button>
          {teams.map((t) => (
            <Button
              key={t.id}
              className="btn btn-plain request-card__team"
              onClick={() => send({ action: 'dispatch', teamId: t.id })}
            >
              派给 {t.name}
            </Button>
          ))}
          {picking ? (
            <VolunteerPicker
              onPick={(v) => {
                setPicking(false);
                send({ action: 'dispatch', volunteerId: v.id });
              }}
            />
          ) : (
            <Button
              className="btn btn-plain"
              onClick={() => setPicking(true)}
              data-testid="dispatch-named"
            >
              派给指定志愿者…
            </Button>
          )}
        </View>
      ) : null}
    </View>
  );
}
