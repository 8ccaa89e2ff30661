import { useEffect, useState } from 'react';
import type { Organization } from '@/contract/account';
import type { BulkResult, ConsoleRow } from '@/contract/console';
import { downloadCsv } from '@/lib/download-csv';
import { fetchOrgs } from '@/lib/orgs-api';
import { useOrgIds, useSession } from '@/lib/session';
import { MAX_PAGE_SIZE } from '@/contract/console';
import { fetchOptions, patch, runBulk, runRowAction } from '../api';
import type { ColumnSpec, FilterSpec, TableSpec } from '../tables';
import { useTable } from './use-table';
import './data-table.scss';

const PAGE_SIZES = [20, 50, MAX_PAGE_SIZE];

interface Props {
  spec: TableSpec;
}

/** The console's one table: server-side search, filters, sort and pages; row picks for a bulk action; in-place edits. */
export function DataTable({ spec }: Props) {
  const t = useTable(spec.table, spec.defaultSort);
  const [search, setSearch] = useState('');
  const [picked, setPicked] = useState<Set<string>>(new Set());
  const [outcome, setOutcome] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [session, setSession] = useState({ sessionNo: '1', status: 'present' });

  const orgOptions = useOrgOptions(spec.filters ?? []);
  const pathOptions = usePathOptions(spec.filters ?? []);
  const [acting, setActing] = useState<string | null>(null);
  const [dialogRow, setDialogRow] = useState<ConsoleRow | null>(null);
  const rows = t.data?.items ?? [];
  const total = t.data?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / t.query.pageSize));
  const sort = t.data?.sort ?? t.query.sort ?? '';
  const pickable = (r: ConsoleRow) => Boolean(spec.bulk && (spec.bulk.pickable?.(r) ?? true));
  const pickableRows = rows.filter(pickable);
  const allPicked = pickableRows.length > 0 && pickableRows.every((r) => picked.has(r.id));

  const clearPicks = () => setPicked(new Set());
  const change = (p: Parameters<typeof t.set>[0]) => {
    clearPicks();
    setOutcome(null);
    t.set(p);
  };
  const toggle = (id: string) =>
    setPicked((s) => {
      const next = new Set(s);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  const toggleAll = () => setPicked(allPicked ? new Set() : new Set(pickableRows.map((r) => r.id)));
  const onSort = (col: ColumnSpec) => {
    if (!col.sortable) return;
    change({ sort: sort === col.key ? `-${col.key}` : col.key });
  };

  async function onBulk() {
    if (!spec.bulk || picked.size === 0) return;
    const chosen = rows.filter((r) => picked.has(r.id));
    let body: object = { ids: chosen.map((r) => r.id) };
    if (spec.bulk.needs === 'attendance') {
      const courses = new Set(chosen.map((r) => r.courseId));
      if (courses.size !== 1) {
        setOutcome('请只选择同一门课程的学员（可先搜索课程名）');
        return;
      }
      body = {
        courseId: String(chosen[0]!.courseId),
        sessionNo: Number(session.sessionNo),
        status: session.status,
        ids: chosen.map((r) => String(r.userId)),
      };
    }
    setBusy(true);
    try {
      const result = await runBulk(spec.bulk.path, body);
      setOutcome(describe(result));
      clearPicks();
      t.reload();
    } catch {
      // the request wrapper has shown the reason as a toast
    } finally {
      setBusy(false);
    }
  }

  async function onRowAction(r: ConsoleRow) {
    const action = spec.rowAction!;
    setActing(r.id);
    setOutcome(null);
    try {
      setOutcome(action.describe(await runRowAction(action.path(r))));
      t.reload();
    } catch {
      // the request wrapper has shown the reason as a toast
    } finally {
      setActing(null);
    }
  }

  return (
    <div className="console-table" data-testid={`table-${spec.table}`}>
      <div className="console-table__toolbar">
        <form
          className="console-table__search"
          onSubmit={(e) => {
            e.preventDefault();
            change({ q: search });
          }}
        >
          <input
            className="console-input"
            data-testid="table-search"
            placeholder={spec.searchPlaceholder}
            maxLength={40}
            value={search}
            onChange={(e) => setSearch(e.target.value)}
          />
          <button className="console-btn" type="submit">
            搜索
          </button>
        </form>
        {(spec.filters ?? []).map((f) => (
          <label key={f.key} className="console-table__filter">
            <span>{f.title}</span>
            {f.date ? (
              <input
                className="console-input"
                type="date"
                data-testid={`filter-${f.key}`}
                value={t.query.filters[f.key] ?? ''}
                onChange={(e) =>
                  change({ filters: { ...t.query.filters, [f.key]: e.target.value } })
                }
              />
            ) : (
              <select
                className="console-input"
                data-testid={`filter-${f.key}`}
                value={t.query.filters[f.key] ?? ''}
                onChange={(e) =>
                  change({ filters: { ...t.query.filters, [f.key]: e.target.value } })
                }
              >
                <option value="">全部</option>
                {(f.options ?? orgOptions[f.key] ?? pathOptions[f.key] ?? []).map((o) => (
                  <option key={o.value} value={o.value}>
                    {o.label}
                  </option>
                ))}
              </select>
            )}
          </label>
        ))}
        <span className="console-table__spacer" />
        {spec.export ? <ExportButton spec={spec} filters={t.query.filters} /> : null}
        {spec.bulk ? (
          <div className="console-table__bulk">
            {spec.bulk.needs === 'attendance' ? (
              <>
                <label className="console-table__filter">
                  <span>课次</span>
                  <input
                    className="console-input console-input--narrow"
                    type="number"
                    min={1}
                    max={40}
                    data-testid="bulk-session"
                    value={session.sessionNo}
                    onChange={(e) => setSession({ ...session, sessionNo: e.target.value })}
                  />
                </label>
                <select
                  className="console-input"
                  value={session.status}
                  onChange={(e) => setSession({ ...session, status: e.target.value })}
                >
                  <option value="present">出勤</option>
                  <option value="absent">缺勤</option>
                </select>
              </>
            ) : null}
            <button
              className="console-btn console-btn--primary"
              data-testid="bulk-run"
              disabled={picked.size === 0 || busy}
              onClick={() => void onBulk()}
            >
              {spec.bulk.label}
              {picked.size ? `（${picked.size}）` : ''}
            </button>
          </div>
        ) : null}
      </div>

      {outcome ? (
        <div className="console-table__outcome" data-testid="bulk-outcome">
          {outcome}
        </div>
      ) : null}

      <div className="console-table__scroll">
        <table>
          <thead>
            <tr>
              {spec.bulk ? (
                <th className="console-table__pick">
                  <input
                    type="checkbox"
                    aria-label="全选本页"
                    data-testid="pick-all"
                    checked={allPicked}
                    disabled={pickableRows.length === 0}
                    onChange={toggleAll}
                  />
                </th>
              ) : null}
              {spec.columns.map((c) => (
                <th
                  key={c.key}
                  // a preferred width, not a minimum: the table shrinks its columns to the screen and
                  // long cells wrap, rather than pushing the last columns behind a sideways scroll
                  style={c.width ? { width: c.width } : undefined}
                  className={c.sortable ? 'console-table__sortable' : undefined}
                  data-testid={`sort-${c.key}`}
                  onClick={() => onSort(c)}
                >
                  {c.title}
                  {sort === c.key ? ' ▲' : sort === `-${c.key}` ? ' ▼' : ''}
                </th>
              ))}
              {spec.rowExport ? <th>导出</th> : null}
              {spec.rowAction || spec.rowDialog ? <th>操作</th> : null}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id} data-testid="table-row">
                {spec.bulk ? (
                  <td className="console-table__pick">
                    <input
                      type="checkbox"
                      aria-label={`选择 ${r.id}`}
                      data-testid={`pick-${r.id}`}
                      checked={picked.has(r.id)}
                      disabled={!pickable(r)}
                      onChange={() => toggle(r.id)}
                    />
                  </td>
                ) : null}
                {spec.columns.map((c) => {
                  const tone = c.tone?.(r);
                  const classes = [
                    tone ? `console-cell--${tone}` : '',
                    c.nowrap ? 'console-cell--nowrap' : '',
                  ].filter(Boolean);
                  return (
                    <td key={c.key} className={classes.join(' ') || undefined}>
                      {c.edit ? <EditableCell column={c} row={r} onSaved={t.reload} /> : show(c, r)}
                    </td>
                  );
                })}
                {spec.rowExport ? (
                  <td>
                    <button
                      className="console-btn console-btn--link"
                      data-testid={`row-export-${r.id}`}
                      onClick={() =>
                        void downloadCsv(
                          spec.rowExport!.path(r),
                          spec.rowExport!.filename(r),
                        ).catch(() => undefined)
                      }
                    >
                      {spec.rowExport.label}
                    </button>
                  </td>
                ) : null}
                {spec.rowAction || spec.rowDialog ? (
                  <td className="console-cell--nowrap">
                    {spec.rowDialog && (spec.rowDialog.when?.(r) ?? true) ? (
                      <button
                        className="console-btn console-btn--link"
                        data-testid={`row-dialog-${r.id}`}
                        onClick={() => (setOutcome(null), setDialogRow(r))}
                      >
                        {spec.rowDialog.label}
                      </button>
                    ) : null}
                    {spec.rowAction && (spec.rowAction.when?.(r) ?? true) ? (
                      <button
                        className="console-btn console-btn--link"
                        data-testid={`row-action-${r.id}`}
                        disabled={acting !== null}
                        onClick={() => void onRowAction(r)}
                      >
                        {acting === r.id ? '查询中…' : spec.rowAction.label}
                      </button>
                    ) : null}
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
        {!t.loading && rows.length === 0 ? (
          <div className="console-table__empty" data-testid="table-empty">
            {t.error ?? '没有符合条件的记录'}
          </div>
        ) : null}
      </div>

      <div className="console-table__pager">
        <span data-testid="table-total">
          共 {total} 条{t.loading ? ' · 加载中…' : ''}
        </span>
        <span className="console-table__spacer" />
        <label className="console-table__filter">
          <span>每页</span>
          <select
            className="console-input"
            value={t.query.pageSize}
            onChange={(e) => change({ pageSize: Number(e.target.value) })}
          >
            {PAGE_SIZES.map((n) => (
              <option key={n} value={n}>
                {n} 条
              </option>
            ))}
          </select>
        </label>
        <button
          className="console-btn"
          data-testid="page-prev"
          disabled={t.query.page <= 1}
          onClick={() => change({ page: t.query.page - 1 })}
        >
          上一页
        </button>
        <span data-testid="page-no">
          第 {t.query.page} / {pages} 页
        </span>
        <button
          className="console-btn"
          data-testid="page-next"
          disabled={t.query.page >= pages}
          onClick={() => change({ page: t.query.page + 1 })}
        >
          下一页
        </button>
      </div>
      {spec.hint ? <div className="console-table__hint">{spec.hint}</div> : null}
      {spec.rowDialog && dialogRow ? (
        <spec.rowDialog.Dialog
          row={dialogRow}
          onClose={() => setDialogRow(null)}
          onDone={(text) => {
            setDialogRow(null);
            setOutcome(text);
            t.reload();
          }}
        />
      ) : null}
    </div>
  );
}

/** The caller's organizations of a filter's kinds, as its options (an admin: all of them). */
function useOrgOptions(filters: FilterSpec[]) {
  const role = useSession((s) => s.user?.role);
  const mine = useOrgIds();
  const [options, setOptions] = useState<Record<string, { value: string; label: string }[]>>({});
  const kinds = filters
    .filter((f) => f.orgKind)
    .map((f) => `${f.key}:${([] as string[]).concat(f.orgKind!).join('+')}`);
  const key = kinds.join(',');
  useEffect(() => {
    for (const pair of key ? key.split(',') : []) {
      const [filter, list] = pair.split(':') as [string, string];
      Promise.all(list.split('+').map((kind) => fetchOrgs(kind as Organization['kind']))).then(
        (lists) =>
          setOptions((o) => ({
            ...o,
            [filter]: lists
              .flat()
              .filter((org) => role === 'admin' || mine.includes(org.id))
              .map((org) => ({ value: org.id, label: org.name })),
          })),
        () => undefined,
      );
    }
    // the organizations of a session do not change while the console is open
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, role]);
  return options;
}

/** Options read from an endpoint that answers in the caller's scope (a table's offerings). */
function usePathOptions(filters: FilterSpec[]) {
  const [options, setOptions] = useState<Record<string, { value: string; label: string }[]>>({});
  const key = filters
    .filter((f) => f.optionsPath)
    .map((f) => `${f.key}=${f.optionsPath}`)
    .join(',');
  useEffect(() => {
    for (const pair of key ? key.split(',') : []) {
      const [filter, path] = pair.split('=') as [string, string];
      fetchOptions(path).then(
        ({ items }) => setOptions((o) => ({ ...o, [filter]: items })),
        () => undefined,
      );
    }
  }, [key]);
  return options;
}

function ExportButton({ spec, filters }: { spec: TableSpec; filters: Record<string, string> }) {
  const ex = spec.export!;
  const path = ex.path(filters);
  return (
    <button
      className="console-btn"
      data-testid="table-export"
      disabled={!path}
      title={path ? undefined : ex.hint}
      onClick={() => path && void downloadCsv(path, ex.filename).catch(() => undefined)}
    >
      {ex.label}
      {path ? '' : `（${ex.hint}）`}
    </button>
  );
}

function show(c: ColumnSpec, r: ConsoleRow): string {
  const v = r[c.key] ?? null;
  if (c.format) return c.format(v, r);
  return v == null || v === '' ? '—' : String(v);
}

function describe(result: BulkResult): string {
  const failed = result.results.filter((r) => !r.ok);
  if (failed.length === 0) return `已完成 ${result.done} 条`;
  const reasons = failed
    .slice(0, 3)
    .map((r) => `#${r.id} ${r.message}`)
    .join('；');
  return `已完成 ${result.done} 条，${failed.length} 条未完成：${reasons}${failed.length > 3 ? '…' : ''}`;
}

/** An integer edited in place: the existing endpoint validates it; its refusal shows beside the field. */
function EditableCell({
  column,
  row,
  onSaved,
}: {
  column: ColumnSpec;
  row: ConsoleRow;
  onSaved: () => void;
}) {
  const edit = column.edit!;
  const [value, setValue] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  if (value === null)
    return (
      <button
        className="console-cell-edit"
        data-testid={`edit-${column.key}-${row.id}`}
        title="点击修改"
        onClick={() => setValue(String(row[column.key] ?? ''))}
      >
        {show(column, row)} ✎
      </button>
    );
  async function save() {
    const n = Number(value);
    if (!Number.isInteger(n) || n < edit.min || n > edit.max) {
      setError(`请输入 ${edit.min}–${edit.max} 的整数`);
      return;
    }
    try {
      await patch(edit.path(row), { [edit.field]: n });
      setValue(null);
      setError(null);
      onSaved();
    } catch (err) {
      setError((err as Error).message);
    }
  }
  return (
    <span className="console-cell-editing">
      <input
        className="console-input console-input--narrow"
        type="number"
        data-testid={`edit-input-${column.key}-${row.id}`}
        value={value}
        onChange={(e) => setValue(e.target.value)}
      />
      <button className="console-btn" data-testid="edit-save" onClick={() => void save()}>
        保存
      </button>
      <button className="console-btn" onClick={() => (setValue(null), setError(null))}>
        取消
      </button>
      {error ? <span className="console-cell-error">{error}</span> : null}
    </span>
  );
}
