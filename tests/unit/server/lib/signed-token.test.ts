import { signToken, verifyToken } from '../../../../server/src/lib/signed-token';

const SECRET = 'test-secret';
const at = (iso: string) => new Date(iso);

describe('signed tokens for codes people scan', () => {
  const token = signToken(SECRET, {
    p: 'volunteer-checkin',
    s: '42',
    exp: Date.parse('2026-07-01T09:00:30Z') / 1000,
  });

  it('verifies a token with its purpose before it expires', () => {
    expect(verifyToken(SECRET, token, 'volunteer-checkin', at('2026-07-01T09:00:10Z'))).toEqual({
      ok: true,
      payload: { p: 'volunteer-checkin', s: '42', exp: Date.parse('2026-07-01T09:00:30Z') / 1000 },
    });
  });

  it.each([
    ['expired', token, 'volunteer-checkin', '2026-07-01T09:00:31Z'],
    ['wrong-purpose', token, 'station-booking', '2026-07-01T09:00:10Z'],
    [
      'forged',
      `${token.split('.')[0]}.AAAAAAAAAAAAAAAAAAAAAA`,
      'volunteer-checkin',
      '2026-07-01T09:00:10Z',
    ],
    [
      'forged',
      signToken('another-secret', { p: 'volunteer-checkin', s: '42' }),
      'volunteer-checkin',
      '2026-07-01T09:00:10Z',
    ],
    ['malformed', 'not-a-token', 'volunteer-checkin', '2026-07-01T09:00:10Z'],
    ['malformed', `${token}.extra`, 'volunteer-checkin', '2026-07-01T09:00:10Z'],
  ])('refuses a token that is %s', (reason, candidate, purpose, when) => {
    expect(verifyToken(SECRET, candidate, purpose, at(when))).toEqual({ ok: false, reason });
  });

  it('judges an offline scan by the time it was scanned, not when it was uploaded', () => {
    expect(verifyToken(SECRET, token, 'volunteer-checkin', at('2026-07-01T09:00:29Z')).ok).toBe(
      true,
    );
  });
});
