import { useCallback, useRef, useState } from 'react';

export type LoadStatus = 'idle' | 'loading' | 'error' | 'ready';

export interface LoadState<A extends unknown[]> {
  status: LoadStatus;
  /** Why the last load failed (NetworkError, ApiError — BAD_RESPONSE for a malformed answer). */
  error: Error | null;
  /** Runs the load; never rejects: a failure becomes status 'error', which the page shows with 重试. */
  run: (...args: A) => Promise<void>;
}

/**
 * The state of one page's load, so a failure is told apart from an empty answer: the page shows
 * its empty state only when `ready`, and <LoadFailed> with 重试 on `error`. The load itself puts
 * the data where the page reads it (state or store); only the newest run sets the status, so a
 * slow answer to an earlier show cannot overwrite a later one.
 */
export function useLoadStatus<A extends unknown[]>(
  load: (...args: A) => Promise<unknown>,
): LoadState<A> {
  const [state, setState] = useState<{ status: LoadStatus; error: Error | null }>({
    status: 'idle',
    error: null,
  });
  const latest = useRef(load);
  latest.current = load;
  const generation = useRef(0);
  const run = useCallback(async (...args: A) => {
    const mine = ++generation.current;
    setState({ status: 'loading', error: null });
    try {
      await latest.current(...args);
      if (mine === generation.current) setState({ status: 'ready', error: null });
    } catch (err) {
      if (mine === generation.current)
        setState({ status: 'error', error: err instanceof Error ? err : new Error(String(err)) });
    }
  }, []);
  return { ...state, run };
}
