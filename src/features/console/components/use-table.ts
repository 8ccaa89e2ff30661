import { useCallback, useEffect, useRef, useState } from 'react';
import type { ConsolePage } from '@/contract/console';
import { fetchTable, type TableQuery } from '../api';

export interface TableState {
  query: TableQuery;
  data: ConsolePage | null;
  loading: boolean;
  error: string | null;
  set: (patch: Partial<TableQuery>) => void;
  reload: () => void;
}

/**
 * A table's query (page, size, sort, search, filters) and its current page from the server.
 * Any change but the page itself goes back to page 1; an answer that arrives after a newer
 * query was sent is dropped, so a slow page never overwrites a fast one.
 */
export function useTable(table: string, defaultSort?: string): TableState {
  const [query, setQuery] = useState<TableQuery>({
    page: 1,
    pageSize: 20,
    sort: defaultSort,
    filters: {},
  });
  const [data, setData] = useState<ConsolePage | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [version, setVersion] = useState(0);
  const latest = useRef(0);

  useEffect(() => {
    const ticket = ++latest.current;
    setLoading(true);
    fetchTable(table, query).then(
      (page) => {
        if (ticket !== latest.current) return;
        setData(page);
        setError(null);
        setLoading(false);
      },
      (err: Error) => {
        if (ticket !== latest.current) return;
        setError(err.message);
        setLoading(false);
      },
    );
  }, [table, query, version]);

  const set = useCallback(
    (patch: Partial<TableQuery>) => setQuery((q) => ({ ...q, ...patch, page: patch.page ?? 1 })),
    [],
  );
  const reload = useCallback(() => setVersion((v) => v + 1), []);
  return { query, data, loading, error, set, reload };
}
