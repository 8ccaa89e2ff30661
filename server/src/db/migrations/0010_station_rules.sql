-- Per-station booking rules. station_settings (one row) stays the district's defaults, which only
-- the committee (admin) changes; a station's staff may set their own station's auto-approval,
-- free-night allowance and nights per stay here. A NULL column keeps the district default.
-- The allowance counter stays one per person across stations: a booking is checked against the
-- allowance of the station it is for.
CREATE TABLE station_rules (
  station_id          bigint PRIMARY KEY REFERENCES organizations (id) ON DELETE CASCADE,
  auto_approve        boolean,
  allowance_nights    integer CHECK (allowance_nights >= 0),
  max_nights_per_stay integer CHECK (max_nights_per_stay BETWEEN 1 AND 30),
  updated_at          timestamptz NOT NULL DEFAULT now()
);
