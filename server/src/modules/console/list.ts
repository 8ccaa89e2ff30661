// One table page from a declaration (tables.ts) and a query already validated by the route's
// schema: the caller's organizations, the table's filters, a search, one whitelisted sort and a
// bounded page. Every value travels as a parameter; only declared SQL expressions are spliced.
import type { FastifyInstance } from 'fastify';
import {
  CONSOLE_ERRORS,
  EXPORT_MAX_ROWS,
  type ConsolePage,
  type ConsoleRow,
} from '@/contract/console';
import { AppError } from '../../errors';
import { auditRosterRead } from '../../lib/audit';
import type { AuthUser } from '../../plugins/auth';
import type { TableDef } from './tables';

export interface ListQuery {
  page: number;
  pageSize: number;
  sort?: string;
  q?: string;
  [filter: string]: unknown;
}

/** A list query without its page: what an export selects. */
export interface ExportQuery {
  sort?: string;
  q?: string;
  [filter: string]: unknown;
}

/** "-col" → ORDER BY col DESC; only columns declared sortable, else 400 LIST_SORT_UNKNOWN. */
export function orderBy(def: TableDef, sort: string): string {
  const desc = sort.startsWith('-');
  const col = def.columns[desc ? sort.slice(1) : sort];
  if (!col?.sort) throw new AppError('LIST_SORT_UNKNOWN', CONSOLE_ERRORS.LIST_SORT_UNKNOWN, 400);
  const dir = desc ? 'DESC NULLS LAST' : 'ASC NULLS FIRST';
  // the row id breaks ties, so a row never shows on two pages or on none
  return `${col.by ?? col.sql} ${dir}, ${def.id} ${desc ? 'DESC' : 'ASC'}`;
}

/** A search term matches itself: % and _ typed by staff are not wildcards. */
export const likePattern = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** The caller's rows of a table as a WHERE clause and its parameters, from a validated query. */
function selection(app: FastifyInstance, auth: AuthUser, def: TableDef, query: ListQuery) {
  const params: unknown[] = [];
  const param = (v: unknown) => {
    params.push(v);
    return `$${params.length}`;
  };
  // {now} in a declaration is the server clock (app.now()), bound once as a parameter
  const from = def.from.includes('{now}')
    ? def.from.replaceAll('{now}', `${param(app.now().toISOString())}::timestamptz`)
    : def.from;
  const where: string[] = [];
  if (auth.role !== 'admin') where.push(`${def.org} = ANY(${param(auth.orgIds)}::bigint[])`);
  for (const [key, filter] of Object.entries(def.filters)) {
    const value = query[key];
    if (value === undefined || value === '') continue;
    where.push(filter.sql.replace('?', param(value)));
  }
  const q = query.q?.trim();
  if (q && def.search.length) {
    const p = param(likePattern(q));
    where.push(`(${def.search.map((s) => `${s} ILIKE ${p}`).join(' OR ')})`);
  }
  const whereSql = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const select = Object.entries(def.columns)
    .map(([key, c]) => `${c.sql} AS "${key}"`)
    .join(', ');
  return { from, whereSql, select, params, param };
}

export async function listTable(
  app: FastifyInstance,
  auth: AuthUser,
  name: string,
  def: TableDef,
  query: ListQuery,
): Promise<ConsolePage> {
  const sort = query.sort ?? def.defaultSort;
  const order = orderBy(def, sort);
  const { from, whereSql, select, params, param } = selection(app, auth, def, query);
  const [{ total }] = await app.db.query<{ total: number }>(
    `SELECT count(*)::int AS total FROM ${from} ${whereSql}`,
    params,
  );
  const limit = param(query.pageSize);
  const offset = param((query.page - 1) * query.pageSize);
  const items = await app.db.query<ConsoleRow>(
    `SELECT ${select} FROM ${from} ${whereSql} ORDER BY ${order} LIMIT ${limit} OFFSET ${offset}`,
    params,
  );
  if (def.roster && items.length > 0) {
    await auditRosterRead(app, auth, 'view', {
      action: def.roster.action,
      entity: def.roster.entity,
      entityId: `console:${name}`,
      orgId: typeof query.orgId === 'string' ? query.orgId : null,
      rows: items.length,
    });
  }
  return { items, total, page: query.page, pageSize: query.pageSize, sort };
}

/**
 * Every row of the caller's selection, in the table's order, for a CSV export: at most
 * EXPORT_MAX_ROWS, else 400 EXPORT_TOO_LARGE (an export cut short would look complete). Audited
 * as an export of the list when the table is one of people.
 */
export async function exportTable(
  app: FastifyInstance,
  auth: AuthUser,
  name: string,
  def: TableDef,
  query: ExportQuery,
): Promise<ConsoleRow[]> {
  const order = orderBy(def, query.sort ?? def.defaultSort);
  const { from, whereSql, select, params, param } = selection(app, auth, def, {
    ...query,
    page: 1,
    pageSize: EXPORT_MAX_ROWS,
  });
  const rows = await app.db.query<ConsoleRow>(
    `SELECT ${select} FROM ${from} ${whereSql} ORDER BY ${order} LIMIT ${param(EXPORT_MAX_ROWS + 1)}`,
    params,
  );
  if (rows.length > EXPORT_MAX_ROWS)
    throw new AppError('EXPORT_TOO_LARGE', CONSOLE_ERRORS.EXPORT_TOO_LARGE, 400);
  if (def.roster)
    await auditRosterRead(app, auth, 'export', {
      action: def.roster.action,
      entity: def.roster.entity,
      entityId: `console:${name}`,
      orgId: typeof query.orgId === 'string' ? query.orgId : null,
      rows: rows.length,
    });
  return rows;
}
