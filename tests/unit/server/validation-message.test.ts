import { toErrorBody, validationMessage } from '../../../server/src/plugins/errors';
import { AppError } from '../../../server/src/errors';
import { stableStringify } from '../../../server/src/lib/stable-json';

describe('validationMessage', () => {
  it('names the missing field in Chinese', () => {
    expect(validationMessage([{ keyword: 'required', instancePath: '', params: { missingProperty: 'code' } }])).toBe(
      '缺少必填字段：code',
    );
  });
  it('names an unknown field', () => {
    expect(
      validationMessage([{ keyword: 'additionalProperties', instancePath: '', params: { additionalProperty: 'isAdmin' } }]),
    ).toBe('不支持的字段：isAdmin');
  });
  it('names a field of the wrong type', () => {
    expect(validationMessage([{ keyword: 'type', instancePath: '/name', params: {} }])).toBe('字段 name 的类型不正确');
  });
});

describe('toErrorBody', () => {
  it('keeps an AppError code, status and message', () => {
    expect(toErrorBody(new AppError('PHONE_INVALID', undefined, 400))).toEqual({
      statusCode: 400,
      code: 'PHONE_INVALID',
      error: 'Bad Request',
      message: '请输入正确的11位手机号',
    });
  });
  it('hides the message of an unexpected error', () => {
    const out = toErrorBody(new Error('connection string postgres://secret@db'));
    expect(out).toMatchObject({ statusCode: 500, code: 'INTERNAL' });
    expect(out.message).not.toContain('secret');
  });
});

describe('stableStringify', () => {
  it('does not depend on key order', () => {
    expect(stableStringify({ b: 1, a: [{ d: 2, c: 3 }] })).toBe(stableStringify({ a: [{ c: 3, d: 2 }], b: 1 }));
  });
});
