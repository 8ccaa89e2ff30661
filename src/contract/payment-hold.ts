// The 待支付 hold: how long a seat waits for its payment, on the server's clock only (the phone
// shows a countdown from the server's deadline and `now`, never from its own clock).

/**
 * When a hold started at `now` ends: `holdMinutes` later, but never after the offer it pays for
 * would have lapsed, so starting to pay can shorten an offer and never lengthen it.
 */
export function holdDeadline(now: Date, holdMinutes: number, offerExpiresAt: Date | null): Date {
  const end = new Date(now.getTime() + holdMinutes * 60_000);
  return offerExpiresAt && offerExpiresAt < end ? offerExpiresAt : end;
}

/** Whole seconds left on a hold at the server's `now` (0 once it has lapsed). */
export function holdSecondsLeft(now: Date, deadline: Date): number {
  return Math.max(0, Math.floor((deadline.getTime() - now.getTime()) / 1000));
}
