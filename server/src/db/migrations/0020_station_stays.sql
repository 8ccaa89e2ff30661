-- Several stays per person, across stations: a job seeker travelling between interviews books 3
-- nights at one station and 2 at another. "One active booking per person" gives way to "no two
-- active stays of one person share a night".
-- The rule is an exclusion constraint on an int8range built from (user_id, days since 1970) of
-- [check_in, check_out): the same trick as volunteer_signups_no_overlap, so plain gist on a range
-- type is enough and PGlite needs no btree_gist. Days since 1970 stay below 10^6 until the year
-- 4707, so two people's ranges never meet and one person's ranges overlap exactly when their stays
-- share a night (the check-out day is not a night: ranges are half-open).
-- The allowance stays the conditional upsert on station_allowances; its row is also the lock every
-- booking write of that person takes first, so one person's bookings queue instead of deadlocking.
DROP INDEX station_bookings_one_active_idx;
ALTER TABLE station_bookings ADD CONSTRAINT station_bookings_no_overlap
  EXCLUDE USING gist (
    int8range(user_id * 1000000 + (check_in - DATE '1970-01-01'),
              user_id * 1000000 + (check_out - DATE '1970-01-01')) WITH &&
  ) WHERE (status IN ('requested', 'approved', 'checked_in'));
