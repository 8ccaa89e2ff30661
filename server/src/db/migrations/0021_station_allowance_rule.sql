-- The allowance rule is a setting: 'nights' (N free nights per window, however many stays: the
-- rule so far, and the default) or 'one_stay' (one free stay per window, of at most the nights per
-- stay). The district sets it; a station may set its own, like its allowance of nights.
-- station_allowances counts both, whatever the rule, so a change of rule (or two stations with
-- different rules) judges everyone on what they really hold: a stay is counted while it holds a
-- night, and given back only when it gives back all of them (cancelled, rejected, expired).
ALTER TABLE station_settings ADD COLUMN allowance_rule text NOT NULL DEFAULT 'nights'
  CHECK (allowance_rule IN ('nights', 'one_stay'));
ALTER TABLE station_rules ADD COLUMN allowance_rule text
  CHECK (allowance_rule IN ('nights', 'one_stay'));
ALTER TABLE station_allowances ADD COLUMN stays_used integer NOT NULL DEFAULT 0
  CHECK (stays_used >= 0);

-- The stays already held in each open window, counted as its nights are (a stay charged after a
-- cancellation emptied the counter may begin before the window's first day).
UPDATE station_allowances a SET stays_used = (
  SELECT count(*) FROM station_bookings b
  WHERE b.user_id = a.user_id
    AND b.check_in > a.window_start - make_interval(months => (SELECT allowance_window_months FROM station_settings WHERE id = 1))
    AND EXISTS (SELECT 1 FROM station_booking_nights bn WHERE bn.booking_id = b.id))
WHERE a.nights_used > 0;
