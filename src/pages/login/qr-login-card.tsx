import { useEffect, useState } from 'react';
import { Button, Image, Text, View } from '@tarojs/components';
import type { Session } from '@/contract/account';
import type { QrTicket } from '@/contract/qr-login';
import { createQrTicket, pollQrTicket } from '@/features/account/qr-login-api';

const POLL_MS = 2000;

type Phase =
  | { kind: 'loading' }
  | { kind: 'waiting'; qr: QrTicket }
  | { kind: 'over'; why: string }
  | { kind: 'failed' };

/**
 * 扫码登录 on the PC: shows a 2-minute QR code for the mini-program to scan, and polls with the
 * secret only this page holds until a staff member confirms on the phone (then signs in), refuses
 * or lets it expire (then offers a fresh code).
 */
export function QrLoginCard({ onSignedIn }: { onSignedIn: (session: Session) => void }) {
  const [phase, setPhase] = useState<Phase>({ kind: 'loading' });
  const [round, setRound] = useState(0);

  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const next = (qr: QrTicket) => {
      timer = setTimeout(async () => {
        const result = await pollQrTicket(qr.ticket, qr.secret).catch(() => null);
        if (stopped) return;
        if (result?.status === 'confirmed' && result.session) return onSignedIn(result.session);
        if (result?.status === 'refused')
          return setPhase({ kind: 'over', why: '已在手机上取消登录' });
        if (result?.status === 'expired') return setPhase({ kind: 'over', why: '二维码已过期' });
        if (!result) return setPhase({ kind: 'over', why: '二维码已失效' });
        next(qr);
      }, POLL_MS);
    };
    setPhase({ kind: 'loading' });
    createQrTicket().then(
      (qr) => {
        if (stopped) return;
        setPhase({ kind: 'waiting', qr });
        next(qr);
      },
      () => !stopped && setPhase({ kind: 'failed' }),
    );
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [round, onSignedIn]);

  return (
    <View className="card login__qr" data-testid="qr-login">
      <Text className="login__qr-title">扫码登录工作台</Text>
      <Text className="muted">
        请用青年汇小程序「组织者工作台 → 扫码登录电脑端」扫描下方二维码，并在手机上确认。
      </Text>
      <View className="login__qr-box">
        {phase.kind === 'waiting' ? (
          <Image className="login__qr-img" src={phase.qr.qrDataUrl} data-testid="qr-login-image" />
        ) : null}
        {phase.kind === 'loading' ? <Text className="muted">正在生成二维码…</Text> : null}
        {phase.kind === 'over' || phase.kind === 'failed' ? (
          <View className="login__qr-over">
            <Text className="login__qr-why">
              {phase.kind === 'over' ? phase.why : '二维码生成失败'}
            </Text>
            <Button className="btn btn-plain" onClick={() => setRound((n) => n + 1)}>
              刷新二维码
            </Button>
          </View>
        ) : null}
      </View>
      <Text className="muted login__qr-note">
        二维码 2 分钟内有效，仅限组织者和管理员；登录后 12 小时内有效。
      </Text>
    </View>
  );
}
