import type { MessageList, Unread } from '@/contract/messages';
import { request } from '@/lib/request';

export function fetchMessages(before?: string | null): Promise<MessageList> {
  const query = before ? `?before=${before}` : '';
  return request<MessageList>(`/api/v1/messages${query}`, {
    expect: { items: 'array', unread: 'number', next: 'string?' },
  });
}

/** Quiet: a badge that fails to refresh is not worth a toast. */
export function fetchUnread(): Promise<Unread> {
  return request<Unread>('/api/v1/messages/unread-count', { silent: true });
}

export function markRead(id: string): Promise<unknown> {
  return request(`/api/v1/messages/${id}/read`, { method: 'POST', silent: true });
}

export function markAllRead(): Promise<unknown> {
  return request('/api/v1/messages/read-all', { method: 'POST' });
}
