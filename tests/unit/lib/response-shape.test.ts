import { LIST, matchesShape } from '@/lib/response-shape';

describe('matchesShape — the outline request() checks a 2xx answer against', () => {
  it('takes a list answer with its items array', () => {
    expect(matchesShape({ items: [] }, LIST)).toBe(true);
    expect(matchesShape({ items: [{ id: '1' }], next: null }, LIST)).toBe(true);
  });

  it.each([
    ['an HTML page a proxy sent with 200', '<html>portal</html>'],
    ['an empty body', ''],
    ['null', null],
    ['a bare array', [{ id: '1' }]],
    ['items missing', { list: [] }],
    ['items not an array', { items: { 0: 'a' } }],
    ['items null', { items: null }],
  ])('refuses %s', (_what, body) => {
    expect(matchesShape(body, LIST)).toBe(false);
  });

  it('checks each named field by kind, and lets a field marked ? be null or absent', () => {
    const shape = { items: 'array', unread: 'number', next: 'string?' } as const;
    expect(matchesShape({ items: [], unread: 0, next: 'c1' }, shape)).toBe(true);
    expect(matchesShape({ items: [], unread: 0, next: null }, shape)).toBe(true);
    expect(matchesShape({ items: [], unread: 0 }, shape)).toBe(true);
    expect(matchesShape({ items: [], unread: '0', next: null }, shape)).toBe(false);
    expect(matchesShape({ items: [], unread: 0, next: 7 }, shape)).toBe(false);
    expect(matchesShape({ items: [], next: null }, shape)).toBe(false);
  });

  it('tells an object from an array and from null', () => {
    expect(matchesShape({ station: {} }, { station: 'object' })).toBe(true);
    expect(matchesShape({ station: [] }, { station: 'object' })).toBe(false);
    expect(matchesShape({ station: null }, { station: 'object' })).toBe(false);
    expect(matchesShape({ station: null }, { station: 'object?' })).toBe(true);
  });

  it('checks the whole body when given one kind', () => {
    expect(matchesShape([], 'array')).toBe(true);
    expect(matchesShape({}, 'array')).toBe(false);
    expect(matchesShape(true, 'boolean')).toBe(true);
    expect(matchesShape('yes', 'boolean')).toBe(false);
  });
});
