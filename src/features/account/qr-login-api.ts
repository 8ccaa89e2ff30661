// Scan-to-login calls: the PC's (ticket, poll) and the phone's (look, confirm, refuse).
import type { QrPollResult, QrTicket, QrTicketInfo } from '@/contract/qr-login';
import { request } from '@/lib/request';

/** Silent: the card shows 二维码生成失败 with a refresh button instead of a toast. */
export function createQrTicket(): Promise<QrTicket> {
  return request<QrTicket>('/api/v1/auth/qr', { method: 'POST', data: {}, silent: true });
}

/** Silent: the page polls every 2 s and shows the outcome itself. */
export function pollQrTicket(ticket: string, secret: string): Promise<QrPollResult> {
  return request<QrPollResult>('/api/v1/auth/qr/poll', {
    method: 'POST',
    data: { ticket, secret },
    silent: true,
  });
}

export function fetchQrTicket(ticket: string): Promise<QrTicketInfo> {
  return request<QrTicketInfo>(`/api/v1/auth/qr/${ticket}`, { silent: true });
}

export function decideQrTicket(
  ticket: string,
  confirm: boolean,
): Promise<{ status: 'confirmed' | 'refused' }> {
  return request(`/api/v1/auth/qr/${ticket}/${confirm ? 'confirm' : 'refuse'}`, { method: 'POST' });
}
