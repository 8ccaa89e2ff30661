// Organizer home: today's work across the services, each item one tap from its page.
import { Type, type Static } from '@sinclair/typebox';

export const TodayItemSchema = Type.Object({
  service: Type.Union([
    Type.Literal('station'),
    Type.Literal('childcare'),
    Type.Literal('night-school'),
    Type.Literal('volunteer'),
  ]),
  label: Type.String(),
  count: Type.Integer(),
  /** The page where this work is done. */
  url: Type.String(),
});
export type TodayItem = Static<typeof TodayItemSchema>;

export const TodaySchema = Type.Object({ date: Type.String(), items: Type.Array(TodayItemSchema) });
export type Today = Static<typeof TodaySchema>;
