import type { Organization } from '@/contract/account';
import type { DashboardFigure, DashboardFigureName } from '@/contract/dashboard';
import { request } from '@/lib/request';
import { downloadCsv } from '@/lib/download-csv';

/** null: the whole district (admins); otherwise one organization. */
export type Scope = string | null;

export interface FigureQuery {
  by: 'month' | 'round';
  from: string;
  to: string;
}

const path = (scope: Scope, figure: DashboardFigureName) =>
  scope === null
    ? `/api/v1/dashboards/district/${figure}`
    : `/api/v1/dashboards/orgs/${scope}/${figure}`;
const qs = (q: FigureQuery) => `by=${q.by}&from=${q.from}&to=${q.to}`;

export const fetchFigure = (scope: Scope, figure: DashboardFigureName, q: FigureQuery) =>
  request<DashboardFigure>(`${path(scope, figure)}?${qs(q)}`);

export const downloadFigure = (
  scope: Scope,
  figure: DashboardFigureName,
  q: FigureQuery,
  filename: string,
) => downloadCsv(`${path(scope, figure)}.csv?${qs(q)}`, filename);

export const fetchOrganizations = () =>
  request<{ items: Organization[] }>('/api/v1/orgs').then((r) => r.items);
