-- Who may stay, as settings (the district's, and a station's own where it sets them), and the
-- eligibility hold.
-- * Graduation window: a graduate is eligible from graduating_within_months before their
--   graduation to graduated_within_months after it (12 before, 24 after by default).
-- * "No home of my own in this city": declared when booking where required, kept with the booking
--   (no_local_home_declared_at).
-- * Proof (interview notice, offer, student card): required or optional.
-- * The hold: a booking may first hold its nights (status 'held', until held_until) while the guest
--   completes the eligibility form; a hold never completed is released by a job. A held booking
--   holds its nights like any other (station_booking_nights, station_nights.taken), so the
--   inventory invariant is unchanged, and it takes part in the no-overlap constraint.
-- * Review: staff review a submitted request within review_working_days working days; the ones
--   not reviewed by then are listed for the committee (submitted_at starts the clock).
ALTER TABLE station_settings
  ADD COLUMN graduated_within_months integer NOT NULL DEFAULT 24
    CHECK (graduated_within_months BETWEEN 0 AND 120),
  ADD COLUMN no_local_home_required boolean NOT NULL DEFAULT true,
  ADD COLUMN proof_required boolean NOT NULL DEFAULT false,
  ADD COLUMN hold_minutes integer NOT NULL DEFAULT 30 CHECK (hold_minutes BETWEEN 5 AND 240),
  ADD COLUMN review_working_days integer NOT NULL DEFAULT 3
    CHECK (review_working_days BETWEEN 1 AND 30);

ALTER TABLE station_rules
  ADD COLUMN graduating_within_months integer CHECK (graduating_within_months BETWEEN 0 AND 120),
  ADD COLUMN graduated_within_months integer CHECK (graduated_within_months BETWEEN 0 AND 120),
  ADD COLUMN no_local_home_required boolean,
  ADD COLUMN proof_required boolean;

ALTER TABLE station_bookings
  ADD COLUMN no_local_home_declared_at timestamptz,
  ADD COLUMN held_until timestamptz,
  ADD COLUMN submitted_at timestamptz,
  ALTER COLUMN declared_status DROP NOT NULL;
UPDATE station_bookings SET submitted_at = created_at;

ALTER TABLE station_bookings DROP CONSTRAINT station_bookings_status_check;
ALTER TABLE station_bookings ADD CONSTRAINT station_bookings_status_check CHECK (status IN
  ('held', 'requested', 'approved', 'rejected', 'checked_in', 'checked_out', 'cancelled', 'no_show', 'expired'));
-- Only a hold (or one that lapsed) lacks the declared status; a hold always has its deadline.
ALTER TABLE station_bookings ADD CONSTRAINT station_bookings_declared
  CHECK (declared_status IS NOT NULL OR held_until IS NOT NULL);
ALTER TABLE station_bookings ADD CONSTRAINT station_bookings_hold_has_deadline
  CHECK (status <> 'held' OR held_until IS NOT NULL);

ALTER TABLE station_bookings DROP CONSTRAINT station_bookings_no_overlap;
ALTER TABLE station_bookings ADD CONSTRAINT station_bookings_no_overlap
  EXCLUDE USING gist (
    int8range(user_id * 1000000 + (check_in - DATE '1970-01-01'),
              user_id * 1000000 + (check_out - DATE '1970-01-01')) WITH &&
  ) WHERE (status IN ('held', 'requested', 'approved', 'checked_in'));

CREATE INDEX station_bookings_held_idx ON station_bookings (held_until) WHERE status = 'held';
CREATE INDEX station_bookings_requested_idx ON station_bookings (submitted_at) WHERE status = 'requested';
