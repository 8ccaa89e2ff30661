import type { Me, Role, Session, UpdateMeBody } from '@/contract/account';
import type { DataExport, DeleteAccountResult } from '@/contract/privacy';
import { DELETE_CONFIRMATION } from '@/contract/privacy-rules';
import { request } from '@/lib/request';

export function wechatLogin(code: string): Promise<Session> {
  return request<Session>('/api/v1/auth/wechat', { method: 'POST', data: { code } });
}

/** Development login (H5, tests, demos); the server refuses it unless DEV_LOGIN=1. */
export function devLogin(openid: string, role: Role): Promise<Session> {
  return request<Session>('/api/v1/auth/dev', { method: 'POST', data: { openid, role } });
}

/** Revokes every token of this account on the server (all devices); no toast, the page signs out anyway. */
export function logout(): Promise<void> {
  return request<void>('/api/v1/auth/logout', { method: 'POST', silent: true });
}

export function fetchMe(): Promise<Me> {
  return request<Me>('/api/v1/me');
}

/** Saves the profile; errors are shown under the fields, so no toast. */
export function updateMe(body: UpdateMeBody): Promise<Me> {
  return request<Me>('/api/v1/me', { method: 'PUT', data: body, silent: true });
}

/** 手机号快速验证: the server exchanges the getPhoneNumber code with WeChat (errors as toasts). */
export function verifyPhoneWithWechat(code: string): Promise<Me> {
  return request<Me>('/api/v1/me/phone/wechat', { method: 'POST', data: { code } });
}

/** Everything the service keeps about the caller and their children (隐私与数据). */
export function exportMyData(): Promise<DataExport> {
  return request<DataExport>('/api/v1/me/data-export');
}

/** Deletes the account for good; the page asks the user to confirm first. */
export function deleteMyAccount(): Promise<DeleteAccountResult> {
  return request<DeleteAccountResult>('/api/v1/me', {
    method: 'DELETE',
    data: { confirm: DELETE_CONFIRMATION },
  });
}
