import { useEffect, useRef, useState } from 'react';
import Taro, { useLoad, useUnload } from '@tarojs/taro';
import { Image, Text } from '@tarojs/components';
import type { CheckinCode } from '@/contract/volunteer';
import { fetchCheckinCode } from '../../api';
import './index.scss';
import { PageRoot } from '@/components/page-root';
import { StaffOnly, isStaff } from '@/components/staff-only';
import { useSession } from '@/lib/session';
import { codeImage } from '@/lib/wxacode';

/**
 * The organizer's full-screen rotating check-in code. It fetches a new code when the current
 * window ends (the server says when), so a photo of the screen stops working within a minute.
 * In the weapp build the native <checkin-code> draws it and asks for the next code itself.
 */
const NATIVE = process.env.TARO_ENV === 'weapp';
export default function CodePage() {
  const staff = useSession((s) => isStaff(s.user?.role));
  const [shiftId, setShiftId] = useState('');
  const [title, setTitle] = useState('');
  const [code, setCode] = useState<CheckinCode | null>(null);
  const [seconds, setSeconds] = useState(0);
  const alive = useRef(true);
  useUnload(() => {
    alive.current = false;
  });
  useLoad(() => {
    const p = (Taro.getCurrentInstance().router?.params ?? {}) as Record<string, string>;
    setShiftId(p.shiftId);
    setTitle(decodeURIComponent(p.title ?? ''));
  });

  // weapp: the native component fires `refresh` (at once, then at each window's end)
  const refresh = () => {
    if (staff && shiftId)
      void fetchCheckinCode(shiftId).then(
        (c) => alive.current && setCode(c),
        () => undefined,
      );
  };

  useEffect(() => {
    if (!staff || !shiftId || NATIVE) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const load = async () => {
      try {
        const c = await fetchCheckinCode(shiftId);
        if (!alive.current) return;
        setCode(c);
        timer = setTimeout(load, Math.max(1000, Date.parse(c.refreshAt) - Date.now()));
      } catch {
        timer = setTimeout(load, 5000); // keep trying: the screen must not freeze on an old code
      }
    };
    void load();
    return () => {
      clearTimeout(timer);
    };
  }, [staff, shiftId]);

  useEffect(() => {
    if (!code || NATIVE) return;
    const update = () =>
      setSeconds(Math.max(0, Math.ceil((Date.parse(code.refreshAt) - Date.now()) / 1000)));
    update();
    const id = setInterval(update, 1000);
    return () => clearInterval(id);
  }, [code]);

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
        <Text className="muted">正在获取签到码…</Text>
      )}
    </PageRoot>
  );
}
