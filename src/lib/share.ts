import { useShareAppMessage, useShareTimeline } from '@tarojs/taro';

/** The path a shared card opens: the page itself with the item's id, so a cold start lands on it. */
export function sharePath(page: string, id: string): string {
  return `${page}?id=${encodeURIComponent(id)}`;
}

/**
 * Share to a chat and to 朋友圈 for a public detail page (course, class, station, task); its
 * config sets `enableShareAppMessage` and `enableShareTimeline`, which WeChat needs to offer them.
 * 朋友圈 opens the page alone (WeChat's 单页模式: no sign-in), which these pages allow: they show
 * the item to anyone and ask for sign-in only to act. `title` is read when the user shares, so it
 * is the loaded item's name.
 */
export function useSharePage(page: string, id: string, title: () => string | undefined): void {
  useShareAppMessage(() => ({ title: title(), path: sharePath(page, id) }));
  useShareTimeline(() => ({ title: title(), query: `id=${encodeURIComponent(id)}` }));
}
