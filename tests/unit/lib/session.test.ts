import { hasLiveSession } from '@/lib/session';

jest.mock('@/lib/storage', () => ({
  // the persisted store needs a storage; a Map stands in for wx storage in node
  taroStorage: (() => {
    const m = new Map<string, string>();
    return {
      getItem: (k: string) => m.get(k) ?? null,
      setItem: (k: string, v: string) => m.set(k, v),
      removeItem: (k: string) => m.delete(k),
    };
  })(),
}));

describe('hasLiveSession', () => {
  const now = Date.parse('2026-11-23T12:00:00Z');
  it('is true for a token that expires later', () => {
    expect(hasLiveSession({ token: 't', expiresAt: '2026-11-30T12:00:00Z' }, now)).toBe(true);
  });
  it('is false once the token has expired, or when there is none', () => {
    expect(hasLiveSession({ token: 't', expiresAt: '2026-11-23T11:59:59Z' }, now)).toBe(false);
    expect(hasLiveSession({ token: null, expiresAt: '2026-11-30T12:00:00Z' }, now)).toBe(false);
  });
});
