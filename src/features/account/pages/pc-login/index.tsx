import { useEffect, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import type { QrTicketInfo } from '@/contract/qr-login';
import { ticketFromScan } from '@/contract/qr-login-rules';
import { PageRoot } from '@/components/page-root';
import { ApiError } from '@/lib/api-error';
import { decideQrTicket, fetchQrTicket } from '../../qr-login-api';
import './index.scss';

type State =
  | { kind: 'scan' }
  | { kind: 'ask'; ticket: string; pc: QrTicketInfo }
  | { kind: 'done'; text: string };

const reason = (err: unknown) => (err instanceof ApiError ? err.message : '操作未完成，请重试');

/**
 * The phone's half of 扫码登录: scan the PC's code (or arrive with ?t= from it), see which computer
 * asks, confirm or refuse. Only organizers and admins get past the server's check.
 */
export default function PcLoginPage() {
  const { params } = useRouter();
  const [state, setState] = useState<State>({ kind: 'scan' });
  const [busy, setBusy] = useState(false);

  const look = async (ticket: string) => {
    try {
      setState({ kind: 'ask', ticket, pc: await fetchQrTicket(ticket) });
    } catch (err) {
      setState({ kind: 'done', text: reason(err) });
    }
  };

  useEffect(() => {
    if (params.t) void look(params.t);
  }, [params.t]);

  const scan = async () => {
    const res = await Taro.scanCode({ onlyFromCamera: true, scanType: ['qrCode'] }).catch(
      () => null,
    );
    if (!res) return;
    const ticket = ticketFromScan(res.result);
    if (ticket) void look(ticket);
    else void Taro.showToast({ title: '这不是青年汇电脑端的登录二维码', icon: 'none' });
  };

  const decide = async (ticket: string, confirm: boolean) => {
    setBusy(true);
    try {
      await decideQrTicket(ticket, confirm);
      setState({
        kind: 'done',
        text: confirm ? '已确认，电脑上即将进入工作台' : '已取消，电脑不会登录',
      });
    } catch {
      // request() has shown the reason (expired, already used)
    } finally {
      setBusy(false);
    }
  };

  return (
    <PageRoot className="pc-login" testId="page-pc-login">
      {state.kind === 'scan' ? (
        <View className="card pc-login__card">
          <Text className="pc-login__title">在电脑上打开青年汇工作台</Text>
          <Text className="muted">电脑浏览器打开工作台登录页，用手机扫描页面上的二维码。</Text>
          <Button className="btn btn-primary pc-login__btn" onClick={scan}>
            扫一扫
          </Button>
        </View>
      ) : null}
      {state.kind === 'ask' ? (
        <View className="card pc-login__card">
          <Text className="pc-login__title">在电脑上登录青年汇工作台？</Text>
          <Text className="pc-login__line">电脑 IP：{state.pc.ipMasked}</Text>
          <Text className="pc-login__line">浏览器：{state.pc.browser}</Text>
          <Text className="muted">如果不是你本人在电脑前操作，请取消。</Text>
          <Button
            className={`btn btn-primary pc-login__btn ${busy ? 'btn--busy' : ''}`}
            disabled={busy}
            onClick={() => decide(state.ticket, true)}
          >
            确认登录
          </Button>
          <Button
            className="btn btn-text"
            disabled={busy}
            onClick={() => decide(state.ticket, false)}
          >
            取消登录
          </Button>
        </View>
      ) : null}
      {state.kind === 'done' ? (
        <View className="card pc-login__card">
          <Text className="pc-login__title">{state.text}</Text>
          <Button
            className="btn btn-plain pc-login__btn"
            onClick={() => setState({ kind: 'scan' })}
          >
            再扫一次
          </Button>
        </View>
      ) : null}
    </PageRoot>
  );
}
