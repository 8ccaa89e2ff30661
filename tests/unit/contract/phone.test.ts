import { isValidPhone, maskPhone } from '@/contract/phone';
import { isValidName } from '@/contract/name';

describe('isValidPhone', () => {
  it.each(['13812345678', '19912345678', '16600001111'])('accepts mainland mobile %s', (p) => {
    expect(isValidPhone(p)).toBe(true);
  });
  it.each(['12812345678', '1381234567', '138123456789', '+8613812345678', '021-6412345', ''])(
    'refuses %s',
    (p) => {
      expect(isValidPhone(p)).toBe(false);
    },
  );
});

describe('maskPhone', () => {
  it('shows only the first 3 and the last 4 digits', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
  });
});

describe('isValidName', () => {
  it.each(['张三', '欧阳娜娜', '买买提·艾力', 'Anna'])('accepts %s', (n) =>
    expect(isValidName(n)).toBe(true),
  );
  it.each(['张', '张三3', '', 'a'.repeat(21), '张<script>'])('refuses %s', (n) =>
    expect(isValidName(n)).toBe(false),
  );
});
