import Taro from '@tarojs/taro';
import { create } from 'zustand';
import type { Message } from '@/contract/messages';
import { fetchMessages, fetchUnread, markAllRead, markRead } from './api';

const MESSAGES_TAB = 1;

/** The tab bar's red badge on 消息; WeChat shows at most '99+'. */
function showBadge(unread: number) {
  if (unread > 0)
    void Taro.setTabBarBadge({
      index: MESSAGES_TAB,
      text: unread > 99 ? '99+' : String(unread),
    }).catch(() => undefined);
  else void Taro.removeTabBarBadge({ index: MESSAGES_TAB }).catch(() => undefined);
}

interface MessagesState {
  items: Message[];
  unread: number;
  next: string | null;
  loaded: boolean;
  load: () => Promise<void>;
  loadMore: () => Promise<void>;
  open: (message: Message) => Promise<void>;
  readAll: () => Promise<void>;
  refreshBadge: () => Promise<void>;
  reset: () => void;
}

const empty = { items: [], unread: 0, next: null, loaded: false };

export const useMessages = create<MessagesState>()((set, get) => ({
  ...empty,
  load: async () => {
    const page = await fetchMessages();
    set({ items: page.items, unread: page.unread, next: page.next, loaded: true });
    showBadge(page.unread);
  },
  loadMore: async () => {
    const { next, items } = get();
    if (!next) return;
    const page = await fetchMessages(next);
    set({ items: [...items, ...page.items], unread: page.unread, next: page.next });
  },
  open: async (message) => {
    if (!message.read) {
      set((s) => ({
        items: s.items.map((m) => (m.id === message.id ? { ...m, read: true } : m)),
        unread: Math.max(0, s.unread - 1),
      }));
      showBadge(get().unread);
      await markRead(message.id).catch(() => undefined);
    }
    if (message.link) await Taro.navigateTo({ url: message.link }).catch(() => undefined);
  },
  readAll: async () => {
    await markAllRead();
    set((s) => ({ items: s.items.map((m) => ({ ...m, read: true })), unread: 0 }));
    showBadge(0);
  },
  refreshBadge: async () => {
    const { unread } = await fetchUnread();
    set({ unread });
    showBadge(unread);
  },
  reset: () => {
    set(empty);
    showBadge(0);
  },
}));
