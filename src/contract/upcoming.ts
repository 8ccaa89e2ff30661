import { Type, type Static } from '@sinclair/typebox';

/** What 我的 lists as coming up, across the four services. */
export const UPCOMING_KINDS = ['stay', 'childcare', 'session', 'shift'] as const;
export type UpcomingKind = (typeof UPCOMING_KINDS)[number];

/** How far ahead 我的 looks: a month covers a stay, a period, four sessions of a course. */
export const UPCOMING_DAYS = 30;

export const UpcomingItemSchema = Type.Object({
  kind: Type.Union(UPCOMING_KINDS.map((k) => Type.Literal(k))),
  /** Unique within the answer: kind and the row (and session number). */
  key: Type.String(),
  title: Type.String(),
  place: Type.String(),
  startsAt: Type.String({ format: 'date-time' }),
  endsAt: Type.String({ format: 'date-time' }),
  /** The page that manages it. */
  url: Type.String(),
});
export type UpcomingItem = Static<typeof UpcomingItemSchema>;

export const UpcomingListSchema = Type.Object({ items: Type.Array(UpcomingItemSchema) });
export type UpcomingList = Static<typeof UpcomingListSchema>;
