import { maskName } from '@/contract/name';

describe('maskName (a requester shown to the first parent)', () => {
  it.each([
    ['王小明', '王*明'],
    ['李四', '李*'],
    ['欧阳娜娜', '欧**娜'],
    ['王', '王'],
    ['  王建国 ', '王*国'],
  ])('%j → %j', (raw, masked) => expect(maskName(raw)).toBe(masked));
});
