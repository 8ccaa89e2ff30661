import {
  fieldType,
  fieldValue,
  templateData,
  TemplateFieldError,
} from '../../../server/src/modules/messages/template-fields';

const input = {
  kind: 'booking' as const,
  title: '青年驿站预约已通过，请按时入住并携带身份证',
  body: '详情请在小程序中查看',
  at: new Date('2026-07-01T01:05:00Z'), // 09:05 in Beijing
};

describe('subscribe-message fields follow each WeChat field type', () => {
  it('reads the type from the key, and knows no other', () => {
    expect(fieldType('thing1')).toBe('thing');
    expect(fieldType('character_string12')).toBe('character_string');
    expect(fieldType('phrase2')).toBe('phrase');
    for (const bad of ['thing', 'thing0', 'things1', 'Thing1', 'time_3'])
      expect(fieldType(bad)).toBeNull();
  });

  it('builds the data from the template’s own keys', () => {
    const data = templateData(
      { id: 'T', fields: { thing4: 'title', phrase2: 'kind', time3: 'time', date5: 'time' } },
      input,
    );
    expect(data).toEqual({
      thing4: { value: '青年驿站预约已通过，请按时入住并携带身…' },
      phrase2: { value: '预约审核' },
      time3: { value: '2026年7月1日 09:05' },
      date5: { value: '2026年7月1日' },
    });
    expect([...data.thing4.value]).toHaveLength(20);
  });

  it('keeps a thing of 20 characters whole', () => {
    const twenty = '一二三四五六七八九十一二三四五六七八九十';
    expect(fieldValue('thing1', 'title', { ...input, title: twenty })).toBe(twenty);
  });

  it('refuses a phrase longer than 5 characters or with anything but Chinese', () => {
    expect(fieldValue('phrase1', { value: '已通过' }, input)).toBe('已通过');
    expect(() => fieldValue('phrase1', { value: '已经审核通过' }, input)).toThrow(
      TemplateFieldError,
    );
    expect(() => fieldValue('phrase1', { value: 'OK' }, input)).toThrow(/phrase1/);
  });

  it('refuses Chinese or more than 32 characters in a character_string', () => {
    expect(fieldValue('character_string1', { value: 'NS-2026-01' }, input)).toBe('NS-2026-01');
    expect(() => fieldValue('character_string1', { value: '编号1' }, input)).toThrow(
      TemplateFieldError,
    );
    expect(() => fieldValue('character_string1', { value: 'x'.repeat(33) }, input)).toThrow(
      TemplateFieldError,
    );
  });

  it('checks numbers, letters, symbols, amounts and phone numbers', () => {
    expect(fieldValue('number1', { value: '12.5' }, input)).toBe('12.5');
    expect(() => fieldValue('number1', { value: '12 h' }, input)).toThrow(TemplateFieldError);
    expect(() => fieldValue('letter1', { value: 'ab1' }, input)).toThrow(TemplateFieldError);
    expect(fieldValue('symbol1', { value: '★' }, input)).toBe('★');
    expect(fieldValue('amount1', { value: '¥400.00' }, input)).toBe('¥400.00');
    expect(() => fieldValue('amount1', { value: '四百元' }, input)).toThrow(TemplateFieldError);
    expect(() => fieldValue('phone_number1', { value: '1'.repeat(18) }, input)).toThrow(
      TemplateFieldError,
    );
  });

  it('keeps names to 10 Chinese characters or 20 letters, never a mix', () => {
    expect(fieldValue('name1', { value: '青年汇服务中心' }, input)).toBe('青年汇服务中心');
    expect(fieldValue('name1', { value: '一二三四五六七八九十一' }, input)).toBe(
      '一二三四五六七八九…',
    );
    expect(() => fieldValue('name1', { value: '青年Hub' }, input)).toThrow(TemplateFieldError);
  });

  it('puts only the event time into time and date fields, and never an empty value', () => {
    expect(() => fieldValue('time1', 'title', input)).toThrow(TemplateFieldError);
    expect(() => fieldValue('thing1', 'time', input)).toThrow(TemplateFieldError);
    expect(() => fieldValue('thing1', 'body', { ...input, body: '  ' })).toThrow(/值为空/);
  });
});
