// Public figures of one round (a night-school term, a childcare programme): how many applied for
// how many seats, how many seats went to people who were waiting, and when the last seat went.
// The same shape for both services, so one page component draws both.
import { Type, type Static } from '@sinclair/typebox';

const Instant = Type.String({ format: 'date-time' });

export const RoundFiguresSchema = Type.Object({
  applicants: Type.Integer(),
  seats: Type.Integer(),
  /** Applicants per seat, one decimal. */
  ratio: Type.Number(),
  /** Seats now held by someone who got it from the waitlist. */
  fromWaitlist: Type.Integer(),
  /** When the last free seat went; null while seats are left. */
  lastSeatAt: Type.Union([Instant, Type.Null()]),
});
export type RoundFigures = Static<typeof RoundFiguresSchema>;

export const RoundStatsSchema = Type.Object({
  service: Type.Union([Type.Literal('night_school'), Type.Literal('childcare')]),
  id: Type.String(),
  name: Type.String(),
  /** Who runs it, or the season: one line under the name. */
  subtitle: Type.String(),
  totals: RoundFiguresSchema,
  items: Type.Array(
    Type.Intersect([
      Type.Object({ id: Type.String(), title: Type.String(), detail: Type.String() }),
      RoundFiguresSchema,
    ]),
  ),
});
export type RoundStats = Static<typeof RoundStatsSchema>;
