import { useState } from 'react';
import Taro, { useLoad } from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import type { Scene } from '@/contract/wxacode';
import { ApiError } from '@/lib/api-error';
import { fetchScene, landingUrl } from '@/lib/wxacode';
import { PageRoot } from '@/components/page-root';
import './index.scss';

type State =
  { phase: 'loading' } | { phase: 'choose'; scene: Scene } | { phase: 'failed'; message: string };

/**
 * Where a 小程序码 scanned with WeChat's own scanner lands: WeChat passes the code's `scene`
 * (URL-encoded) as the query parameter `scene`; the server says what it stands for, and the page
 * opens the one that handles it. A volunteer says whether they are arriving or leaving.
 */
export default function LandingPage() {
  const [state, setState] = useState<State>({ phase: 'loading' });

  useLoad(() => {
    const params = (Taro.getCurrentInstance().router?.params ?? {}) as Record<string, string>;
    const scene = decodeURIComponent(params.scene ?? '');
    if (!scene) {
      setState({ phase: 'failed', message: '二维码无效，请重新扫描现场的二维码' });
      return;
    }
    fetchScene(scene).then(
      (s) => {
        if (s.target === 'volunteer-checkin') setState({ phase: 'choose', scene: s });
        else void Taro.redirectTo({ url: landingUrl(s) });
      },
      (err) =>
        setState({
          phase: 'failed',
          message: err instanceof ApiError ? err.message : '网络不给力，请稍后重新扫码',
        }),
    );
  });

  return (
    <PageRoot className="landing" testId="page-landing">
      <View className="card landing__card">
        {state.phase === 'loading' ? <Text className="muted">正在打开…</Text> : null}
        {state.phase === 'failed' ? (
          <>
            <Text className="landing__message" data-testid="landing-error">
              {state.message}
            </Text>
            <Button
              className="btn btn-plain"
              onClick={() => void Taro.switchTab({ url: '/pages/home/index' })}
            >
              返回首页
            </Button>
          </>
        ) : null}
        {state.phase === 'choose' ? (
          <>
            <Text className="landing__title">志愿服务现场签到</Text>
            <Button
              className="btn btn-primary landing__btn"
              data-testid="landing-in"
              onClick={() => void Taro.redirectTo({ url: landingUrl(state.scene, 'in') })}
            >
              我到了，签到
            </Button>
            <Button
              className="btn btn-plain landing__btn"
              data-testid="landing-out"
              onClick={() => void Taro.redirectTo({ url: landingUrl(state.scene, 'out') })}
            >
              我要离开，签退
            </Button>
          </>
        ) : null}
      </View>
    </PageRoot>
  );
}
