import { reducedFee, reductionLabel } from '@/contract/fee-reductions';

describe('费用减免 rules', () => {
  it('takes the percentage off the fee, rounding down to the fen in the family’s favour', () => {
    expect(reducedFee(40000, null)).toBe(40000);
    expect(reducedFee(40000, 50)).toBe(20000);
    expect(reducedFee(40000, 100)).toBe(0);
    expect(reducedFee(33333, 30)).toBe(23333); // 23333.1 → 23333
  });
  it('names a reduction as families read it', () => {
    expect(reductionLabel(100)).toBe('全免');
    expect(reductionLabel(50)).toBe('减免50%');
  });
});
