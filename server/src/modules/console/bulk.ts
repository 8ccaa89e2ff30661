// Bulk actions: each id goes through the same single-row service call the phone uses, in its own
// transaction, with that call's organization check, validations, notification and audit entry.
// The answer is per row: one booking someone else already decided (or one of another
// organization, which answers as missing) does not undo the 49 approved beside it, and staff see
// which rows did not go through and why.
import type { BulkResult } from '@/contract/console';
import { AppError } from '../../errors';

export async function runBulk(
  ids: string[],
  one: (id: string) => Promise<unknown>,
): Promise<BulkResult> {
  const results: BulkResult['results'] = [];
  // one at a time: each row locks what it changes; a parallel burst would only queue on the pool
  for (const id of ids) {
    try {
      await one(id);
      results.push({ id, ok: true });
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      results.push({ id, ok: false, code: err.code, message: err.message });
    }
  }
  const done = results.filter((r) => r.ok).length;
  return { done, failed: results.length - done, results };
}
