// When a held seat (a childcare waitlist offer, a night-school place) is about to lapse, the
// person is reminded once, this long before the deadline.
export const OFFER_REMINDER_MS = 6 * 3600_000;
