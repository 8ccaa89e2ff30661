import Taro, { useDidShow } from '@tarojs/taro';
import { Button, Switch, Text, View } from '@tarojs/components';
import { ListCell } from '@/components/list-cell';
import { SERVICES } from '@/components/services';
import { logout } from '@/features/account/api';
import { useAccount } from '@/features/account/store';
import { useMessages } from '@/features/messages/store';
import { ROLE_LABELS } from '@/contract/audit-actions';
import { useCareMode } from '@/lib/care-mode';
import { hasLiveSession, useSession } from '@/lib/session';
import './index.scss';
import { PageRoot } from '@/components/page-root';
import { Upcoming } from './upcoming';

const go = (url: string) => void Taro.navigateTo({ url });

/** 关怀模式 is for everyone, signed in or not: larger type for parents and older staff. */
function CareModeRow() {
  const on = useCareMode((s) => s.on);
  return (
    <View className="mine__list">
      <View className="mine__care">
        <View className="mine__care-text">
          <Text className="mine__care-title">关怀模式</Text>
          <Text className="muted">大字体、高对比、按钮更大</Text>
        </View>
        <Switch
          id="care-mode"
          checked={on}
          color="#1d4ed8"
          onChange={(e) => useCareMode.getState().set(e.detail.value)}
        />
      </View>
    </View>
  );
}

export default function Mine() {
  const signedIn = useSession((s) => hasLiveSession(s));
  const role = useSession((s) => s.user?.role);
  const me = useAccount((s) => s.me);
  const load = useAccount((s) => s.load);
  useDidShow(() => {
    if (signedIn) void load().catch(() => undefined);
  });

  const signOut = async () => {
    // the server revokes the token first (it needs it to know whose); signed out here whatever it answers
    await logout().catch(() => undefined);
    useSession.getState().signOut();
    useAccount.getState().reset();
    useMessages.getState().reset();
  };

  if (!signedIn) {
    return (
      <PageRoot className="mine">
        <View className="card mine__guest">
          <Text className="mine__name">尚未登录</Text>
          <Text className="muted">登录后查看预约、报名、时长与消息</Text>
          <Button className="btn btn-primary mine__login" onClick={() => go('/pages/login/index')}>
            登录 / 注册
          </Button>
        </View>
        <CareModeRow />
      </PageRoot>
    );
  }

  return (
    <PageRoot className="mine">
      <View
        className="card mine__header"
        onClick={() => go('/features/account/pages/profile/index')}
      >
        <View className="mine__avatar">{(me?.name ?? '青').slice(0, 1)}</View>
        <View className="mine__who">
          <Text className="mine__name">{me?.name ?? '未填写姓名'}</Text>
          <Text className="muted" data-testid="mine-id">
            {me?.idNumberMasked ? `已实名 ${me.idNumberMasked}` : '未实名，点此完善资料'}
          </Text>
        </View>
        {role ? <Text className="mine__role">{ROLE_LABELS[role]}</Text> : null}
      </View>

      <Upcoming />

      <Text className="section-title">我的服务</Text>
      <View className="mine__list">
        {SERVICES.map((s) => (
          <ListCell key={s.id} title={s.mine} onClick={() => go(s.url)} />
        ))}
      </View>

      {role === 'organizer' || role === 'admin' ? (
        <View className="mine__list">
          <ListCell
            title="组织者工作台"
            testId="organizer-entry"
            onClick={() => go('/features/organizer/pages/index/index')}
          />
        </View>
      ) : null}

      <View className="mine__list">
        <ListCell
          title="实名资料"
          note={me?.phoneMasked ?? ''}
          onClick={() => go('/features/account/pages/profile/index')}
        />
        <ListCell
          title="隐私与数据"
          testId="privacy-entry"
          onClick={() => go('/features/account/pages/privacy/index')}
        />
      </View>

      <CareModeRow />

      <Button className="btn btn-text mine__logout" onClick={signOut}>
        退出登录
      </Button>
    </PageRoot>
  );
}
