// Taro's real page hooks need a running Taro app; in jsdom they become plain effects that run
// once on mount, which is what a freshly opened page does.
import { useEffect } from 'react';
import * as taroH5 from '@tarojs/taro-h5';

type Callback = () => void;
// `fn` is deliberately read once: a page's mount hooks run once
const useOnMount = (fn: Callback) => useEffect(() => fn(), []); // eslint-disable-line react-hooks/exhaustive-deps

export const useLoad = useOnMount;
export const useDidShow = useOnMount;
export const useReady = useOnMount;
export const useDidHide = (_fn: Callback) => undefined;
export const useUnload = (fn: Callback) => useEffect(() => fn, []); // eslint-disable-line react-hooks/exhaustive-deps
/**
 * The page's latest pull-down and share handlers, as WeChat would call them; a test calls
 * `pageHandlers.pullDownRefresh!()` to pull the page down, or `shareAppMessage!()` to share it.
 */
export const pageHandlers: {
  pullDownRefresh?: Callback;
  shareAppMessage?: () => unknown;
  shareTimeline?: () => unknown;
} = {};
export const usePullDownRefresh = (fn: Callback) => void (pageHandlers.pullDownRefresh = fn);
export const useShareAppMessage = (fn: () => unknown) => void (pageHandlers.shareAppMessage = fn);
export const useShareTimeline = (fn: () => unknown) => void (pageHandlers.shareTimeline = fn);
export const useReachBottom = (_fn: Callback) => undefined;

// taro-h5 exports its APIs by name; the app uses `Taro.x`, so gather them on one object that
// tests can spy on.
const Taro = {
  ...(taroH5 as Record<string, unknown>),
  ...((taroH5 as { default?: object }).default ?? {}),
};

// the page's route as Taro.getCurrentInstance() has it, which a test sets with jest.spyOn
export const useRouter = () =>
  (Taro.getCurrentInstance as () => { router?: { params: Record<string, string> } })().router ?? {
    params: {},
  };

export default Object.assign(Taro, {
  useLoad,
  useDidShow,
  useReady,
  useDidHide,
  useUnload,
  usePullDownRefresh,
  useShareAppMessage,
  useShareTimeline,
  useReachBottom,
  useRouter,
});
