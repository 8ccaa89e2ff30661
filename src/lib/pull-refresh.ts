import Taro, { usePullDownRefresh } from '@tarojs/taro';

/**
 * Pull-down refresh for a page showing live seats or beds (its config sets
 * `enablePullDownRefresh`): reloads past the one-second catalogue cache, and always folds the
 * spinner away, also when the reload failed (request() has shown why).
 */
export function usePullToRefresh(reload: () => Promise<unknown>): void {
  usePullDownRefresh(() => {
    reload()
      .catch(() => undefined)
      .finally(() => void Taro.stopPullDownRefresh());
  });
}
