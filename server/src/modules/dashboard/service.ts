// Who may see which dashboard, and one figure read for them. The district (every organization)
// is the committee's: admins only. An organization's dashboard is for its staff (and admins);
// another organization's id answers 404 like a missing one, so ids cannot be probed.
import type { FastifyInstance } from 'fastify';
import {
  DASHBOARD_TITLES,
  type DashboardFigure,
  type DashboardFigureName,
  type DashboardQuery,
} from '@/contract/dashboard';
import type { AuthUser } from '../../plugins/auth';
import { assertOrgAccess } from '../../lib/org-access';
import { notFound } from '../../errors';
import { resolveRange } from './range';
import type { Figure } from './figures/figure';
import { served } from './figures/served';
import { occupancy } from './figures/occupancy';
import { childcare } from './figures/childcare';
import { nightSchool } from './figures/night-school';
import { volunteer } from './figures/volunteer';
import { noShows } from './figures/no-shows';

export const FIGURES: Record<DashboardFigureName, Figure> = {
  served,
  occupancy,
  childcare,
  'night-school': nightSchool,
  volunteer,
  'no-shows': noShows,
};

const DISTRICT_NAME = '全区';
const FIGURE_WORK_MEM = '64MB';

export async function readFigure(
  app: FastifyInstance,
  auth: AuthUser,
  name: DashboardFigureName,
  orgId: string | null,
  query: DashboardQuery,
): Promise<DashboardFigure> {
  let scopeName = DISTRICT_NAME;
  if (orgId !== null) {
    assertOrgAccess(auth, orgId);
    const [org] = await app.db.query<{ name: string }>(
      'SELECT name FROM organizations WHERE id = $1',
      [orgId],
    );
    if (!org) throw notFound();
    scopeName = org.name;
  }
  const range = resolveRange(query, app.now());
  const by = query.by ?? 'month';
  const figure = FIGURES[name];
  // One read-only transaction per figure, with room to group months of rows in memory: at the
  // default work_mem a district's two years of hours spill to disk and take seconds.
  const rows = await app.db.transaction(async (tx) => {
    await tx.query('SET TRANSACTION READ ONLY');
    await tx.query(`SET LOCAL work_mem = '${FIGURE_WORK_MEM}'`);
    return figure.rows({ db: tx, orgId, range, by, now: app.now() });
  });
  return {
    figure: name,
    title: DASHBOARD_TITLES[name],
    scope: { kind: orgId === null ? 'district' : 'org', orgId, name: scopeName },
    by,
    from: range.from,
    to: range.to,
    series: figure.series,
    rows,
  };
}
