-- The working days a station review is counted in: Monday to Friday, except the days listed here.
-- The committee keeps the list (PUT/DELETE /api/v1/stations/calendar-days/:day): 'holiday' is a
-- weekday off (法定节假日), 'workday' a weekend day worked in exchange (调休). Seeded empty: the
-- official dates come from the State Council's yearly notice, entered by the committee.
CREATE TABLE work_calendar_days (
  day date PRIMARY KEY,
  kind text NOT NULL CHECK (kind IN ('holiday', 'workday')),
  note text NOT NULL DEFAULT '' CHECK (char_length(note) <= 20),
  updated_at timestamptz NOT NULL DEFAULT now(),
  -- one meaning per row: a holiday on a weekend or a make-up workday on a weekday changes nothing
  CONSTRAINT work_calendar_days_meaningful CHECK (
    (kind = 'holiday') = (EXTRACT(ISODOW FROM day) BETWEEN 1 AND 5)
  )
);
