import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Button } from '@tarojs/components';

interface Props {
  verified: boolean;
  /** Sends WeChat's one-time code to the server, which asks WeChat for the number. */
  onCode: (code: string) => Promise<unknown>;
}

/**
 * 手机号快速验证 (weapp only): WeChat shows the user's own number and, if they agree, hands over
 * a one-time code; nothing is typed. Refusing leaves the typed field below, as in the H5 build.
 */
export function WechatPhoneButton({ verified, onCode }: Props) {
  const [busy, setBusy] = useState(false);
  const onGetPhoneNumber = async (e: { detail: { code?: string; errMsg?: string } }) => {
    const code = e.detail?.code;
    if (!code) {
      void Taro.showToast({
        title: '未授权手机号，可在下方手动填写',
        icon: 'none',
        duration: 2500,
      });
      return;
    }
    setBusy(true);
    try {
      await onCode(code);
    } catch {
      // the request already showed why; the typed field stays
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button
      className="btn btn-plain profile-form__wechat-phone"
      openType="getPhoneNumber"
      onGetPhoneNumber={onGetPhoneNumber}
      disabled={busy}
      loading={busy}
      data-testid="wechat-phone"
    >
      {verified ? '更换为微信绑定的手机号' : '使用微信绑定的手机号'}
    </Button>
  );
}
