-- The public lottery (algorithm 2) and the public round statistics.
-- A lottery term announces its draw time with the term (after the window closes); its applicant
-- list is frozen and hashed at the close; a second staff member, not the one who created the term
-- and so committed its seed, enters a value published after the close; the seed actually used
-- mixes all three. Seats dealt from a waitlist, and when each seat went, are kept for the public
-- statistics.

ALTER TABLE ns_terms
  ADD COLUMN draw_at timestamptz,
  ADD COLUMN created_by bigint REFERENCES users (id),
  ADD COLUMN draw_algorithm smallint NOT NULL DEFAULT 2,
  ADD COLUMN applicants_frozen_at timestamptz,
  ADD COLUMN applicant_list_hash text,
  ADD COLUMN public_value text,
  ADD COLUMN public_value_source text,
  ADD COLUMN public_value_by bigint REFERENCES users (id),
  ADD COLUMN public_value_at timestamptz,
  ADD COLUMN draw_seed text;

-- Terms drawn before this migration used algorithm 1 (user ids, no mixing); lottery terms not
-- yet drawn are announced for the day after their close.
UPDATE ns_terms SET draw_algorithm = 1 WHERE drawn_at IS NOT NULL;
UPDATE ns_terms SET draw_at = closes_at + interval '1 day' WHERE allocation = 'lottery';

ALTER TABLE ns_terms
  ADD CONSTRAINT ns_terms_draw_at_announced CHECK (allocation <> 'lottery' OR draw_at IS NOT NULL),
  ADD CONSTRAINT ns_terms_draw_after_close CHECK (draw_at IS NULL OR draw_at > closes_at),
  -- the two-person rule, kept by the database too: the public value is never entered by the
  -- staff member whose request committed the seed
  ADD CONSTRAINT ns_terms_public_value_second_person CHECK (public_value_by IS NULL OR public_value_by IS DISTINCT FROM created_by),
  ADD CONSTRAINT ns_terms_public_value_whole CHECK ((public_value IS NULL) = (public_value_by IS NULL));

-- Per course, the applicants frozen at the close: [{"u": userId, "p": pseudonym}], by pseudonym.
ALTER TABLE ns_courses ADD COLUMN frozen_applicants jsonb;

-- When a seat went, and whether it went to someone who was waiting: set by the database on every
-- move into a seat, whichever code path made it, from the row's own updated_at (the server clock).
ALTER TABLE ns_applications
  ADD COLUMN seated_at timestamptz,
  ADD COLUMN from_waitlist boolean NOT NULL DEFAULT false;
ALTER TABLE cc_enrollments
  ADD COLUMN seated_at timestamptz,
  ADD COLUMN from_waitlist boolean NOT NULL DEFAULT false;

CREATE FUNCTION seat_moves() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  seat text[] := CASE TG_TABLE_NAME WHEN 'ns_applications' THEN ARRAY['offered', 'confirmed']
                                    ELSE ARRAY['enrolled', 'offered'] END;
BEGIN
  IF NEW.status = ANY (seat) AND (TG_OP = 'INSERT' OR NOT (OLD.status = ANY (seat))) THEN
    NEW.seated_at := NEW.updated_at;
    IF TG_OP = 'UPDATE' AND OLD.status = 'waitlisted' THEN
      NEW.from_waitlist := true;
    END IF;
  END IF;
  RETURN NEW;
END;
$$;
CREATE TRIGGER ns_applications_seat_moves BEFORE INSERT OR UPDATE OF status ON ns_applications
  FOR EACH ROW EXECUTE FUNCTION seat_moves();
CREATE TRIGGER cc_enrollments_seat_moves BEFORE INSERT OR UPDATE OF status ON cc_enrollments
  FOR EACH ROW EXECUTE FUNCTION seat_moves();

-- Existing seats: their last change is the best record there is.
UPDATE ns_applications SET seated_at = updated_at WHERE status IN ('offered', 'confirmed');
UPDATE cc_enrollments SET seated_at = updated_at WHERE status IN ('enrolled', 'offered');

CREATE INDEX ns_terms_draw_due_idx ON ns_terms (draw_at) WHERE drawn_at IS NULL AND allocation = 'lottery';
