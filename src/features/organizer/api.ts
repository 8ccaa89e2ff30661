import type { AdminUser, OrgMembers } from '@/contract/admin';
import type { AuditEntry } from '@/contract/admin';
import type { Organization } from '@/contract/account';
import type { Today } from '@/contract/organizer';
import { request } from '@/lib/request';
import { LIST } from '@/lib/response-shape';

export const fetchAllOrgs = () =>
  request<{ items: Organization[] }>('/api/v1/orgs', { expect: LIST }).then((r) => r.items);

export const searchUsers = (q: string) =>
  request<{ items: AdminUser[] }>(`/api/v1/admin/users?q=${encodeURIComponent(q)}`, {
    expect: LIST,
  }).then((r) => r.items);

export const fetchMembers = (orgId: string) =>
  request<OrgMembers>(`/api/v1/admin/orgs/${orgId}/members`);

export const addMember = (orgId: string, userId: string) =>
  request<OrgMembers>(`/api/v1/admin/orgs/${orgId}/members`, { method: 'POST', data: { userId } });

export const removeMember = (orgId: string, userId: string) =>
  request<OrgMembers>(`/api/v1/admin/orgs/${orgId}/members/${userId}`, { method: 'DELETE' });

export interface AuditFilter {
  action?: string;
  entity?: string;
}

export function auditQuery(filter: AuditFilter, before?: string | null): string {
  const q = new URLSearchParams();
  if (filter.action) q.set('action', filter.action);
  if (filter.entity) q.set('entity', filter.entity);
  if (before) q.set('before', before);
  return q.toString();
}

export const fetchAudit = (filter: AuditFilter, before?: string | null) =>
  request<{ items: AuditEntry[]; next: string | null }>(
    `/api/v1/admin/audit?${auditQuery(filter, before)}`,
    { expect: { items: 'array', next: 'string?' } },
  );

export const fetchToday = () => request<Today>('/api/v1/organizer/today');
