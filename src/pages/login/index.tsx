import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Button, Input, Text, View } from '@tarojs/components';
import type { Role, Session } from '@/contract/account';
import { devLogin, wechatLogin } from '@/features/account/api';
import { useSession } from '@/lib/session';
import './index.scss';
import { PageRoot } from '@/components/page-root';
import { useWidePublicPage, WIDE_MIN_WIDTH } from '@/components/use-wide-public-page';
import { QrLoginCard } from './qr-login-card';

const ROLES: { role: Role; label: string }[] = [
  { role: 'resident', label: '居民' },
  { role: 'organizer', label: '组织者' },
  { role: 'admin', label: '管理员' },
];

const ORGANIZER_HOME = '/features/organizer/pages/index/index';
const CONSOLE = '/features/console/pages/index/index';

/**
 * A PC session belongs to a staff member: straight to their desk — the console on a PC-wide
 * window, the organizer pages in a narrow one (the console needs WIDE_MIN_WIDTH).
 */
function afterQrSignIn(session: Session) {
  useSession.getState().signIn(session);
  const wide = typeof window !== 'undefined' && window.innerWidth >= WIDE_MIN_WIDTH;
  void Taro.redirectTo({ url: wide ? CONSOLE : ORGANIZER_HOME });
}

function afterSignIn(session: Session) {
  useSession.getState().signIn(session);
  if (!session.user.profileComplete) {
    void Taro.redirectTo({ url: '/features/account/pages/profile/index' });
  } else if (Taro.getCurrentPages().length > 1) {
    void Taro.navigateBack();
  } else {
    void Taro.switchTab({ url: '/pages/home/index' });
  }
}

export default function Login() {
  const [openid, setOpenid] = useState('demo-resident');
  const [role, setRole] = useState<Role>('resident');
  const [busy, setBusy] = useState(false);
  // staff open this page on a PC to scan in: brand and QR side by side, not a phone column
  useWidePublicPage();

  const run = async (signIn: () => Promise<Session>) => {
    setBusy(true);
    try {
      afterSignIn(await signIn());
    } catch {
      // request() has already shown the reason
    } finally {
      setBusy(false);
    }
  };

  const onWechat = () =>
    run(async () => {
      const { code } = await Taro.login();
      return wechatLogin(code);
    });

  return (
    <PageRoot className="login">
      <View className="login__brand">
        <Text className="login__logo">青</Text>
        <Text className="login__title">青年汇</Text>
        <Text className="muted">夜校 · 驿站 · 托班 · 志愿，一站办理</Text>
      </View>

      {process.env.TARO_ENV === 'weapp' ? (
        <Button
          className={`btn btn-primary ${busy ? 'btn--busy' : ''}`}
          disabled={busy}
          onClick={onWechat}
        >
          微信一键登录
        </Button>
      ) : (
        <QrLoginCard onSignedIn={afterQrSignIn} />
      )}

      <View className="card login__dev">
        <Text className="login__dev-title">演示登录</Text>
        <Text className="muted">用于 H5 管理端、测试与演示；正式环境不开放。</Text>
        <View className="field">
          <Text className="field-label">账号标识</Text>
          <Input
            className="field-input"
            id="login-openid"
            value={openid}
            maxlength={64}
            onInput={(e) => setOpenid(e.detail.value)}
          />
        </View>
        <View className="login__roles">
          {ROLES.map((r) => (
            <View
              key={r.role}
              className={`login__role ${role === r.role ? 'login__role--on' : ''}`}
              onClick={() => setRole(r.role)}
            >
              {r.label}
            </View>
          ))}
        </View>
        <Button
          className={`btn btn-plain ${busy ? 'btn--busy' : ''}`}
          id="login-dev"
          disabled={busy || openid.trim() === ''}
          onClick={() => run(() => devLogin(openid.trim(), role))}
        >
          演示登录
        </Button>
      </View>
    </PageRoot>
  );
}
