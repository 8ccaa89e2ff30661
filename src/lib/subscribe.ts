import Taro from '@tarojs/taro';
import type { MessageKind } from '@/contract/message-kinds';
import type { SubscribeTemplates } from '@/contract/messages';
import { request } from './request';

let templates: Record<string, string> | null = null;

/**
 * Asks, at the moment it makes sense (applying, booking, signing up), for one-time permission to
 * send WeChat messages of these kinds, and tells the server which were accepted: each accepted
 * kind lets the server send exactly one message. Never blocks the action it accompanies: any
 * failure or refusal leaves the in-app 消息 list as the fallback. WeChat only (no-op on H5).
 */
export async function askToSubscribe(kinds: MessageKind[]): Promise<void> {
  if (process.env.TARO_ENV !== 'weapp') return;
  try {
    templates ??= (await request<SubscribeTemplates>('/api/v1/messages/templates', { silent: true })).templates;
    const wanted = kinds.filter((k) => templates![k]).slice(0, 3); // WeChat allows 3 per request
    if (wanted.length === 0) return;
    const answer = (await Taro.requestSubscribeMessage({ tmplIds: wanted.map((k) => templates![k]) } as never)) as unknown as Record<string, string>;
    const accepted = wanted.filter((k) => answer[templates![k]] === 'accept');
    if (accepted.length) await request('/api/v1/messages/grants', { method: 'POST', data: { kinds: accepted }, silent: true });
  } catch {
    // declined, or no network: the in-app message still arrives
  }
}
