// How much of a paid fee comes back when a seat is cancelled (TypeBox-free: the client shows the
// same figure before the person confirms). Before the offering starts: all of it. After the start,
// a configurable share until the midpoint and another after it (by default half, then nothing).
// Fen are whole: a share is rounded down, so a refund never exceeds what the rule promises.

export interface RefundRule {
  /** Percent refunded after the start and before the midpoint. */
  beforeMidpointPercent: number;
  /** Percent refunded from the midpoint on. */
  afterMidpointPercent: number;
}

export const DEFAULT_REFUND_RULE: RefundRule = {
  beforeMidpointPercent: 50,
  afterMidpointPercent: 0,
};

export type RefundPhase = 'before_start' | 'before_midpoint' | 'after_midpoint';

export interface RefundQuote {
  phase: RefundPhase;
  percent: number;
  fen: number;
}

/**
 * The refund due at `now` for `paidFen`, given when the offering starts and its midpoint (both
 * instants by the server clock; the caller decides what the midpoint is, e.g. the start of the
 * session after half of them).
 */
export function refundQuote(
  paidFen: number,
  now: Date,
  when: { startsAt: Date; midpointAt: Date },
  rule: RefundRule = DEFAULT_REFUND_RULE,
): RefundQuote {
  const t = now.getTime();
  const phase: RefundPhase =
    t < when.startsAt.getTime()
      ? 'before_start'
      : t < when.midpointAt.getTime()
        ? 'before_midpoint'
        : 'after_midpoint';
  const percent =
    phase === 'before_start'
      ? 100
      : phase === 'before_midpoint'
        ? rule.beforeMidpointPercent
        : rule.afterMidpointPercent;
  return { phase, percent, fen: Math.floor((paidFen * percent) / 100) };
}

/** ¥500.00 from 50000 fen; 免费 for 0. */
export function formatFee(fen: number): string {
  return fen === 0 ? '免费' : `¥${(fen / 100).toFixed(2)}`;
}
