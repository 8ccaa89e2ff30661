import type { OrgKind, Organization } from '@/contract/account';
import { request } from './request';

/** The organizations behind a service (stations, sites, teams); public, no login needed. */
export async function fetchOrgs(kind: OrgKind): Promise<Organization[]> {
  const { items } = await request<{ items: Organization[] }>(`/api/v1/orgs?kind=${kind}`);
  return items;
}
