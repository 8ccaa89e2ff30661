// Both pg and PGlite surface the SQLSTATE as `code` on the thrown error.
export function isUniqueViolation(err: unknown, constraint?: string): boolean {
  const e = err as { code?: string; constraint?: string; message?: string } | null;
  if (!e || e.code !== '23505') return false;
  if (!constraint) return true;
  return e.constraint === constraint || (e.message ?? '').includes(constraint);
}

/** A CHECK (or a trigger raising check_violation with CONSTRAINT) refused the row. */
export function isCheckViolation(err: unknown, constraint: string): boolean {
  const e = err as { code?: string; constraint?: string; message?: string } | null;
  if (!e || e.code !== '23514') return false;
  return e.constraint === constraint || (e.message ?? '').includes(constraint);
}

/** A refusal raised by one of our SQL functions (yh_refuse, migration 0025): SQLSTATE YH001, the facts as JSON in DETAIL. */
export interface SqlRefusal {
  code: string;
  status: number;
  [fact: string]: unknown;
}

export function sqlRefusal(err: unknown): SqlRefusal | null {
  const e = err as { code?: string; detail?: string } | null;
  if (!e || e.code !== 'YH001' || !e.detail) return null;
  return JSON.parse(e.detail) as SqlRefusal;
}
