import { checkProfile, fieldForCode, toUpdateBody } from '@/features/account/profile-rules';

const nothingSaved = { hasPhone: false, hasIdNumber: false };
const allSaved = { hasPhone: true, hasIdNumber: true };

describe('profile form rules (features/account/profile-rules)', () => {
  it('accepts a complete, valid first profile', () => {
    expect(
      checkProfile(
        { name: '王小青', phone: '13812345678', idNumber: '31010419900307123X' },
        nothingSaved,
      ),
    ).toEqual({});
  });

  it.each([
    [
      'a one-character name',
      { name: '王', phone: '13812345678', idNumber: '31010419900307123X' },
      'name',
    ],
    [
      'a landline instead of a mobile',
      { name: '王小青', phone: '02112345678', idNumber: '31010419900307123X' },
      'phone',
    ],
    [
      'an ID whose check digit is wrong',
      { name: '王小青', phone: '13812345678', idNumber: '310104199003071231' },
      'idNumber',
    ],
    [
      'a missing ID on a first profile',
      { name: '王小青', phone: '13812345678', idNumber: '' },
      'idNumber',
    ],
    [
      'a missing phone on a first profile',
      { name: '王小青', phone: '', idNumber: '31010419900307123X' },
      'phone',
    ],
  ])('flags %s', (_case, draft, field) => {
    expect(Object.keys(checkProfile(draft, nothingSaved))).toEqual([field]);
  });

  it('lets a resident with a saved phone and ID change only the name', () => {
    expect(checkProfile({ name: '王青', phone: '', idNumber: '' }, allSaved)).toEqual({});
    expect(toUpdateBody({ name: ' 王青 ', phone: '', idNumber: '' })).toEqual({ name: '王青' });
  });

  it('sends the ID with an upper-case X, as the server stores it', () => {
    expect(
      toUpdateBody({ name: '王小青', phone: '13812345678', idNumber: '31010419900307123x' })
        .idNumber,
    ).toBe('31010419900307123X');
  });

  it('routes server codes to the field they concern', () => {
    expect(fieldForCode('ID_NUMBER_INVALID')).toBe('idNumber');
    expect(fieldForCode('PHONE_INVALID')).toBe('phone');
    expect(fieldForCode('RATE_LIMITED')).toBeNull();
  });
});
