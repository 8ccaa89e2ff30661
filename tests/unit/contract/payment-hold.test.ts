import { holdDeadline, holdSecondsLeft } from '@/contract/payment-hold';

// The server's clock: a seat won at 10:00:01 Beijing.
const serverNow = new Date('2026-03-01T02:00:01.000Z');

describe('the 待支付 hold on the server clock', () => {
  it('lasts the configured minutes from the server’s now', () => {
    expect(holdDeadline(serverNow, 30, null).toISOString()).toBe('2026-03-01T02:30:01.000Z');
    expect(holdDeadline(serverNow, 5, null).toISOString()).toBe('2026-03-01T02:05:01.000Z');
  });

  it('never outlasts the offer it pays for, and never lengthens it', () => {
    const offerEnds = new Date('2026-03-01T02:10:00.000Z');
    expect(holdDeadline(serverNow, 30, offerEnds)).toEqual(offerEnds);
    const later = new Date('2026-03-03T02:00:00.000Z');
    expect(holdDeadline(serverNow, 30, later).toISOString()).toBe('2026-03-01T02:30:01.000Z');
  });

  it('counts down in whole seconds from the server’s time, whatever the phone’s clock says', () => {
    const deadline = holdDeadline(serverNow, 30, null);
    expect(holdSecondsLeft(serverNow, deadline)).toBe(1800);
    expect(holdSecondsLeft(new Date(serverNow.getTime() + 1_799_500), deadline)).toBe(0);
    expect(holdSecondsLeft(new Date(serverNow.getTime() + 1_798_999), deadline)).toBe(1);
    expect(holdSecondsLeft(new Date(serverNow.getTime() + 3_600_000), deadline)).toBe(0);
  });
});
