// 我的托班: every enrollment with its state, waitlist place, offer to accept, a paid class's 待支付
// hold with its countdown and 去支付, what comes next once enrolled, pick-up codes per guardian and
// the door log.
import { useEffect, useState } from 'react';
import { formatInstant } from '@/contract/beijing-time';
import Taro, { useDidShow } from '@tarojs/taro';
import { Button, Image, Text, View } from '@tarojs/components';
import type { MyEnrollment } from '@/contract/childcare';
import { periodStarted, siteLabel } from '@/contract/childcare-rules';
import { EmptyState } from '@/components/empty-state';
import { LoadFailed } from '@/components/load-failed';
import { useLoadStatus } from '@/lib/use-load-status';
import { formatFee } from '@/contract/refund-rule';
import { PayHold } from '@/components/pay-hold';
import { payForHold } from '@/lib/pay';
import { enrollmentAction, payForEnrollment } from '../../api';
import { EnrolledGuide } from '../../components/enrolled-guide';
import { useChildcare } from '../../store';
import './index.scss';
import { PageRoot } from '@/components/page-root';

const STATUS: Record<MyEnrollment['status'], string> = {
  enrolled: '已报名',
  waitlisted: '候补中',
  offered: '补位待确认',
  cancelled: '已取消',
  left: '已退出候补',
  declined: '已放弃补位',
  expired: '补位已过期',
};

