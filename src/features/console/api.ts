import type { BulkResult, ConsolePage } from '@/contract/console';
import type { OverdueReviewList } from '@/contract/station';
import type { Today } from '@/contract/organizer';
import type { RefundView, StaffRefundBody } from '@/contract/payments';
import { request } from '@/lib/request';

export interface TableQuery {
  page: number;
  pageSize: number;
  sort?: string;
  q?: string;
  filters: Record<string, string>;
}

export function tableQueryString(query: TableQuery): string {
  const qs = new URLSearchParams();
  qs.set('page', String(query.page));
  qs.set('pageSize', String(query.pageSize));
  if (query.sort) qs.set('sort', query.sort);
  if (query.q?.trim()) qs.set('q', query.q.trim());
  for (const [k, v] of Object.entries(query.filters)) if (v) qs.set(k, v);
  return qs.toString();
}

export const fetchTable = (table: string, query: TableQuery) =>
  request<ConsolePage>(`/api/v1/console/tables/${table}?${tableQueryString(query)}`);

export const runBulk = (path: string, body: object) =>
  request<BulkResult>(`/api/v1/console${path}`, { method: 'POST', data: body });

/** A row's action (向微信查询): a POST under /api/v1/console. */
export const runRowAction = (path: string) =>
  request<unknown>(`/api/v1/console${path}`, { method: 'POST', data: {} });

/**
 * A staff refund of a paid order: any amount up to what is left, with a reason (audited). One key
 * per confirmation: a 重试 after a lost answer is the same refund, not a second one.
 */
export const refundOrder = (orderId: string, body: StaffRefundBody, idempotencyKey: string) =>
  request<RefundView>(`/api/v1/payments/admin/orders/${orderId}/refunds`, {
    method: 'POST',
    data: body,
    idempotencyKey,
  });

/** The options of a filter whose values depend on the caller's data. */
export const fetchOptions = (path: string) =>
  request<{ items: { value: string; label: string }[] }>(path, { expect: { items: 'array' } });

/** Inline edits go to the same endpoints (and validations) as the phone's forms. */
export const patch = (path: string, data: object) =>
  request<unknown>(`/api/v1${path}`, { method: 'PATCH', data });

export const fetchToday = () => request<Today>('/api/v1/organizer/today');

/** The committee's list of station requests not reviewed in time (admins only). */
export const fetchOverdueReviews = () =>
  request<OverdueReviewList>('/api/v1/stations/overdue-reviews', { expect: { items: 'array' } });
