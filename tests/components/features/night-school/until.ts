import { waitFor } from '@testing-library/react';

/**
 * Waits until `find` (a queryBy*) returns something, 5 s at most, and returns it. Testing
 * Library's waitFor polls inside act(), so the renders the awaited requests cause are flushed and
 * React does not warn about updates outside act().
 */
export async function until<T>(find: () => T | null, timeoutMs = 5000): Promise<T> {
  return waitFor(
    () => {
      const found = find();
      if (!found) throw new Error(`not found yet: ${find.toString()}`);
      return found;
    },
    { timeout: timeoutMs, interval: 50 },
  );
}
