// The public figures of a round, totalled the same way for every service: a row per course or
// class from SQL, then the round's totals. The last seat of the round went when its last course
// filled; while any course has room there is no such time.
import type { RoundFigures } from '@/contract/round-stats';
import { applicantRatio } from '@/contract/night-school-rules';
import { toIso } from './format-time';

export interface SeatRow {
  capacity: number;
  taken: number;
  applicants: number;
  from_waitlist: number;
  last_seat_at: Date | string | null;
}

export function figuresOf(r: SeatRow): RoundFigures {
  const full = r.taken >= r.capacity && r.last_seat_at !== null;
  return {
    applicants: r.applicants,
    seats: r.capacity,
    ratio: applicantRatio(r.applicants, r.capacity),
    fromWaitlist: r.from_waitlist,
    lastSeatAt: full ? toIso(r.last_seat_at!) : null,
  };
}

/** `people` counts each person once, however many courses they applied for. */
export function totalsOf(rows: RoundFigures[], people: number): RoundFigures {
  const seats = rows.reduce((s, r) => s + r.seats, 0);
  const allFull = rows.length > 0 && rows.every((r) => r.lastSeatAt !== null);
  return {
    applicants: people,
    seats,
    ratio: applicantRatio(people, seats),
    fromWaitlist: rows.reduce((s, r) => s + r.fromWaitlist, 0),
    lastSeatAt: allFull
      ? rows
          .map((r) => r.lastSeatAt!)
          .sort()
          .at(-1)!
      : null,
  };
}
