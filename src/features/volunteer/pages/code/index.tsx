import { useEffect, useRef, useState } from 'react';
import Taro, { useLoad, useUnload } from '@tarojs/taro';
import { Image, Text, View } from '@tarojs/components';
import { fetchCheckinCode, fetchCheckinSecret } from '../../api';
import { mintOfflineCode } from '../../offline/code';
import { qrPngDataUrl } from '../../offline/qr-image';
import { heldSecret, keepSecret, type HeldSecret } from '../../offline/secrets';
import { formatInstant } from '@/contract/beijing-time';
import './index.scss';
import { PageRoot } from '@/components/page-root';
import { StaffOnly, isStaff } from '@/components/staff-only';
import { useSession } from '@/lib/session';
import { codeImage } from '@/lib/wxacode';

interface ShownCode {
  token: string;
  refreshAt: string;
  qrDataUrl: string;
  /** Only a code from the server has a 小程序码; one minted on this phone is a plain QR. */
  wxacodeUrl: string | null;
}

/** The code of the current step, minted on this phone from the shift's secret, on server time. */
function localCode(held: HeldSecret): ShownCode {
  const { token, refreshAt } = mintOfflineCode(
    held.secret,
    held.shiftId,
    Date.now() + held.offsetMs,
  );
  return { token, refreshAt, qrDataUrl: qrPngDataUrl(token), wxacodeUrl: null };
}

/** The secret's code when the phone holds the secret; else the server's rotating code. */
const codeFor = (held: HeldSecret | null, shiftId: string): Promise<ShownCode> =>
  held ? Promise.resolve(localCode(held)) : fetchCheckinCode(shiftId);

/**
 * The organizer's full-screen rotating check-in code. With the shift's secret on the phone
 * (fetched when the page opens online, kept until check-out closes) it mints each 30-second code
 * itself, so the screen works without network for the whole shift; without the secret it fetches
 * each code from the server. A photo of the screen stops working within a minute either way.
 * In the weapp build the native <checkin-code> draws it and asks for the next code itself.
 */
const NATIVE = process.env.TARO_ENV === 'weapp';
export default function CodePage() {
  const staff = useSession((s) => isStaff(s.user?.role));
  const [shiftId, setShiftId] = useState('');
  const [title, setTitle] = useState('');
  const [held, setHeld] = useState<HeldSecret | null>(null);
  const [secretTried, setSecretTried] = useState(false);
  const [code, setCode] = useState<ShownCode | null>(null);
  const [seconds, setSeconds] = useState(0);
  const alive = useRef(true);
  useUnload(() => {
    alive.current = false;
  });
  useLoad(() => {
    const p = (Taro.getCurrentInstance().router?.params ?? {}) as Record<string, string>;
    setShiftId(p.shiftId);
    setTitle(decodeURIComponent(p.title ?? ''));
    // the secret kept from an earlier visit, in the same render as the shift: the first code
    // is then minted here, not asked of a server that may be out of reach
    setHeld(heldSecret(p.shiftId));
  });

  // a fresh secret (and a fresh clock offset) whenever the network allows
  useEffect(() => {
    if (!staff || !shiftId) return;
    fetchCheckinSecret(shiftId)
      .then(
        (s) => alive.current && setHeld(keepSecret(s)),
        () => undefined, // offline, or too early: keep what the phone has
      )
      .finally(() => alive.current && setSecretTried(true));
  }, [staff, shiftId]);

  // weapp: the native component fires `refresh` (at once, then at each window's end)
  const refresh = () => {
    if (staff && shiftId)
      void codeFor(held, shiftId).then(
        (c) => alive.current && setCode(c),
        () => undefined,
      );
  };

  useEffect(() => {
    if (!staff || !shiftId || NATIVE) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    // a fetch still in flight when the secret arrives must not start a second loop of server codes
    let stopped = false;
    const offset = held?.offsetMs ?? 0;
    const load = async () => {
      try {
        const c = await codeFor(held, shiftId);
        if (!alive.current || stopped) return;
        setCode(c);
        timer = setTimeout(load, Math.max(1000, Date.parse(c.refreshAt) - (Date.now() + offset)));
      } catch {
        if (!stopped) timer = setTimeout(load, 5000); // keep trying: never freeze on an old code
      }
    };
    void load();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [staff, shiftId, held]);

  useEffect(() => {
    if (!code || NATIVE) return;
    const offset = held?.offsetMs ?? 0;
    const update = () =>
      setSeconds(
        Math.max(0, Math.ceil((Date.parse(code.refreshAt) - (Date.now() + offset)) / 1000)),
      );
    update();
    const id = setInterval(update, 1000);
    return () => clearInterval(id);
  }, [code, held]);

  if (!staff) return <StaffOnly />;

  return (
    <PageRoot className="volunteer-code" testId="page-volunteer-code">
      <Text className="volunteer-code__title">{title || '现场签到'}</Text>
      <Text className="muted">
        {NATIVE
          ? '请志愿者用微信扫一扫，或「我的志愿 → 签到」扫描下方小程序码'
          : '请志愿者用「我的志愿 → 签到」扫描下方二维码'}
      </Text>
      {NATIVE ? (
        <checkin-code
          qr={code ? codeImage(code) : ''}
          token={code?.token ?? ''}
          refreshAt={code?.refreshAt ?? ''}
          serverOffset={held?.offsetMs ?? 0}
          title=""
          onRefresh={refresh}
        />
      ) : code ? (
        <>
          <Image className="volunteer-code__qr" src={code.qrDataUrl} />
          <Text className="volunteer-code__seconds">{seconds} 秒后更新，截图无效</Text>
          <Text className="volunteer-code__token" data-testid="checkin-token" userSelect>
            {code.token}
          </Text>
        </>
      ) : (
        <Text className="muted">{secretTried ? '网络不可用，正在重试…' : '正在获取签到码…'}</Text>
      )}
      {held ? (
        <View className="volunteer-code__offline" data-testid="code-offline-ready">
          <Text>
            离线可用：本班次签到码已保存在手机上，断网也能签到（至{' '}
            {formatInstant(held.usableUntil, 'M月D日 HH:mm')}）
          </Text>
        </View>
      ) : secretTried ? (
        <View className="volunteer-code__offline volunteer-code__offline--missing">
          <Text>未保存离线签到码：活动前 24 小时内联网打开本页一次，现场断网也能出示签到码。</Text>
        </View>
      ) : null}
    </PageRoot>
  );
}
