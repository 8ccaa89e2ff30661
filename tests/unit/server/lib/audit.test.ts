import { scrub } from '../../../../server/src/lib/audit';

describe('scrub (what the audit trail may keep)', () => {
  it('drops raw ID numbers, phones and secrets at any depth, keeps masked forms and everything else', () => {
    expect(
      scrub({
        name: '王小青',
        phone: '13812345678',
        phoneMasked: '138****5678',
        guardians: [{ name: '王父', phone: '13900000000', relation: '父亲' }],
        child: { idNumber: '310104201809010030', idNumberMasked: '310104********0030' },
        token: 'x',
        nights: 3,
      }),
    ).toEqual({
      name: '王小青',
      phoneMasked: '138****5678',
      guardians: [{ name: '王父', relation: '父亲' }],
      child: { idNumberMasked: '310104********0030' },
      nights: 3,
    });
  });
});
