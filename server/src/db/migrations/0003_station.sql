-- 青年驿站 talent-station beds. The database keeps the invariants:
-- * per-night inventory rows: a booking takes a night with a conditional UPDATE (taken < beds AND
--   NOT closed), and CHECK (taken <= beds) refuses any write that would oversell;
-- * one active booking per person: a partial unique index;
-- * the nights allowance: one row per person, raised only by a conditional upsert.

-- Station-network settings: one row (id = 1). Every rule of the service is a setting.
CREATE TABLE station_settings (
  id                        smallint PRIMARY KEY DEFAULT 1 CHECK (id = 1),
  min_age                   integer NOT NULL DEFAULT 18,
  max_age                   integer NOT NULL DEFAULT 35,
  max_nights_per_stay       integer NOT NULL DEFAULT 7 CHECK (max_nights_per_stay BETWEEN 1 AND 30),
  allowance_nights          integer NOT NULL DEFAULT 7 CHECK (allowance_nights >= 0),
  allowance_window_months   integer NOT NULL DEFAULT 12 CHECK (allowance_window_months BETWEEN 1 AND 60),
  graduating_within_months  integer NOT NULL DEFAULT 12,
  auto_approve              boolean NOT NULL DEFAULT false,
  horizon_days              integer NOT NULL DEFAULT 42 CHECK (horizon_days BETWEEN 1 AND 366),
  check_in_from             text NOT NULL DEFAULT '14:00',
  check_in_until            text NOT NULL DEFAULT '22:00',
  updated_at                timestamptz NOT NULL DEFAULT now()
);
INSERT INTO station_settings (id) VALUES (1);

-- A station is an organization of kind 'station'; its room types carry the bed counts.
CREATE TABLE station_room_types (
  id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  station_id bigint NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  code       text NOT NULL,
  name       text NOT NULL,
  gender     text NOT NULL DEFAULT 'any' CHECK (gender IN ('any', 'male', 'female')),
  beds       integer NOT NULL CHECK (beds >= 0),
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (station_id, code)
);

-- Inventory: one row per room type and night.
CREATE TABLE station_nights (
  room_type_id bigint NOT NULL REFERENCES station_room_types (id) ON DELETE CASCADE,
  station_id   bigint NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  night        date NOT NULL,
  beds         integer NOT NULL CHECK (beds >= 0),
  taken        integer NOT NULL DEFAULT 0 CHECK (taken >= 0),
  closed       boolean NOT NULL DEFAULT false,
  PRIMARY KEY (room_type_id, night),
  CONSTRAINT station_nights_not_oversold CHECK (taken <= beds)
);
CREATE INDEX station_nights_station_night_idx ON station_nights (station_id, night);

-- Optional proof a resident uploads (interview notice, offer, student card): a small image kept
-- as base64 text (same on both drivers), seen only by its owner and the staff of the station
-- the booking is for.
CREATE TABLE station_proofs (
  id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  user_id    bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  kind       text NOT NULL CHECK (kind IN ('interview', 'offer', 'student_card', 'other')),
  mime       text NOT NULL CHECK (mime IN ('image/png', 'image/jpeg')),
  data       text NOT NULL,
  bytes      integer NOT NULL CHECK (bytes > 0),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX station_proofs_user_idx ON station_proofs (user_id);

CREATE TABLE station_bookings (
  id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  user_id         bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  station_id      bigint NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  room_type_id    bigint NOT NULL REFERENCES station_room_types (id) ON DELETE CASCADE,
  check_in        date NOT NULL,
  check_out       date NOT NULL,
  status          text NOT NULL CHECK (status IN
                    ('requested', 'approved', 'rejected', 'checked_in', 'checked_out', 'cancelled', 'no_show', 'expired')),
  declared_status text NOT NULL CHECK (declared_status IN ('job_seeking', 'newly_employed', 'graduating')),
  graduation_date date,
  proof_note      text,
  proof_id        bigint REFERENCES station_proofs (id) ON DELETE SET NULL,
  reject_reason   text,
  created_at      timestamptz NOT NULL,
  decided_at      timestamptz,
  checked_in_at   timestamptz,
  checked_out_at  timestamptz,
  cancelled_at    timestamptz,
  -- set when the day-before check-in reminder went out (sent once)
  reminded_at     timestamptz,
  CHECK (check_out > check_in)
);
-- One active booking per person, whatever the station.
CREATE UNIQUE INDEX station_bookings_one_active_idx ON station_bookings (user_id)
  WHERE status IN ('requested', 'approved', 'checked_in');
CREATE INDEX station_bookings_station_idx ON station_bookings (station_id, check_in);
CREATE INDEX station_bookings_user_idx ON station_bookings (user_id, id);

-- The nights a booking holds right now: released nights are deleted (and given back to stock in
-- the same transaction), so count(*) per (room type, night) always equals station_nights.taken.
CREATE TABLE station_booking_nights (
  booking_id   bigint NOT NULL REFERENCES station_bookings (id) ON DELETE CASCADE,
  room_type_id bigint NOT NULL,
  night        date NOT NULL,
  PRIMARY KEY (booking_id, night),
  FOREIGN KEY (room_type_id, night) REFERENCES station_nights (room_type_id, night)
);
CREATE INDEX station_booking_nights_night_idx ON station_booking_nights (room_type_id, night);

-- The allowance: nights held or used in the person's current window (across all stations).
CREATE TABLE station_allowances (
  user_id      bigint PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
  window_start date NOT NULL,
  nights_used  integer NOT NULL CHECK (nights_used >= 0)
);

