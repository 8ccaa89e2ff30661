import Taro from '@tarojs/taro';
import type { MessageKind } from '@/contract/message-kinds';
import type { SubscribeTemplates } from '@/contract/messages';
import { request } from './request';

let templates: Record<string, string> | null = null;

/** Fetches the configured template ids ahead of time (askToSubscribe must not wait on the network). */
export async function preloadSubscribeTemplates(): Promise<void> {
  if (process.env.TARO_ENV !== 'weapp' || templates) return;
  templates =
    (
      await request<SubscribeTemplates>('/api/v1/messages/templates', { silent: true }).catch(
        () => null,
      )
    )?.templates ?? null;
}

/**
 * Asks, at the moment it makes sense (booking, a waitlist answer, signing up), for one-time
 * permission to send WeChat messages of these kinds, and tells the server which were accepted:
 * each accepted kind lets the server send exactly one message. Call it straight from a tap
 * handler — WeChat shows the dialog only for a user gesture, hence templates are preloaded. It
 * never blocks the action it accompanies: a refusal or failure leaves the in-app 消息 list as the
 * fallback. WeChat only (no-op on H5).
 */
export function askToSubscribe(kinds: MessageKind[]): void {
  if (process.env.TARO_ENV !== 'weapp') return;
  if (!templates) {
    void preloadSubscribeTemplates();
    return;
  }
  const ids = templates;
  const wanted = kinds.filter((k) => ids[k]).slice(0, 3); // WeChat allows 3 per request
  if (wanted.length === 0) return;
  Taro.requestSubscribeMessage({ tmplIds: wanted.map((k) => ids[k]) } as never)
    .then((answer) => {
      const accepted = wanted.filter(
        (k) => (answer as unknown as Record<string, string>)[ids[k]] === 'accept',
      );
      if (accepted.length)
        return request('/api/v1/messages/grants', {
          method: 'POST',
          data: { kinds: accepted },
          silent: true,
        });
      return undefined;
    })
    .catch(() => undefined);
}
