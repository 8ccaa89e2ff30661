import { toErrorBody, validationMessage } from '../../../server/src/plugins/errors';
import { AppError } from '../../../server/src/errors';
import { stableStringify } from '../../../server/src/lib/stable-json';

describe('validationMessage', () => {
  it('asks for a missing field by the name the form gives it', () => {
    expect(
      validationMessage([
        { keyword: 'required', instancePath: '', params: { missingProperty: 'capacity' } },
      ]),
    ).toBe('请填写「名额」');
  });
  it('says how long a text must be, in characters', () => {
    expect(
      validationMessage([{ keyword: 'minLength', instancePath: '/title', params: { limit: 2 } }]),
    ).toBe('「名称」太短，至少 2 个字');
    expect(
      validationMessage([{ keyword: 'minLength', instancePath: '/place', params: { limit: 1 } }]),
    ).toBe('请填写「地点」');
    expect(
      validationMessage([
        { keyword: 'maxLength', instancePath: '/description', params: { limit: 500 } },
      ]),
    ).toBe('「介绍」太长，最多 500 个字');
  });
  it('names the last field of a nested path, and keeps an unknown name as it is', () => {
    expect(
      validationMessage([{ keyword: 'pattern', instancePath: '/guardians/0/phone', params: {} }]),
    ).toBe('「手机号」的格式不正确');
    expect(validationMessage([{ keyword: 'type', instancePath: '/frobnicate', params: {} }])).toBe(
      '「frobnicate」的类型不正确',
    );
  });
  it('names an unknown field', () => {
    expect(
      validationMessage([
        {
          keyword: 'additionalProperties',
          instancePath: '',
          params: { additionalProperty: 'isAdmin' },
        },
      ]),
    ).toBe('不支持的字段：isAdmin');
  });
  it('names a field of the wrong type', () => {
    expect(validationMessage([{ keyword: 'type', instancePath: '/capacity', params: {} }])).toBe(
      '「名额」的类型不正确',
    );
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
    expect(stableStringify({ b: 1, a: [{ d: 2, c: 3 }] })).toBe(
      stableStringify({ a: [{ c: 3, d: 2 }], b: 1 }),
    );
  });
});
