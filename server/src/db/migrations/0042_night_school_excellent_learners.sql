-- 优秀学员: one learner per course, picked at term end by the published rule, with a free seat
-- outside the lottery in one course of the organization's next term.
CREATE TABLE ns_excellent_awards (
  id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  term_id           bigint NOT NULL REFERENCES ns_terms (id),
  course_id         bigint NOT NULL REFERENCES ns_courses (id),
  user_id           bigint NOT NULL REFERENCES users (id),
  present           integer NOT NULL,
  self_checkins     integer NOT NULL,
  ticket            text NOT NULL,
  picked_by         bigint NOT NULL REFERENCES users (id),
  picked_at         timestamptz NOT NULL,
  -- the seat the award became; set once (the conditional UPDATE that redeems checks it is NULL)
  redeemed_application_id bigint UNIQUE REFERENCES ns_applications (id),
  redeemed_at       timestamptz,
  -- one pick per course, however often staff press 评选
  UNIQUE (course_id)
);
CREATE INDEX ns_excellent_awards_user_idx ON ns_excellent_awards (user_id);

-- A lottery course's seats taken by redeemed awards when its list froze: the draw hands out
-- capacity − reserved, and the public draw page publishes both so anyone recomputes the same.
ALTER TABLE ns_courses ADD COLUMN frozen_reserved integer CHECK (frozen_reserved >= 0);
-- …and the pseudonyms holding such a seat then, with how many: they count toward the per-person
-- limit as the draw deals (published as the draw's heldBefore).
ALTER TABLE ns_terms ADD COLUMN frozen_held_before jsonb;
