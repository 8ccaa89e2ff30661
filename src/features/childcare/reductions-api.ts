// 费用减免 calls: the family's applications and the committee's review.
import type {
  ApplyReductionBody,
  DecideReductionBody,
  Reduction,
  ReductionList,
} from '@/contract/fee-reductions';
import { request } from '@/lib/request';
import { LIST } from '@/lib/response-shape';

const BASE = '/api/v1/childcare/reductions';

export const fetchMyReductions = () =>
  request<ReductionList>(`${BASE}/mine`, { fresh: true, expect: LIST });
export const applyReduction = (body: ApplyReductionBody) =>
  request<Reduction>(BASE, { method: 'POST', data: body });
export const withdrawReduction = (id: string) =>
  request<Reduction>(`${BASE}/${id}/withdraw`, { method: 'POST', data: {} });
export const fetchReductions = (status?: Reduction['status']) =>
  request<ReductionList>(status ? `${BASE}?status=${status}` : BASE, {
    fresh: true,
    expect: LIST,
  });
export const decideReduction = (id: string, body: DecideReductionBody) =>
  request<Reduction>(`${BASE}/${id}/decision`, { method: 'POST', data: body });
