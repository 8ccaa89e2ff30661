-- A guest's reported late arrival (晚到) on the first night, as the instant they expect to arrive.
-- While it has not passed (plus a grace period) the no-show job leaves the booking alone.
ALTER TABLE station_bookings ADD COLUMN late_arrival_at timestamptz;
