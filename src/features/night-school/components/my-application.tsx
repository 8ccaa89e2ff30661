import { Button, Text, View } from '@tarojs/components';
import type { MyApplication } from '@/contract/night-school';
import { formatSessionDate, WEEKDAY_LABELS } from '@/contract/night-school-rules';
import { formatInstant } from '@/contract/beijing-time';
import { PayHold, remaining } from '@/components/pay-hold';
import { STATUS_TEXT, STATUS_TONE } from '../status';
import './my-application.scss';

interface Props {
  item: MyApplication;
  now: number;
  onAct: (id: string, action: 'confirm' | 'decline' | 'withdraw') => void;
  /** 去支付: a paid course's offer is confirmed by paying. */
  onPay: (id: string) => void;
}

const ATT_TEXT = {
  present: '已签到',
  absent: '缺勤',
  upcoming: '未开始',
  unmarked: '待记录',
} as const;

/** One application in 我的夜校: result with its reason, the offer with a countdown, sessions and attendance. */
export function MyApplicationCard({ item, now, onAct, onPay }: Props) {
  const { application: a, course: c } = item;
  const tone = STATUS_TONE[a.status];
  const toPay = a.status === 'offered' && c.feeFen > 0;
  return (
    <View className="card ns-my" data-testid={`my-${a.id}`}>
      <View className="ns-my__head">
        <Text className="ns-my__title">{c.title}</Text>
        <Text className={`ns-my__status ns-my__status--${tone}`}>
          {toPay ? '待支付' : STATUS_TEXT[a.status]}
        </Text>
      </View>
      <Text className="muted">
        {WEEKDAY_LABELS[c.weekday]} {c.startTime}–{c.endTime} · {c.venueName}
      </Text>
      {a.reason ? <Text className="ns-my__reason">{a.reason}</Text> : null}
      {a.status === 'waitlisted' && a.waitPosition ? (
        <Text className="ns-my__reason">当前候补第 {a.waitPosition} 位</Text>
      ) : null}
      {toPay && a.offerExpiresAt ? (
        <PayHold
          feeLabel="学费"
          feeFen={c.feeFen}
          deadline={a.offerExpiresAt}
          now={now}
          onPay={() => onPay(a.id)}
          onGiveUp={() => onAct(a.id, 'decline')}
        />
      ) : null}
      {!toPay && a.status === 'offered' && a.offerExpiresAt ? (
        <View className="ns-my__offer">
          <Text className="ns-my__deadline" data-testid="offer-deadline">
            请在 {formatInstant(a.offerExpiresAt)} 前确认（剩 {remaining(a.offerExpiresAt, now)}
            ），逾期名额将顺延给候补
          </Text>
          <Button className="btn btn-primary" onClick={() => onAct(a.id, 'confirm')}>
            确认上课
          </Button>
          <Button className="btn btn-text" onClick={() => onAct(a.id, 'decline')}>
            放弃名额
          </Button>
        </View>
      ) : null}
      {a.status === 'applied' ? (
        <Button className="btn btn-text" onClick={() => onAct(a.id, 'withdraw')}>
          撤回报名
        </Button>
      ) : null}
      {a.status === 'waitlisted' ? (
        <Button className="btn btn-text" onClick={() => onAct(a.id, 'withdraw')}>
          退出候补
        </Button>
      ) : null}
      {item.attendance.length > 0 ? (
        <View className="ns-my__sessions">
          {item.attendance.map((s) => (
            <View key={s.sessionNo} className="ns-my__session">
              <Text>
                第{s.sessionNo}次 {formatSessionDate(s.date)}
              </Text>
              <Text className={`ns-my__att ns-my__att--${s.status}`}>{ATT_TEXT[s.status]}</Text>
            </View>
          ))}
        </View>
      ) : null}
    </View>
  );
}
