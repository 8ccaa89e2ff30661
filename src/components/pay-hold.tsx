// A 待支付 hold, shared by every service that sells seats (夜校, 托班): what to pay, the deadline with
// a countdown on the server's clock, 去支付 and the way to give the seat up.
import { Button, Text, View } from '@tarojs/components';
import { formatInstant } from '@/contract/beijing-time';
import { formatFee } from '@/contract/refund-rule';
import './pay-hold.scss';

interface Props {
  /** what the money is for, e.g. 学费 or 托班费 */
  feeLabel: string;
  feeFen: number;
  /** the hold's end (ISO, from the server) */
  deadline: string;
  /** the server's now, in ms */
  now: number;
  onPay: () => void;
  onGiveUp: () => void;
  giveUpText?: string;
}

/** Hours and minutes left, or 已到期. */
export function remaining(untilIso: string, now: number): string {
  const ms = Date.parse(untilIso) - now;
  if (ms <= 0) return '已到期';
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  return h > 0 ? `${h}小时${m}分` : `${m}分钟`;
}

/** A hold's last hour to the second (29:59), so the payer sees it move. */
export function countdown(untilIso: string, now: number): string {
  const s = Math.floor((Date.parse(untilIso) - now) / 1000);
  if (s >= 3600) return remaining(untilIso, now);
  if (s <= 0) return '已到期';
  return `${String(Math.floor(s / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
}

export function PayHold(p: Props) {
  return (
    <View className="pay-hold">
      <Text className="pay-hold__deadline" data-testid="pay-deadline">
        {p.feeLabel} {formatFee(p.feeFen)}，请在 {formatInstant(p.deadline)} 前完成支付（剩{' '}
        {countdown(p.deadline, p.now)}），逾期名额将顺延给候补
      </Text>
      <Button className="btn btn-primary pay-hold__pay" onClick={p.onPay} data-testid="pay-button">
        去支付
      </Button>
      <Button className="btn btn-text" onClick={p.onGiveUp}>
        {p.giveUpText ?? '放弃名额'}
      </Button>
    </View>
  );
}
