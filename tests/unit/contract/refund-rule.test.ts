import { DEFAULT_REFUND_RULE, formatFee, refundQuote } from '@/contract/refund-rule';

// A 12-session course from Tuesday 10 March 19:00 Beijing; its midpoint is session 7's start.
const when = {
  startsAt: new Date('2026-03-10T11:00:00.000Z'),
  midpointAt: new Date('2026-04-14T11:00:00.000Z'),
};

describe('refundQuote', () => {
  it('refunds everything until the first session starts, to the millisecond', () => {
    expect(refundQuote(50_000, new Date('2026-03-10T10:59:59.999Z'), when)).toEqual({
      phase: 'before_start',
      percent: 100,
      fen: 50_000,
    });
  });

  it('after the start and before the midpoint: the rule’s share (50% by default)', () => {
    expect(refundQuote(50_000, when.startsAt, when)).toEqual({
      phase: 'before_midpoint',
      percent: 50,
      fen: 25_000,
    });
  });

  it('from the midpoint on: the rule’s second share (nothing by default)', () => {
    expect(refundQuote(50_000, when.midpointAt, when)).toEqual({
      phase: 'after_midpoint',
      percent: 0,
      fen: 0,
    });
  });

  it('a configured rule applies, rounded down to whole fen', () => {
    const rule = { beforeMidpointPercent: 70, afterMidpointPercent: 33 };
    const mid = new Date('2026-03-20T00:00:00.000Z');
    const late = new Date('2026-05-01T00:00:00.000Z');
    expect(refundQuote(999, mid, when, rule).fen).toBe(699);
    expect(refundQuote(999, late, when, rule).fen).toBe(329);
    expect(DEFAULT_REFUND_RULE).toEqual({ beforeMidpointPercent: 50, afterMidpointPercent: 0 });
  });
});

describe('formatFee', () => {
  it('shows 免费 for 0 and yuan with fen otherwise', () => {
    expect(formatFee(0)).toBe('免费');
    expect(formatFee(50_000)).toBe('¥500.00');
    expect(formatFee(1)).toBe('¥0.01');
  });
});