export default function MinePage() {
  const { mine, loadMine, serverOffset } = useChildcare();
  const [showCode, setShowCode] = useState<string | null>(null);
  const { status, error, run: reload } = useLoadStatus(loadMine);
  useDidShow(() => void reload());
  // a 待支付 hold counts down by the second (on the server's clock)
  const [, setTick] = useState(0);
  const holding = mine.some((e) => e.payment?.state === 'hold');
  useEffect(() => {
    if (!holding) return undefined;
    const timer = setInterval(() => setTick((n) => n + 1), 1_000);
    return () => clearInterval(timer);
  }, [holding]);

  const act = async (e: MyEnrollment, action: 'cancel' | 'accept' | 'decline') => {
    const confirmText = {
      cancel:
        e.status === 'waitlisted' ? '确定退出候补？' : '确定取消报名？名额将立即让给候补家庭。',
      accept: '',
      decline: '放弃后不会再次排队，确定放弃？',
    }[action];
    if (confirmText) {
      const { confirm } = await Taro.showModal({ title: '请确认', content: confirmText });
      if (!confirm) return;
    }
    try {
      const done = await enrollmentAction(e.id, action);
      void Taro.showToast({
        // a paid class: accepting holds the seat until it is paid
        title:
          action !== 'accept'
            ? '已处理'
            : done.status === 'offered'
              ? '名额已保留，请支付'
              : '已确认入班',
        icon: 'success',
      });
    } catch {
      // toast already shown
    }
    await reload();
  };

  const onPay = async (e: MyEnrollment) => {
    if (await payForHold(() => payForEnrollment(e.id))) await reload();
  };

  const now = new Date(Date.now() + serverOffset);
  return (
    <PageRoot className="cc-mine" testId="page-childcare-mine">
      {status === 'error' && mine.length === 0 ? (
        <LoadFailed error={error} onRetry={() => void reload()} />
      ) : null}
      {status === 'ready' && mine.length === 0 ? (
        <EmptyState title="还没有托班报名" detail="在托班首页选择班级报名" />
      ) : null}
      {mine.map((e) => (
        <View key={e.id} className="card cc-mine__item" data-testid={`cc-mine-${e.id}`}>
          <View className="cc-mine__head">
            <Text className="cc-mine__child">{e.childName}</Text>
            <Text className={`cc-mine__status cc-mine__status--${e.status}`}>
              {e.payment?.state === 'hold' ? '待支付' : STATUS[e.status]}
              {e.payment?.state === 'paid' ? ' · 已支付' : ''}
              {e.position ? ` · 第 ${e.position} 位` : ''}
            </Text>
          </View>
          <Text className="cc-mine__line">
            {e.programmeName} {e.class.periodName}（{e.class.startsOn.slice(5)} 至{' '}
            {e.class.endsOn.slice(5)}）
          </Text>
          <Text className="cc-mine__line">
            {siteLabel(e.class.siteName)} · {e.class.name}
          </Text>
          {e.payment?.state === 'hold' && e.payment.holdExpiresAt ? (
            <PayHold
              feeLabel={
                e.payment.amountFen && e.payment.amountFen !== e.payment.priceFen
                  ? '全家托班费'
                  : '托班费'
              }
              feeFen={e.payment.amountFen ?? e.payment.priceFen}
              deadline={e.payment.holdExpiresAt}
              now={now.getTime()}
              onPay={() => void onPay(e)}
              onGiveUp={() => void act(e, 'cancel')}
              giveUpText="取消报名"
            />
          ) : null}
          {e.payment?.state === 'paid' ? (
            <Text className="muted cc-mine__line" data-testid="cc-paid">
              本孩子托班费 {formatFee(e.payment.priceFen)}
              {/* siblings paid once: the family's one amount */}
              {e.payment.amountFen && e.payment.amountFen !== e.payment.priceFen
                ? `（全家合计 ${formatFee(e.payment.amountFen)}，已一次付清）`
                : ''}
            </Text>
          ) : null}
          {e.payment?.state === 'refunding' || e.payment?.state === 'refunded' ? (
            <Text className="muted cc-mine__line" data-testid="cc-refund">
              {e.payment.state === 'refunded' ? '已退款' : '退款中'}{' '}
              {formatFee(e.payment.refundFen ?? 0)}（原路退回微信）
            </Text>
          ) : null}
          {e.status === 'offered' && e.offerExpiresAt && e.payment?.state !== 'hold' ? (
            <View className="cc-mine__offer">
              <Text>
                有名额空出！请在 {formatInstant(e.offerExpiresAt, 'M月D日 HH:mm')}{' '}
                前确认，逾期名额将顺延给下一位。
                {e.payment?.state === 'offer'
                  ? `托班费 ${formatFee(e.payment.priceFen)}，确认后请在支付时限内完成支付。`
                  : ''}
              </Text>
              <View className="cc-mine__buttons">
                <Button
                  className="btn btn-primary"
                  onClick={() => void act(e, 'accept')}
                  data-testid="cc-accept"
                >
                  确认入班
                </Button>
                <Button className="btn btn-text" onClick={() => void act(e, 'decline')}>
                  放弃
                </Button>
              </View>
            </View>
          ) : null}
          {e.status === 'enrolled' ? (
            <EnrolledGuide cls={e.class} started={periodStarted(e.class.startsOn, now)} />
          ) : null}
          {e.status === 'enrolled' ? (
            <View className="cc-mine__codes">
              <Text className="cc-mine__sub">接送码（授权接送人出示，工作人员扫码登记）</Text>
              {e.pickupCodes.length === 0 ? (
                <Text className="muted">还没有授权接送人，请在“孩子资料”中添加</Text>
              ) : null}
              {e.pickupCodes.map((p) => (
                <View key={p.guardianId} className="cc-mine__code">
                  <Text
                    onClick={() =>
                      setShowCode(
                        showCode === `${e.id}-${p.guardianId}` ? null : `${e.id}-${p.guardianId}`,
                      )
                    }
                    className="cc-mine__code-name"
                  >
                    {p.guardianName}（{p.relation}）
                    {showCode === `${e.id}-${p.guardianId}` ? '收起' : '出示接送码 ›'}
                  </Text>
                  {showCode === `${e.id}-${p.guardianId}` ? (
                    <Image className="cc-mine__qr" src={p.qr} />
                  ) : null}
                </View>
              ))}
              {e.attendance.length ? (
                <View>
                  <Text className="cc-mine__sub">接送记录</Text>
                  {e.attendance.map((a) => (
                    <Text key={a.recordedAt + a.kind} className="muted cc-mine__line">
                      {a.day} {formatInstant(a.recordedAt, 'HH:mm')}{' '}
                      {a.kind === 'drop_off' ? '入园' : '接走'}
                      {a.guardianName ? ` · ${a.guardianName}` : ''}
                    </Text>
                  ))}
                </View>
              ) : null}
            </View>
          ) : null}
          {e.notices.map((n) => (
            <Text key={n.id} className="cc-mine__notice cc-mine__notice--site">
              📢 {formatInstant(n.createdAt, 'M月D日 HH:mm')} {n.body}
            </Text>
          ))}
          {e.notice && e.status === 'enrolled' ? (
            <Text className="muted cc-mine__notice">家长须知：{e.notice}</Text>
          ) : null}
          {/* an offer is given up with its own 放弃, a hold with the card's 取消报名 */}
          {['enrolled', 'waitlisted'].includes(e.status) &&
          (e.status === 'waitlisted' || !periodStarted(e.class.startsOn, now)) ? (
            <Button
              className="btn btn-text"
              onClick={() => void act(e, 'cancel')}
              data-testid="cc-cancel"
            >
              {e.status === 'waitlisted' ? '退出候补' : '取消报名'}
            </Button>
          ) : null}
        </View>
      ))}
    </PageRoot>
  );
}
