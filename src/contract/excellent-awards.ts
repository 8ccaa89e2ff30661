// 优秀学员 awards: what staff see when they pick, and what the learner sees and redeems. The rule
// itself is in excellent-learner.ts (pure, shared with anyone who recomputes the pick).
import { Type, type Static } from '@sinclair/typebox';

const Id = Type.String({ pattern: '^[0-9]{1,18}$' });
const Instant = Type.String({ format: 'date-time' });

export const AwardSchema = Type.Object({
  id: Type.String(),
  termId: Type.String(),
  termName: Type.String(),
  courseId: Type.String(),
  courseTitle: Type.String(),
  /** Masked for staff lists (王*青); the learner's own list carries their own name unmasked. */
  name: Type.String(),
  present: Type.Integer(),
  selfCheckIns: Type.Integer(),
  /** The public tie-break ticket (sha256 hex), recomputable from the term's seed. */
  ticket: Type.String(),
  pickedAt: Instant,
  redeemed: Type.Union([
    Type.Object({ courseId: Type.String(), courseTitle: Type.String(), at: Instant }),
    Type.Null(),
  ]),
});
export type Award = Static<typeof AwardSchema>;

/** Staff's view of a term's picks: the seed is published with them, so the tickets can be checked. */
export const TermAwardsSchema = Type.Object({
  termId: Type.String(),
  seed: Type.String(),
  items: Type.Array(AwardSchema),
});
export type TermAwards = Static<typeof TermAwardsSchema>;

/** The learner's awards, each with the term it can be used in (null: not announced yet). */
export const MyAwardSchema = Type.Composite([
  AwardSchema,
  Type.Object({
    nextTerm: Type.Union([
      Type.Object({
        id: Type.String(),
        name: Type.String(),
        opensAt: Instant,
        closesAt: Instant,
      }),
      Type.Null(),
    ]),
  }),
]);
export type MyAward = Static<typeof MyAwardSchema>;

export const RedeemAwardBodySchema = Type.Object({ courseId: Id }, { additionalProperties: false });
export type RedeemAwardBody = Static<typeof RedeemAwardBodySchema>;
